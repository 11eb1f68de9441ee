"""A division's request for more working days (延期) and the office's decision."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.people import User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class ExtensionState(StrEnum):
    """Pending until the office decides."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"

    @property
    def label(self) -> str:
        return {"pending": "待审批", "approved": "已批准", "refused": "未批准"}[self]


class ExtensionRequest(db.Model):
    """Working days asked for a case, why, and what the office decided."""

    __tablename__ = "extension_requests"
    __table_args__ = (Index("ix_extension_requests_state", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    days: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=ExtensionState.PENDING)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
    old_due_date: Mapped[date] = mapped_column(Date)
    new_due_date: Mapped[date | None] = mapped_column(Date)  # set when approved

    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def state_enum(self) -> ExtensionState:
        return ExtensionState(self.state)
