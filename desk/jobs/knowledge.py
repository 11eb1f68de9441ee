"""Counting what the knowledge base showed: jobs, so that reading a page writes nothing itself."""

from __future__ import annotations

from desk.extensions import db


def count_shown(entry_ids: list[int]) -> None:
    """Count that entries were suggested to someone, and commit."""
    from desk.knowledge.services import count_shown as count

    count(list(entry_ids))
    db.session.commit()


def count_view(entry_id: int) -> None:
    """Count that a citizen opened an entry, and commit."""
    from desk.knowledge.services import count_view as count

    count(entry_id)
    db.session.commit()
