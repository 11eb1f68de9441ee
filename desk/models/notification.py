"""In-app notices to staff (due soon, supervision, extension decisions), optionally e-mailed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.case import Case
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow

NOTICE_KINDS = {
    "due_soon": "即将到期",
    "supervision": "挂牌督办",
    "supervision_answered": "督办反馈",
    "extension_requested": "延期申请",
    "extension_decided": "延期审批",
    "publication_proposed": "信件选登待审核",
    "publication_decided": "信件选登审核结果",
    "rated_dissatisfied": "差评",
    "milestone_due": "节点即将到时",
    "dispatched": "限时分办",
    "message_joined": "来信人补充",
}


class Notification(db.Model):
    """One notice for one user; `dedup_key` makes repeated sweeps send it once."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "dedup_key"),
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        Index("ix_notifications_unsent", "emailed_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    supervision_id: Mapped[int | None] = mapped_column(ForeignKey("supervisions.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    dedup_key: Mapped[str] = mapped_column(String(96))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    case: Mapped[Case | None] = relationship()

    @property
    def kind_label(self) -> str:
        return NOTICE_KINDS.get(self.kind, self.kind)
