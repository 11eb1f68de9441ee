"""A milestone on a case's clock: a moment before its deadline by which something must be reported."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.people import User
from desk.models.types import UTCDateTime


class CaseMilestone(db.Model):
    """One mark of a case's hour clock (舆情: 20 min check, 2 h report, 5 h answer, 24 h press conference).

    Its moments are derived from the kind's spec and the case's receipt (`desk.cases.clock`); the
    row keeps them so the sweep can find those about to pass, and records when it was met.
    """

    __tablename__ = "case_milestones"
    __table_args__ = (
        UniqueConstraint("case_id", "code"),
        Index("ix_case_milestones_open_due", "met_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    code: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(64))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    alert_at: Mapped[datetime] = mapped_column(UTCDateTime)  # "about to pass" from here on
    alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    met_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    met_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)

    met_by: Mapped[User | None] = relationship()

    def late(self, now: datetime) -> bool:
        """Met after its moment, or not met and its moment has passed."""
        return (self.met_at or now) > self.due_at
