"""Candidates for 集中反映: open letters on the same matter as a case, by the knowledge base similarity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from desk.cases.kinds import letter_kinds
from desk.extensions import db
from desk.models import OPEN_STATES, Case
from desk.timeutil import utcnow
from knowledge_base import KnowledgeIndex

# How far back a letter may lie to be a candidate, and how many open letters are compared at most.
WINDOW = timedelta(days=90)
MAX_COMPARED = 2000


@dataclass(frozen=True)
class Candidate:
    """An open letter like the case, and the words they share."""

    case: Case
    score: float
    matched_terms: tuple[str, ...]


def similar_open_letters(case: Case, k: int = 5, min_score: float = 1.0) -> list[Candidate]:
    """Open letters, not yet in a group, most like this case (subject and content), best first."""
    kinds = [spec.code for spec in letter_kinds()]
    stmt = (
        select(Case)
        .where(
            Case.state.in_(OPEN_STATES),
            Case.kind.in_(kinds),
            Case.group_id.is_(None),
            Case.id != case.id,
            Case.received_at >= utcnow() - WINDOW,
        )
        .order_by(Case.received_at.desc())
        .limit(MAX_COMPARED)
    )
    others = {other.id: other for other in db.session.scalars(stmt)}
    if not others:
        return []
    index = KnowledgeIndex()
    for other in others.values():
        index.add(other.id, f"{other.subject}\n{other.content}", topic=other.subject)
    hits = index.suggest(f"{case.subject}\n{case.content}", k=k, min_score=min_score)
    return [Candidate(others[h.entry_id], h.score, h.matched_terms) for h in hits]
