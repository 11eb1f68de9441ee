"""A learned re-ranking of an index's best hits, fitted on the index's own entries.

Each entry's question is put to the rest of the index (leave one out); for every candidate among
the best hits, the target is how much of the entry's real answer the candidate's answer shares
(character F1, leaving out the formulas many of the index's answers share: greetings, thanks,
dates, set phrases; see ``formula_clauses``). A linear scorer over
a few features of each candidate (its relative BM25 score and rank, the channel scores, its
answer's length, agreement with the other candidates' answers and with the index's typical answer)
is fitted to maximise the expected F1 of the top pick, with a softmax over each query's candidates
(listwise). Nothing is fitted ahead of time or shipped: the weights come from the entries the
index holds when ``KnowledgeIndex.fit_reranker`` runs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

__all__ = [
    "CandidateSet",
    "ConfidenceCalibrator",
    "LinearReranker",
    "char_counts",
    "fit_confidence",
    "fit_listwise",
    "formula_clauses",
    "pairwise_f1",
    "strip_formulas",
]

# Cells of the temporary (rows x rows x characters) array ``pairwise_f1`` works on at once.
_BLOCK = 1 << 20


@dataclass
class CandidateSet:
    """The best hits of one query: their features (rows) and, when training, their targets."""

    features: np.ndarray
    targets: np.ndarray | None = None
    # For the confidence only (how strongly the query matched at all, which the relative features do
    # not say): each candidate's plain BM25 score, and the share of the query's character pairs that
    # candidate i's question holds (a function: it is wanted for the top candidate only).
    bm25: np.ndarray | None = None
    coverage: Callable[[int], float] | None = None


@dataclass(frozen=True)
class LinearReranker:
    """Standardise the features, then a weighted sum: higher is better."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray

    def score(self, features: np.ndarray) -> np.ndarray:
        return ((features - self.mean) / self.scale) @ self.weights


# Clauses are split at punctuation and whitespace; digits and Latin letters are folded, so dates,
# numbered names ("网友“UU008”您好") and the like count as one formula.
_CLAUSE_BREAK = re.compile(r"[，,。！？!?；;：:、\s]+")
_DIGITS = re.compile(r"[0-9０-９]+")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]+")


def _clause_key(clause: str) -> str:
    return _LATIN.sub("a", _DIGITS.sub("0", clause))


def formula_clauses(answers: Iterable[str], share: float, min_count: int = 3) -> frozenset[str]:
    """The (folded) clauses found in at least ``share`` of the answers, and in ``min_count`` or more.

    Learned from the index's own answers: a desk's greetings, thanks, dates and set phrases
    ("您的留言已收悉", "现将有关情况回复如下"), whatever its house style is.
    """
    seen: Counter[str] = Counter()
    n = 0
    for answer in answers:
        n += 1
        seen.update({_clause_key(c) for c in _CLAUSE_BREAK.split(answer) if c})
    floor = max(min_count, share * n)
    return frozenset(c for c, k in seen.items() if k >= floor)


def strip_formulas(answer: str, formulas: frozenset[str]) -> str:
    """The answer's clauses that are not formulas: what two replies share beyond their house style."""
    return "".join(c for c in _CLAUSE_BREAK.split(answer) if c and _clause_key(c) not in formulas)


def char_counts(packed: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Dense [answers x characters] count matrix of ``_char_pack``-ed answers, and the characters."""
    rows = np.repeat(np.arange(len(packed)), [len(a) for a in packed])
    flat = np.concatenate(packed) if packed else np.zeros(0, dtype=np.int64)
    chars, cols = np.unique(flat >> 16, return_inverse=True)
    counts = np.zeros((len(packed), len(chars)), dtype=np.float32)
    counts[rows, cols] = flat & 0xFFFF
    return counts, chars


def pairwise_f1(counts: np.ndarray, other: np.ndarray | None = None) -> np.ndarray:
    """Character F1 of every row of ``counts`` with every row of ``other`` (default: ``counts``).

    The overlaps sum_c min(a_c, b_c) are taken directly, in blocks of rows that keep the temporary
    array near ``_BLOCK`` cells (faster than indicator matrix products, whose threaded BLAS calls
    stall on a busy machine). An empty answer overlaps nothing, so scores 0.
    """
    other = counts if other is None else other
    overlap = np.empty((len(counts), len(other)), dtype=np.float32)
    step = max(1, _BLOCK // max(other.size, 1))
    for i in range(0, len(counts), step):
        overlap[i : i + step] = np.minimum(counts[i : i + step, None, :], other[None, :, :]).sum(axis=2)
    sizes_a, sizes_b = counts.sum(axis=1), other.sum(axis=1)
    return 2.0 * overlap / np.maximum(sizes_a[:, None] + sizes_b[None, :], 1.0)


def fit_listwise(sets: list[CandidateSet], l2: float) -> LinearReranker | None:
    """Weights maximising the mean over queries of the softmax-expected target, minus an L2 penalty.

    The softmax's sharpness is the weights' norm, so a small ``l2`` lets it approach the top pick.
    None when there is nothing to learn from (fewer than two candidates everywhere, or no targets).
    """
    sets = [s for s in sets if s.targets is not None and len(s.targets) > 1]
    if not sets:
        return None
    x = np.concatenate([s.features for s in sets]).astype(np.float64)
    y = np.concatenate([s.targets for s in sets]).astype(np.float64)  # type: ignore[misc]
    sizes = np.array([len(s.targets) for s in sets])  # type: ignore[arg-type]
    starts = np.r_[0, np.cumsum(sizes)[:-1]]
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale

    def objective(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        s -= np.repeat(np.maximum.reduceat(s, starts), sizes)
        e = np.exp(s)
        p = e / np.repeat(np.add.reduceat(e, starts), sizes)
        expected = np.add.reduceat(p * y, starts)
        grad_s = p * (y - np.repeat(expected, sizes))
        loss = -expected.mean() + l2 * float(w @ w)
        return loss, -(z.T @ grad_s) / len(sets) + 2.0 * l2 * w

    start = np.zeros(x.shape[1])
    start[0] = 1.0  # the first feature is the relative BM25 score: start from the plain order
    res = minimize(objective, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return LinearReranker(mean, scale, res.x)


@dataclass(frozen=True)
class ConfidenceCalibrator:
    """Logistic model of "the re-ranked top hit is useful" from how clearly it won and its features."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float

    def confidence(
        self, features: np.ndarray, learned: np.ndarray, bm25: np.ndarray, coverage: Callable[[int], float]
    ) -> float:
        """Probability that the best of these candidates (by the learned scores) is useful."""
        x = _confidence_features(features, learned, bm25, coverage)
        z = float(((x - self.mean) / self.scale) @ self.weights)
        return float(1.0 / (1.0 + math.exp(-(z + self.intercept))))


def _confidence_features(
    features: np.ndarray, learned: np.ndarray, bm25: np.ndarray, coverage: Callable[[int], float]
) -> np.ndarray:
    """The top candidate's softmax share, margin over the runner-up, BM25 score and query coverage,
    then its own re-ranking features."""
    order = np.argsort(-learned, kind="stable")
    top, second = int(order[0]), int(order[1])
    share = np.exp(learned - learned[top])
    head = [
        share[top] / share.sum(),
        learned[top] - learned[second],
        np.log1p(max(float(bm25[top]), 0.0)),
        coverage(top),
    ]
    return np.concatenate((head, features[top]))


def fit_confidence(
    model: LinearReranker, sets: list[CandidateSet], useful_f1: float
) -> ConfidenceCalibrator | None:
    """Fit the confidence on leave-one-out queries: is the re-ranked top's target >= useful_f1?

    None when every query's top is useful, or none is (nothing to tell apart).
    """
    from sklearn.linear_model import LogisticRegression

    rows, useful = [], []
    for s in sets:
        if s.targets is None or s.bm25 is None or s.coverage is None or len(s.targets) < 2:
            continue
        learned = model.score(s.features)
        rows.append(_confidence_features(s.features, learned, s.bm25, s.coverage))
        useful.append(bool(s.targets[int(np.argmax(learned))] >= useful_f1))
    if len(set(useful)) < 2:
        return None
    x = np.array(rows, dtype=np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    fitted = LogisticRegression(C=1.0, max_iter=1000).fit((x - mean) / scale, np.array(useful))
    return ConfidenceCalibrator(mean, scale, fitted.coef_[0], float(fitted.intercept_[0]))
