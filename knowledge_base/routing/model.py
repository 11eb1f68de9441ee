"""The router: a linear model over text and rule features, calibrated on cross-fitted scores."""

from __future__ import annotations

import io
import os
import pickle
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import sklearn
from sklearn.feature_selection import chi2
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.svm import LinearSVC
from sklearn.utils.class_weight import compute_class_weight

from .features import Rules, TextFeatures, clean_rules, match_rules, normalise

FORMAT_VERSION = 2  # 2: n-gram hashes keep 48 bits (the low bits hold the row while counting)
# Older versions still read: version 1 stored 64-bit hashes, cut to 48 bits on loading.
_UPGRADABLE = (1,)
_MAGIC = b"DESK-ROUTER\n"

# Rules alone are a guess, not a measurement: however many keywords match, their share of the
# probability stays at most this much, so an admin threshold for automatic assignment is not met.
RULES_MAX_CONFIDENCE = 0.6
# Below this calibrated confidence a trained router's top label is not put to the office at all.
# Chosen on the inner folds of the shared training data (bench.route_eval, seeds 0 and 1): the
# lowest reliability bin whose letters are right at least 70% of the time starts at 0.6 (0.5-0.6:
# 64%, 0.4-0.5: 51%). Inner folds: 92.1% of letters still get a suggestion, 93.0% of those right
# (against 90.1% right when every letter gets one); held-out 20%: 91.4% and 91.1% (89.0%).
SUGGEST_MIN_CONFIDENCE = 0.6
# Fewer examples than this for a label and the label is left to the rules.
MIN_EXAMPLES_PER_LABEL = 3
# Above this many training letters the calibration uses one held-out part instead of cross-fitting.
CROSS_FIT_MAX = 20_000
CALIBRATION_FOLDS = 3
HOLDOUT_SHARE = 0.1
# Solver tolerance above CROSS_FIT_MAX letters. liblinear's default (1e-4) costs a pass over the
# data per iteration; with this many letters the estimate's sampling error dwarfs the difference,
# and 0.1 takes about a third of the passes.
LARGE_TOL = 0.1
# n-gram columns the SVC is fitted on, chosen by chi-squared (see _selected_columns).
SELECTED_FEATURES = 20_000
# Regularisation strengths tried by the inner cross-fit (small data only); the best macro-F1 wins.
C_GRID = (1.0, 4.0)


class RouterFormatError(ValueError):
    """Stored router bytes that this version of the library cannot or will not read."""


@dataclass(frozen=True, slots=True)
class RouteSuggestion:
    """One candidate label, its probability of being right and the rule keywords found in the text."""

    label: str
    confidence: float
    matched_keywords: tuple[str, ...] = ()


class _Linear:
    """The fitted SVC reduced to float32 weights: half the bytes, same scores to ~1e-6.

    The SVC saw only the selected columns; the others get weight 0, so scoring needs no selection.
    """

    def __init__(self, svc: LinearSVC | _OneVsRest, columns: np.ndarray, n_columns: int) -> None:
        self.coef = np.zeros((n_columns, len(svc.intercept_)), dtype=np.float32)
        self.coef[columns] = svc.coef_.T
        self.intercept = svc.intercept_.astype(np.float32)

    def decision_function(self, matrix) -> np.ndarray:
        return np.asarray(matrix @ self.coef) + self.intercept

    def score_row(self, cols: np.ndarray, values: np.ndarray) -> np.ndarray:
        """decision_function of one sparse row given as (columns, weights), by indexing the weights."""
        return values @ self.coef[cols] + self.intercept


class _Model:
    """Features + linear SVC scores + multinomial calibration of those scores."""

    def __init__(self, features: TextFeatures, linear: _Linear, calibrator: LogisticRegression) -> None:
        self.features = features
        self.linear = linear
        self.calibrator = calibrator

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.calibrator.classes_]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 1:  # the common case in the app: no sparse matrices, no input validation
            scores = self.linear.score_row(*self.features.row(texts[0]))[None, :]
            return _calibrated(self.calibrator, scores.astype(np.float64))
        scores = self.linear.decision_function(self.features.transform(texts))
        return self.calibrator.predict_proba(_as_2d(scores.astype(np.float64)))


def _calibrated(calibrator: LogisticRegression, scores: np.ndarray) -> np.ndarray:
    """calibrator.predict_proba(scores) computed directly (sklearn validates input: ~1 ms a call)."""
    logits = scores @ calibrator.coef_.T + calibrator.intercept_
    if logits.shape[1] == 1:  # two labels: a logistic of one score
        positive = 1 / (1 + np.exp(-logits[:, 0]))
        return np.column_stack((1 - positive, positive))
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def _as_2d(scores: np.ndarray) -> np.ndarray:
    return scores[:, None] if scores.ndim == 1 else scores


def _svc(seed: int, c: float, tol: float = 1e-4) -> LinearSVC:
    # dual=True is the fast solver when features outnumber letters; max_iter leaves room so that
    # no ConvergenceWarning is raised on hard data. Balanced class weights because small divisions
    # matter as much as large ones (the measure is macro-F1).
    return LinearSVC(C=c, dual=True, max_iter=5000, tol=tol, random_state=seed, class_weight="balanced")


class _OneVsRest:
    """LinearSVC's one-vs-rest problems solved in parallel threads (liblinear releases the GIL).

    liblinear solves class k against the rest with C * weight_k on the class and C on the rest; the
    binary problems here use the same costs, so the model is LinearSVC's, fitted in a fraction of
    the wall time on a machine with several cores.
    """

    def __init__(self, seed: int, c: float, workers: int, tol: float = 1e-4) -> None:
        self.seed, self.c, self.workers, self.tol = seed, c, workers, tol

    def fit(self, matrix, y: np.ndarray) -> _OneVsRest:
        self.classes_ = np.unique(y)
        weights = compute_class_weight("balanced", classes=self.classes_, y=y)
        x = matrix.astype(np.float64)  # once, rather than in every fit

        def one(k: int) -> LinearSVC:
            svc = LinearSVC(
                C=self.c,
                dual=True,
                max_iter=5000,
                tol=self.tol,
                random_state=self.seed,
                class_weight={0: 1.0, 1: weights[k]},
            )
            return svc.fit(x, (y == self.classes_[k]).astype(np.int8))

        with ThreadPoolExecutor(self.workers) as pool:
            fits = list(pool.map(one, range(len(self.classes_))))
        self.coef_ = np.vstack([f.coef_ for f in fits])
        self.intercept_ = np.concatenate([f.intercept_ for f in fits])
        return self

    def decision_function(self, matrix) -> np.ndarray:
        return np.asarray(matrix @ self.coef_.T) + self.intercept_


def _large_svc(seed: int, c: float, n_classes: int) -> LinearSVC | _OneVsRest:
    workers = min(
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4
    )
    if n_classes < 3 or workers < 2:
        return _svc(seed, c, LARGE_TOL)
    return _OneVsRest(seed, c, workers, LARGE_TOL)


def _calibrator() -> LogisticRegression:
    return LogisticRegression(C=1.0, max_iter=1000)


class Router:
    """Suggests labels for a text, from a trained model if there is one and from keyword rules."""

    def __init__(self, rules: Rules, model: _Model | None = None) -> None:
        self.rules = rules
        self._model = model

    @property
    def labels(self) -> list[str]:
        """Every label the router can suggest: the model's, then rule labels the model never saw."""
        known = self._model.labels if self._model else []
        return known + [label for label in self.rules if label not in known]

    @property
    def trained(self) -> bool:
        """True when suggestions come from a model learnt from examples, not from rules alone."""
        return self._model is not None

    def predict(self, text: str) -> list[RouteSuggestion]:
        """Every label, most likely first, with confidences that sum to at most 1."""
        return self.predict_many([text])[0]

    def predict_many(self, texts: Sequence[str]) -> list[list[RouteSuggestion]]:
        """predict() for many texts at once (faster than one by one)."""
        texts = list(texts)
        matches = [match_rules(normalise(t), self.rules) for t in texts]
        if self._model is not None:
            probabilities = self._model.probabilities(texts)
            labels = self._model.labels
        else:
            labels = list(self.rules)
            probabilities = [_rules_probabilities(m, labels) for m in matches]
        out = []
        for row, found in zip(probabilities, matches, strict=True):
            order = sorted(range(len(labels)), key=lambda i: (-row[i], labels[i]))
            out.append(
                [RouteSuggestion(labels[i], float(row[i]), tuple(found.get(labels[i], ()))) for i in order]
            )
        return out

    def to_bytes(self) -> bytes:
        """Serialise for a database column: a magic line, the format version, then a pickle."""
        state = {"sklearn": sklearn.__version__, "rules": self.rules, "model": self._model}
        return _MAGIC + FORMAT_VERSION.to_bytes(2, "big") + pickle.dumps(state, protocol=5)

    @classmethod
    def from_bytes(cls, data: bytes) -> Router:
        """Read bytes from to_bytes(); refuse other formats or versions before unpickling anything."""
        if not data.startswith(_MAGIC):
            raise RouterFormatError("not a stored router")
        version = int.from_bytes(data[len(_MAGIC) : len(_MAGIC) + 2], "big")
        if version != FORMAT_VERSION and version not in _UPGRADABLE:
            raise RouterFormatError(f"router format version {version}, this library reads {FORMAT_VERSION}")
        state = pickle.load(io.BytesIO(data[len(_MAGIC) + 2 :]))  # bytes we produced ourselves
        if state["sklearn"] != sklearn.__version__:
            raise RouterFormatError(f"router trained with scikit-learn {state['sklearn']}: retrain it")
        if version == 1 and state["model"] is not None:
            state["model"].features.cut_hashes()
        return cls(state["rules"], state["model"])


def _rules_probabilities(found: Mapping[str, list[str]], labels: list[str]) -> list[float]:
    """Uniform when nothing matches; else a mix of uniform and keyword shares, topping out at the cap."""
    n = len(labels)
    if not n:
        return []
    total = sum(len(v) for v in found.values())
    if n < 2 or not total:
        return [1 / n] * n
    # weight w of the keyword shares such that one label with every match gets exactly the cap
    w = (RULES_MAX_CONFIDENCE - 1 / n) / (1 - 1 / n)
    return [(1 - w) / n + w * len(found.get(lab, ())) / total for lab in labels]


def rules_router(rules: Mapping[str, Sequence[str]]) -> Router:
    """A router from keyword rules alone, for a cold start with no past assignments."""
    return Router(clean_rules(rules))


def train_router(
    texts: Sequence[str],
    labels: Sequence[str],
    rules: Mapping[str, Sequence[str]] | None = None,
    *,
    seed: int = 0,
    c: float | None = None,
) -> Router:
    """Learn a router from past (text, label) pairs, rules as features; rules alone if data is too thin.

    c is the SVC regularisation; None chooses it from C_GRID by the inner cross-fit (small data)
    or takes 1.0 (large data).
    """
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts for {len(labels)} labels")
    cleaned = clean_rules(rules)
    counts = Counter(str(label) for label in labels)
    usable = {label for label, n in counts.items() if n >= MIN_EXAMPLES_PER_LABEL}
    if len(usable) < 2:
        return Router(cleaned)
    keep = [i for i, label in enumerate(labels) if str(label) in usable]
    x = [texts[i] for i in keep]
    y = np.array([str(labels[i]) for i in keep])
    return Router(cleaned, _fit_model(x, y, cleaned, seed=seed, c=c))


def _fit_model(texts: list[str], y: np.ndarray, rules: Rules, *, seed: int, c: float | None) -> _Model:
    features = TextFeatures(rules)
    full = features.fit_transform(texts)
    n_columns, columns = full.shape[1], _selected_columns(full, y, len(features.rule_labels))
    matrix = full[:, columns]
    del full
    if len(texts) > CROSS_FIT_MAX:
        # Plenty of data: calibrate on a held-out tenth and keep the model fitted on the rest.
        fit_idx, cal_idx = train_test_split(
            np.arange(len(texts)), test_size=HOLDOUT_SHARE, stratify=y, random_state=seed
        )
        svc = _large_svc(seed, c or 1.0, len(np.unique(y))).fit(matrix[fit_idx], y[fit_idx])
        scores, score_y = _as_2d(svc.decision_function(matrix[cal_idx])), y[cal_idx]
    else:
        # Scores of each letter from a model that did not see it: they choose C and calibrate honestly.
        folds = min(CALIBRATION_FOLDS, int(min(Counter(y).values())))
        splits = list(StratifiedKFold(folds, shuffle=True, random_state=seed).split(matrix, y))
        best: tuple[float, float, np.ndarray] | None = None
        for candidate in (c,) if c else C_GRID:
            cand_scores = _cross_fit_scores(matrix, y, splits, seed, candidate)
            classes = np.unique(y)
            guess = classes[cand_scores.argmax(axis=1)] if cand_scores.shape[1] > 1 else None
            quality = macro_f1(y.tolist(), guess.tolist())[0] if guess is not None else 0.0
            if best is None or quality > best[0]:
                best = (quality, candidate, cand_scores)
        assert best is not None
        _, chosen, scores = best
        score_y = y
        svc = _svc(seed, chosen).fit(matrix, y)
    calibrator = _calibrator().fit(scores, score_y)
    return _Model(features, _Linear(svc, columns, n_columns), calibrator)


def _selected_columns(matrix, y: np.ndarray, n_rule_columns: int) -> np.ndarray:
    """The SELECTED_FEATURES n-gram columns of highest chi-squared with the labels, and every rule column.

    Most n-grams occur in a handful of letters and say nothing about the division; leaving them out
    of the SVC raises the macro-F1 and shortens the fit. Chosen on the inner folds only (5-fold CV
    of the 80% of the evaluation data that bench.route_eval does not hold out, CV seeds 0 and 1):
    15,000 / 20,000 / 30,000 / 50,000 / 70,000 columns gave 0.893 (seed 0) / 0.893 / 0.892 / 0.891 /
    0.893 (seed 0); 20,000 was then checked once on the held-out 20%: 0.889 against 0.875 for the
    earlier 50,000.
    """
    n_ngrams = matrix.shape[1] - n_rule_columns
    if n_ngrams <= SELECTED_FEATURES:
        return np.arange(matrix.shape[1])
    score, _ = chi2(matrix[:, :n_ngrams] if n_rule_columns else matrix, y)
    score = np.nan_to_num(score)  # an n-gram no training letter has scores nothing
    best = np.argsort(-score, kind="stable")[:SELECTED_FEATURES]
    return np.concatenate((np.sort(best), np.arange(n_ngrams, matrix.shape[1])))


def _cross_fit_scores(matrix, y: np.ndarray, splits: list, seed: int, c: float) -> np.ndarray:
    n_classes = len(np.unique(y))
    scores = np.zeros((len(y), n_classes if n_classes > 2 else 1))
    for fit_idx, cal_idx in splits:
        part = _svc(seed, c).fit(matrix[fit_idx], y[fit_idx])
        scores[cal_idx] = _as_2d(part.decision_function(matrix[cal_idx]))
    return scores


def macro_f1(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    """Mean F1 over the gold labels and the F1 of each (the shared scorer's definition)."""
    per_label = {}
    for label in sorted(set(gold)):
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        per_label[label] = 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    return (sum(per_label.values()) / len(per_label) if per_label else 0.0), per_label
