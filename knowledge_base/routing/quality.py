"""Cross-validated quality of a router: macro-F1, accuracy, per-label F1 and calibration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.model_selection import StratifiedKFold, train_test_split

from .model import SUGGEST_MIN_CONFIDENCE, Router, macro_f1, train_router

CALIBRATION_BINS = 10


@dataclass(frozen=True, slots=True)
class CalibrationBin:
    """Letters whose top confidence fell in [low, high): how confident the router was, how often right."""

    low: float
    high: float
    n: int
    mean_confidence: float
    accuracy: float


@dataclass(frozen=True, slots=True)
class RouterQuality:
    """Figures from out-of-fold predictions, one per letter."""

    n: int
    folds: int
    macro_f1: float
    accuracy: float
    per_label_f1: dict[str, float]
    expected_calibration_error: float
    reliability: list[CalibrationBin] = field(default_factory=list)


def reliability(
    confidences: Sequence[float], correct: Sequence[bool], bins: int = CALIBRATION_BINS
) -> tuple[float, list[CalibrationBin]]:
    """Expected calibration error of the top-1 confidence and the reliability table behind it."""
    conf = np.asarray(confidences, dtype=float)
    right = np.asarray(correct, dtype=float)
    table, ece = [], 0.0
    edges = np.linspace(0, 1, bins + 1)
    for k in range(bins):
        low, high = edges[k], edges[k + 1]
        inside = (conf >= low) & ((conf < high) if k < bins - 1 else (conf <= high))
        n = int(inside.sum())
        if not n:
            continue
        mean_conf, acc = float(conf[inside].mean()), float(right[inside].mean())
        ece += n / len(conf) * abs(mean_conf - acc)
        table.append(CalibrationBin(float(low), float(high), n, mean_conf, acc))
    return ece, table


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[str],
    rules: Mapping[str, Sequence[str]] | None = None,
    folds: int = 5,
    *,
    seed: int = 0,
) -> RouterQuality:
    """Train on all folds but one, predict the one, for every fold; score the pooled predictions."""
    y = np.array([str(label) for label in labels])
    folds = max(2, min(folds, int(min(np.unique(y, return_counts=True)[1]))))
    predicted: list[str] = [""] * len(y)
    confidence = np.zeros(len(y))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(y)), y):
        router = train_router([texts[i] for i in train_idx], y[train_idx].tolist(), rules, seed=seed)
        for i, suggestions in zip(test_idx, router.predict_many([texts[i] for i in test_idx]), strict=True):
            predicted[i] = suggestions[0].label if suggestions else ""
            confidence[i] = suggestions[0].confidence if suggestions else 0.0
    gold = y.tolist()
    f1, per_label = macro_f1(gold, predicted)
    correct = [g == p for g, p in zip(gold, predicted, strict=True)]
    ece, table = reliability(confidence, correct)
    return RouterQuality(
        n=len(gold),
        folds=folds,
        macro_f1=f1,
        accuracy=sum(correct) / len(gold),
        per_label_f1=per_label,
        expected_calibration_error=ece,
        reliability=table,
    )


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a confidence threshold does: the share of letters still suggested and how often right."""

    threshold: float
    coverage: float
    accuracy: float


def coverage_at(confidences: Sequence[float], correct: Sequence[bool], threshold: float) -> Coverage:
    """Share of letters whose top confidence reaches the threshold, and the accuracy among them."""
    conf = np.asarray(confidences, dtype=float)
    right = np.asarray(correct, dtype=bool)
    kept = conf >= threshold
    n = int(kept.sum())
    return Coverage(threshold, n / len(conf) if len(conf) else 0.0, float(right[kept].mean()) if n else 0.0)


@dataclass(frozen=True, slots=True)
class HoldoutQuality:
    """Figures of a router trained without a held-out part, on that part."""

    n_train: int
    n_test: int
    macro_f1: float
    accuracy: float
    per_label_f1: dict[str, float]
    expected_calibration_error: float
    at_threshold: Coverage


def holdout_evaluate(
    texts: Sequence[str],
    labels: Sequence[str],
    rules: Mapping[str, Sequence[str]] | None = None,
    share: float = 0.2,
    *,
    seed: int = 0,
    threshold: float = SUGGEST_MIN_CONFIDENCE,
) -> tuple[Router, HoldoutQuality]:
    """Measure on a stratified held-out share, then train on everything; (that router, the figures)."""
    y = np.array([str(label) for label in labels])
    train_idx, test_idx = train_test_split(np.arange(len(y)), test_size=share, stratify=y, random_state=seed)
    router = train_router([texts[i] for i in train_idx], y[train_idx].tolist(), rules, seed=seed)
    predictions = router.predict_many([texts[i] for i in test_idx])
    gold = y[test_idx].tolist()
    predicted = [p[0].label if p else "" for p in predictions]
    confidence = [p[0].confidence if p else 0.0 for p in predictions]
    correct = [g == p for g, p in zip(gold, predicted, strict=True)]
    f1, per_label = macro_f1(gold, predicted)
    ece, _ = reliability(confidence, correct)
    quality = HoldoutQuality(
        n_train=len(train_idx),
        n_test=len(test_idx),
        macro_f1=f1,
        accuracy=sum(correct) / len(gold),
        per_label_f1=per_label,
        expected_calibration_error=ece,
        at_threshold=coverage_at(confidence, correct, threshold),
    )
    return train_router(list(texts), y.tolist(), rules, seed=seed), quality
