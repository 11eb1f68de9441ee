"""Retrieval library of the desk: Chinese tokenising, an incremental index, ranking, de-identifying.

Plain Python: it never imports Flask or the ``desk`` package.
"""

from knowledge_base.deidentify import Finding, Redaction, deidentify, find_personal_data, redact
from knowledge_base.index import REPLY_MIN_CONFIDENCE, Entry, KnowledgeIndex, RankingParams, Suggestion
from knowledge_base.starter import DIVISIONS, StarterAnswer, load_starter_answers

__all__ = [
    "DIVISIONS",
    "REPLY_MIN_CONFIDENCE",
    "Entry",
    "Finding",
    "KnowledgeIndex",
    "RankingParams",
    "Redaction",
    "StarterAnswer",
    "Suggestion",
    "deidentify",
    "find_personal_data",
    "load_starter_answers",
    "redact",
]
