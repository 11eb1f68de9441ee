"""The citizen's satisfaction with a reply (满意 / 基本满意 / 不满意)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.extensions import db
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class RatingLevel(StrEnum):
    """The three answers a citizen can give."""

    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"

    @property
    def label(self) -> str:
        return {"satisfied": "满意", "basic": "基本满意", "dissatisfied": "不满意"}[self]

    @property
    def counts_as_satisfied(self) -> bool:
        return self is not RatingLevel.DISSATISFIED


class Rating(db.Model):
    """One rating of one reply; a reopened case's new reply can be rated again."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_rated_at", "rated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The reply this rating is about (its sign-off time): one rating per reply.
    reply_signed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def level_enum(self) -> RatingLevel:
        return RatingLevel(self.level)
