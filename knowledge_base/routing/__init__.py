"""Suggest the division for a letter: keyword rules for a cold start, a calibrated model once trained."""

from .model import FORMAT_VERSION, Router, RouterFormatError, RouteSuggestion, rules_router, train_router
from .quality import CalibrationBin, RouterQuality, cross_validate

__all__ = [
    "FORMAT_VERSION",
    "CalibrationBin",
    "RouteSuggestion",
    "Router",
    "RouterFormatError",
    "RouterQuality",
    "cross_validate",
    "rules_router",
    "train_router",
]
