"""Reading the knowledge base for its pages: the curated list, its topics, a past reply to reuse."""

from __future__ import annotations

from sqlalchemy import Select, or_, select

from desk.cases.queries import case_scope
from desk.extensions import db
from desk.models import Case, KnowledgeEntry, Reply, User


def entries_query(*, status: str | None, topic: str | None, words: str | None, sort: str | None) -> Select:
    """The entries the office browses: by status and topic, holding ``words`` in the question or the
    answer; most attended (used, found helpful, viewed) first, or most recently updated."""
    stmt = select(KnowledgeEntry)
    if status:
        stmt = stmt.where(KnowledgeEntry.status == status)
    if topic:
        stmt = stmt.where(KnowledgeEntry.topic == topic)
    if words and words.strip():
        word = words.strip()
        stmt = stmt.where(
            or_(
                KnowledgeEntry.question.contains(word, autoescape=True),
                KnowledgeEntry.answer.contains(word, autoescape=True),
            )
        )
    if sort == "recent":
        return stmt.order_by(KnowledgeEntry.updated_at.desc(), KnowledgeEntry.id)
    attention = KnowledgeEntry.used_count + KnowledgeEntry.helpful_count + KnowledgeEntry.viewed_count
    return stmt.order_by(attention.desc(), KnowledgeEntry.id)


def topic_counts(limit: int) -> list[tuple[str | None, int]]:
    """The ``limit`` topics with the most entries, and how many each has."""
    count = db.func.count()
    rows = db.session.execute(
        select(KnowledgeEntry.topic, count).group_by(KnowledgeEntry.topic).order_by(count.desc()).limit(limit)
    )
    return [(topic, n) for topic, n in rows]


def readable_reply_body(user: User, case_id: int) -> str | None:
    """The reply to a past case, if the user may read that case (the scope is in the query)."""
    return db.session.scalar(
        select(Reply.body).join(Case, Case.id == Reply.case_id).where(case_scope(user), Case.id == case_id)
    )
