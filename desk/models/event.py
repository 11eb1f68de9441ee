"""The append-only history of a case."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.people import User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class CaseEvent(db.Model):
    """One change to a case: who, when, what, from which state to which, and why."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    public_note: Mapped[str | None] = mapped_column(Text)  # what the citizen may read
    public: Mapped[bool] = mapped_column(default=False)

    actor: Mapped[User | None] = relationship()


@event.listens_for(CaseEvent, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    """Events are never rewritten."""
    raise ValueError("case events are append-only")


@event.listens_for(CaseEvent, "before_delete")
def _refuse_delete(mapper, connection, target) -> None:
    """Events are never removed."""
    raise ValueError("case events are append-only")
