"""Supervision (挂牌督办): the integrated office's record that a case needs its attention."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.case import Case
from desk.models.people import Division, User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class SupervisionReason(StrEnum):
    """Why a case is supervised; a case has at most one record per reason."""

    OVERDUE = "overdue"
    DISSATISFIED = "dissatisfied"
    MILESTONE_LATE = "milestone_late"  # an hour-clock milestone passed unmet (舆情)

    @property
    def label(self) -> str:
        return {"overdue": "超期未办结", "dissatisfied": "群众差评", "milestone_late": "办理节点超时"}[self]


class SupervisionState(StrEnum):
    """Open until the division answers; closed by the office."""

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "待处室反馈", "answered": "处室已反馈", "closed": "已销号"}[self]


class Supervision(db.Model):
    """A supervision notice (督办单): reason, the division's answer and the office's closing."""

    __tablename__ = "supervisions"
    __table_args__ = (
        UniqueConstraint("case_id", "reason"),
        Index("ix_supervisions_state_division", "state", "division_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    reason: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default=SupervisionState.OPEN)
    # The division responsible when the notice was opened (the ledger filters by it).
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: the sweep
    answer_due: Mapped[date] = mapped_column(Date)  # by when the division must answer
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closing_comment: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(lazy="joined")
    division: Mapped[Division | None] = relationship(lazy="joined")
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])

    @property
    def reason_enum(self) -> SupervisionReason:
        return SupervisionReason(self.reason)

    @property
    def state_enum(self) -> SupervisionState:
        return SupervisionState(self.state)
