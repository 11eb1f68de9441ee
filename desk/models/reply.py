"""The reply to a case: drafted by a division, signed off by its head."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.people import User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow

if TYPE_CHECKING:
    from desk.models.case import Case


class ReplyStatus(StrEnum):
    """Where the draft (答复拟稿) stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"

    @property
    def label(self) -> str:
        return {
            "draft": "拟稿中",
            "submitted": "待审签",
            "returned": "已退回修改",
            "approved": "已签发",
        }[self]


class Reply(db.Model):
    """One reply per case; its history lives in the case's events."""

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=ReplyStatus.DRAFT)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    review_comment: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    case: Mapped[Case] = relationship(back_populates="reply")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    @property
    def status_enum(self) -> ReplyStatus:
        return ReplyStatus(self.status)


class PublishedReply(db.Model):
    """What the citizen was told: every signed-off reply, kept as it was published (append-only).

    The working draft (`Reply`) may be edited again after a reopening; the citizen's look-up page
    reads these, so an answer once given never disappears.
    """

    __tablename__ = "published_replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    reviewer: Mapped[User | None] = relationship()
