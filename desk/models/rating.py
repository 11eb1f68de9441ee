"""The citizen's satisfaction with a reply, in the five levels of 好差评 (国办发〔2019〕51号)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.extensions import db
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class RatingLevel(StrEnum):
    """The five answers a citizen can give, best first (the stored codes of the old three kept)."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    BASIC = "basic"
    DISSATISFIED = "dissatisfied"
    VERY_DISSATISFIED = "very_dissatisfied"

    @property
    def label(self) -> str:
        return RATING_LABELS[self]

    @property
    def counts_as_satisfied(self) -> bool:
        """非常满意, 满意 and 基本满意 count towards the satisfaction rate."""
        return self not in BAD_RATINGS

    @property
    def is_bad(self) -> bool:
        """不满意 and 非常不满意 are 差评: each opens a follow-up the office must close."""
        return self in BAD_RATINGS


RATING_LABELS = {
    RatingLevel.VERY_SATISFIED: "非常满意",
    RatingLevel.SATISFIED: "满意",
    RatingLevel.BASIC: "基本满意",
    RatingLevel.DISSATISFIED: "不满意",
    RatingLevel.VERY_DISSATISFIED: "非常不满意",
}
BAD_RATINGS = frozenset({RatingLevel.DISSATISFIED, RatingLevel.VERY_DISSATISFIED})


class Rating(db.Model):
    """One rating of one reply; a reopened case's new reply can be rated again."""

    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_rated_at", "rated_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    level: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The reply this rating is about (its sign-off time): one rating per reply.
    reply_signed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def level_enum(self) -> RatingLevel:
        return RatingLevel(self.level)
