"""集中反映: cases that raise the same matter, answered once, jointly, and each on its own channel."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.people import Division, User
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class CaseGroup(db.Model):
    """A group of cases on one matter, with the joint answer the lead division drafts and its head signs.

    Every member keeps its own number, clock and record; the answer, once signed, becomes each open
    member's reply (sent back on that member's own channel).
    """

    __tablename__ = "case_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    division_id: Mapped[int] = mapped_column(ForeignKey("divisions.id"), index=True)  # drafts the answer
    answer: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    division: Mapped[Division] = relationship(lazy="joined")
    comments: Mapped[list[CaseGroupComment]] = relationship(
        order_by="CaseGroupComment.at, CaseGroupComment.id"
    )


class CaseGroupComment(db.Model):
    """A division's, the office's or legal counsel's comment on the joint answer (会商意见)."""

    __tablename__ = "case_group_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("case_groups.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship(lazy="joined")
