"""Suggest the division for a letter: keyword rules for a cold start, a calibrated model once trained."""

from .model import (
    FORMAT_VERSION,
    SUGGEST_MIN_CONFIDENCE,
    Router,
    RouterFormatError,
    RouteSuggestion,
    rules_router,
    train_router,
)
from .quality import (
    CalibrationBin,
    Coverage,
    HoldoutQuality,
    RouterQuality,
    coverage_at,
    cross_validate,
    holdout_evaluate,
)

__all__ = [
    "FORMAT_VERSION",
    "SUGGEST_MIN_CONFIDENCE",
    "CalibrationBin",
    "Coverage",
    "HoldoutQuality",
    "RouteSuggestion",
    "Router",
    "RouterFormatError",
    "RouterQuality",
    "coverage_at",
    "cross_validate",
    "holdout_evaluate",
    "rules_router",
    "train_router",
]
