"""Jobs of 信件选登 and the public knowledge base."""

from __future__ import annotations

from desk.extensions import db
from desk.publishing.askers import pending_notices, tell


def tell_earlier_askers(update_id: int) -> int:
    """Tell the writers of recent matching letters of an entry's publication or update, once each.

    Each notice is committed before the next is sent, so a crash never sends one twice.
    """
    update, entry, matches = pending_notices(update_id)
    told = 0
    for match in matches:
        if tell(update, entry, match) is not None:
            told += 1
        db.session.commit()
    return told


def count_letter_view(letter_id: int) -> None:
    """Count that a citizen opened a published letter, and commit."""
    from desk.publishing.queries import count_letter_views

    count_letter_views(letter_id)
    db.session.commit()
