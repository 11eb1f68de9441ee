"""A case: one letter, message or call, from receipt to closing."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.attachment import Attachment
from desk.models.co_division import case_co_divisions
from desk.models.group import CaseGroup
from desk.models.milestone import CaseMilestone
from desk.models.people import Division, User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class Channel(StrEnum):
    """Where the case came in."""

    WEB = "web"
    PHONE = "phone"
    WECHAT = "wechat"
    WEIBO = "weibo"
    OFFICE = "office"  # entered by the integrated office (舆情, deputies' suggestions …)

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {"web": "网站", "phone": "电话", "wechat": "微信", "weibo": "微博", "office": "综合处登记"}


class CaseState(StrEnum):
    """Where a case is in its life (DESIGN.md, A case's life)."""

    RECEIVED = "received"
    NOT_ACCEPTED = "not_accepted"
    ASSIGNED = "assigned"
    IN_REVIEW = "in_review"
    REPLIED = "replied"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATES


STATE_LABELS = {
    CaseState.RECEIVED: "待受理",
    CaseState.NOT_ACCEPTED: "不予受理",
    CaseState.ASSIGNED: "办理中",
    CaseState.IN_REVIEW: "待审签",
    CaseState.REPLIED: "已答复",
    CaseState.CLOSED: "已办结",
}

# States whose deadline still runs.
OPEN_STATES = (CaseState.RECEIVED, CaseState.ASSIGNED, CaseState.IN_REVIEW)


class Case(db.Model):
    """A letter to the desk and everything needed to answer it on time."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_division_state_due", "division_id", "state", "due_date"),
        Index("ix_cases_state_due", "state", "due_date"),
        Index("ix_cases_received_at", "received_at"),
        Index("ix_cases_received_on", "received_on"),
        Index("ix_cases_replied_on", "replied_on"),
        # A division's open queue, most urgent first, read straight off one index.
        Index(
            "ix_cases_open_queue",
            "division_id",
            "due_date",
            "received_at",
            postgresql_where=text("state IN ('received', 'assigned', 'in_review')"),
            sqlite_where=text("state IN ('received', 'assigned', 'in_review')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"))

    subject: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    citizen_name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    consent_publish: Mapped[bool] = mapped_column(default=False)
    query_code_hash: Mapped[str | None] = mapped_column(String(256))
    # The sender's own id for this submission (web form token), so a resubmission is recognised.
    intake_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    received_on: Mapped[date] = mapped_column(Date)  # local date; counting starts after it
    deadline_days: Mapped[int]
    extension_days: Mapped[int] = mapped_column(default=0)
    due_date: Mapped[date] = mapped_column(Date)
    due_provisional: Mapped[bool] = mapped_column(default=False)  # crosses a year with no data
    # The moment of the deadline when the kind's clock runs in hours (due_date is its local date).
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The clock was started again (a reopening after 不满意, a corrected disclosure request): it
    # counts from this date.
    reopened_on: Mapped[date | None] = mapped_column(Date)

    # Routing: the suggestion shown to the office, and what became of it.
    suggested_division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    suggestion_confidence: Mapped[float | None]
    # taken / overridden / wrong (taken, then transferred or handed back); None before triage.
    suggestion_outcome: Mapped[str | None] = mapped_column(String(16))
    auto_assigned: Mapped[bool] = mapped_column(default=False, server_default=false())
    not_accepted_reason: Mapped[str | None] = mapped_column(Text)
    joint_review: Mapped[bool] = mapped_column(default=False)  # office asked counsel to comment
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A kind's classification (舆情: important / major / watch) and the facts its spec asks for
    # (source link, platform, response class …): see KindSpec.grades and KindSpec.details.
    grade: Mapped[str | None] = mapped_column(String(16))
    # 集中反映: the group of cases on the same matter this one was linked into (None: on its own).
    group_id: Mapped[int | None] = mapped_column(ForeignKey("case_groups.id"), index=True)
    details: Mapped[dict | None] = mapped_column(JSON)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Fixed when the reply is published, so statistics keep the calendar then in force.
    replied_on: Mapped[date | None] = mapped_column(Date)  # local date
    # The due date in force when the reply was given: a later reopening starts a new clock and
    # must not turn a late reply into an on-time one.
    replied_due_date: Mapped[date | None] = mapped_column(Date)
    # And on an hour clock (舆情) the moment then in force: such a reply is on time by the hour.
    replied_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handling_workdays: Mapped[int | None]
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    division: Mapped[Division | None] = relationship(lazy="joined", foreign_keys=[division_id])
    suggested_division: Mapped[Division | None] = relationship(foreign_keys=[suggested_division_id])
    recorded_by: Mapped[User | None] = relationship()
    reply: Mapped[Reply | None] = relationship(back_populates="case", uselist=False)
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.id")
    pauses: Mapped[list[ClockPause]] = relationship(order_by="ClockPause.started_on, ClockPause.id")
    published_replies: Mapped[list[PublishedReply]] = relationship(
        order_by="PublishedReply.signed_at", viewonly=True
    )
    milestones: Mapped[list[CaseMilestone]] = relationship(order_by="CaseMilestone.due_at, CaseMilestone.id")
    # Co-handling divisions (会办): they read the case and add their opinion; the lead one answers.
    group: Mapped[CaseGroup | None] = relationship()
    co_divisions: Mapped[list[Division]] = relationship(
        secondary=case_co_divisions, order_by="Division.sort_order"
    )

    @property
    def state_enum(self) -> CaseState:
        return CaseState(self.state)

    @property
    def channel_enum(self) -> Channel:
        return Channel(self.channel)

    @property
    def is_open(self) -> bool:
        return self.state_enum.is_open

    def detail(self, name: str, default=None):
        """One of the kind's facts (details column), e.g. the 舆情's source link."""
        return (self.details or {}).get(name, default)

    def set_detail(self, name: str, value) -> None:
        """Set one fact (a new dict, so the change is saved)."""
        self.details = {**(self.details or {}), name: value}

    @property
    def clock_start(self) -> date:
        """The day after which the working days are counted."""
        return self.reopened_on or self.received_on

    def __repr__(self) -> str:
        return f"<Case {self.number} {self.state}>"


class ClockPause(db.Model):
    """A period in which the case's clock does not run (waiting for a correction, a third party, a fee).

    The days after `started_on` up to and including `ended_on` are not counted; a pause with no end
    is still running.
    """

    __tablename__ = "clock_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    # The day by which the awaited party must act (a correction, a payment); after it the wait lapses.
    due_on: Mapped[date | None] = mapped_column(Date)


class CaseSequence(db.Model):
    """The last number handed out per kind prefix and day (e.g. ZX20261121)."""

    __tablename__ = "case_sequences"

    key: Mapped[str] = mapped_column(String(16), primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


from desk.models.reply import PublishedReply, Reply  # noqa: E402  (resolve the relationship targets)
