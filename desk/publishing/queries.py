"""What the public pages and the office read of published letters and the public knowledge base."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select, update

from desk.extensions import db
from desk.models import (
    AskerNotice,
    Case,
    EntryStatus,
    EntryUpdate,
    KnowledgeEntry,
    LetterState,
    PublishedLetter,
)
from desk.models.knowledge import entry_sources
from desk.timeutil import today


@dataclass(frozen=True)
class LetterFilter:
    """A search of 信件选登: words, kind and month of receipt (YYYY-MM)."""

    words: str = ""
    kind: str = ""
    month: date | None = None


def _public():
    # Only approved letters whose writer still consents: a withdrawal hides the letter at once even
    # if something had failed to take it down.
    return (
        select(PublishedLetter)
        .join(Case, Case.id == PublishedLetter.case_id)
        .where(PublishedLetter.state == LetterState.PUBLISHED, Case.consent_publish.is_(True))
    )


def published_letters(search: LetterFilter):
    """The statement of the public list, newest reply first."""
    stmt = _public()
    for word in search.words.split()[:5]:
        stmt = stmt.where(
            or_(
                PublishedLetter.title.contains(word, autoescape=True),
                PublishedLetter.letter.contains(word, autoescape=True),
                PublishedLetter.reply.contains(word, autoescape=True),
            )
        )
    if search.kind:
        stmt = stmt.where(PublishedLetter.kind == search.kind)
    if search.month:
        start = search.month.replace(day=1)
        end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        stmt = stmt.where(PublishedLetter.received_on >= start, PublishedLetter.received_on < end)
    return stmt.order_by(PublishedLetter.replied_on.desc(), PublishedLetter.id.desc())


def published_letter(number: str) -> PublishedLetter | None:
    """One public letter by its case number."""
    return db.session.scalar(_public().where(Case.number == number))


def proposals():
    """Letters waiting for the office's review, oldest first."""
    return db.session.scalars(
        select(PublishedLetter)
        .where(PublishedLetter.state == LetterState.PROPOSED)
        .order_by(PublishedLetter.proposed_at)
    ).all()


def count_letter_views(letter_id: int) -> None:
    """Count that a citizen opened a published letter (a counter only)."""
    db.session.execute(
        update(PublishedLetter)
        .where(PublishedLetter.id == letter_id)
        .values(view_count=PublishedLetter.view_count + 1)
        .execution_options(synchronize_session=False)
    )


# --- the public knowledge base --------------------------------------------------------------

ATTENTION = ("read", "asked", "recent")


def _public_entries():
    on = today()
    return select(KnowledgeEntry).where(
        KnowledgeEntry.status == EntryStatus.PUBLISHED,
        KnowledgeEntry.public.is_(True),
        or_(KnowledgeEntry.valid_from.is_(None), KnowledgeEntry.valid_from <= on),
        or_(KnowledgeEntry.valid_until.is_(None), KnowledgeEntry.valid_until >= on),
    )


def last_updates():
    """Per entry, the moment of its last publication or material update."""
    return (
        select(EntryUpdate.entry_id, func.max(EntryUpdate.at).label("at"))
        .group_by(EntryUpdate.entry_id)
        .subquery()
    )


def public_answers(*, topics: Collection[str] | None = None, order: str = "read", limit: int = 100):
    """Public entries (of the stored ``topics``, when given) by attention: most read, most asked,
    recently updated.

    Most asked counts the letters an entry was made from and the times it was suggested to a
    citizen who was typing a question.
    """
    updated = last_updates()
    asked_letters = (
        select(entry_sources.c.entry_id, func.count().label("n"))
        .group_by(entry_sources.c.entry_id)
        .subquery()
    )
    asked = KnowledgeEntry.shown_count + func.coalesce(asked_letters.c.n, 0)
    last = func.coalesce(updated.c.at, KnowledgeEntry.updated_at)
    stmt = (
        _public_entries()
        .add_columns(last.label("updated"), asked.label("asked"))
        .outerjoin(updated, updated.c.entry_id == KnowledgeEntry.id)
        .outerjoin(asked_letters, asked_letters.c.entry_id == KnowledgeEntry.id)
    )
    if topics is not None:
        stmt = stmt.where(KnowledgeEntry.topic.in_(list(topics)))
    if order == "recent":
        stmt = stmt.order_by(last.desc(), KnowledgeEntry.id)
    elif order == "asked":
        stmt = stmt.order_by(asked.desc(), KnowledgeEntry.id)
    else:
        stmt = stmt.order_by(KnowledgeEntry.viewed_count.desc(), KnowledgeEntry.id)
    return db.session.execute(stmt.limit(limit)).all()


def public_topics() -> list[tuple[str, int]]:
    """The topics of the public entries as stored, with how many each has (staff-typed text: mask
    them before showing them, ``desk.knowledge.services.public_topic``)."""
    sub = _public_entries().subquery()
    return [
        (topic, n)
        for topic, n in db.session.execute(
            select(sub.c.topic, func.count()).group_by(sub.c.topic).order_by(func.count().desc(), sub.c.topic)
        )
    ]


def entry_history(entry_id: int) -> list[EntryUpdate]:
    """An entry's publication and material updates, newest first ("更新于…")."""
    return db.session.scalars(
        select(EntryUpdate)
        .where(EntryUpdate.entry_id == entry_id)
        .order_by(EntryUpdate.at.desc(), EntryUpdate.id.desc())
    ).all()


def notices_for(case: Case) -> list[AskerNotice]:
    """What the writer of the case was told about new answers, newest first (shown on /track)."""
    return db.session.scalars(
        select(AskerNotice)
        .join(KnowledgeEntry, KnowledgeEntry.id == AskerNotice.entry_id)
        .where(AskerNotice.case_id == case.id, KnowledgeEntry.public.is_(True))
        .order_by(AskerNotice.created_at.desc(), AskerNotice.id.desc())
    ).all()
