"""A writer who withdraws consent takes the public entries made from the letter off the public side."""

from __future__ import annotations

from sqlalchemy import select

from desk.cases.signals import case_changed
from desk.extensions import db
from desk.knowledge.services import _touch
from desk.models import Case, KnowledgeEntry
from desk.models.knowledge import entry_sources


@case_changed.connect_via("withdraw_consent")
def _make_entries_internal(sender, *, case: Case, actor, change) -> None:
    """Public entries made from the case become internal, in the same transaction as the withdrawal."""
    entries = db.session.scalars(
        select(KnowledgeEntry)
        .join(entry_sources, entry_sources.c.entry_id == KnowledgeEntry.id)
        .where(entry_sources.c.case_id == case.id, KnowledgeEntry.public.is_(True))
    )
    for entry in list(entries):
        entry.public = False
        _touch(entry)
