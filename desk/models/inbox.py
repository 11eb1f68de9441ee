"""Channel messages: the durable inbox of webhook pushes and the deliveries of replies."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.extensions import db
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class InboundMessage(db.Model):
    """One push from WeChat or Weibo, stored raw and committed before the platform is answered."""

    __tablename__ = "inbound_messages"
    __table_args__ = (
        Index("ix_inbound_messages_unprocessed", "processed_at", "id"),
        Index("ix_inbound_messages_sender", "channel", "sender", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    dedup_key: Mapped[str] = mapped_column(String(160), unique=True)
    sender: Mapped[str] = mapped_column(String(128))
    recipient: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    media: Mapped[str | None] = mapped_column(Text)  # JSON: PicUrl, MediaId, …
    raw: Mapped[str] = mapped_column(Text)
    makes_case: Mapped[bool] = mapped_column(default=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the platform's time
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The case this message opens or joins, numbered when it arrives so the passive reply can
    # name it; the case itself is made by a job.
    case_number: Mapped[str | None] = mapped_column(String(32), index=True)
    joins_case: Mapped[bool] = mapped_column(default=False)
    # The new case's query code, hashed and wiped by the job; the passive reply we gave, kept
    # for the platform's retries and wiped by the sweep once they are over.
    pending_code: Mapped[str | None] = mapped_column(String(16))
    reply_text: Mapped[str | None] = mapped_column(Text)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)


class DeliveryState(StrEnum):
    """Where a reply sent back on a channel stands."""

    PENDING = "pending"
    DELIVERED = "delivered"
    UNDELIVERABLE = "undeliverable"  # the platform's window is closed: the citizen uses the look-up page
    FAILED = "failed"  # every retry failed

    @property
    def label(self) -> str:
        return {
            "pending": "发送中",
            "delivered": "已送达",
            "undeliverable": "无法经该渠道送达",
            "failed": "发送失败",
        }[self]


class Delivery(db.Model):
    """A reply to send back to the citizen on the channel the letter came from."""

    __tablename__ = "deliveries"
    __table_args__ = (Index("ix_deliveries_state", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=DeliveryState.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # when to retry
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    tries: Mapped[list[DeliveryAttempt]] = relationship(
        order_by="DeliveryAttempt.id", back_populates="delivery"
    )

    @property
    def state_enum(self) -> DeliveryState:
        return DeliveryState(self.state)


class DeliveryAttempt(db.Model):
    """One call to the platform's API and what it answered."""

    __tablename__ = "delivery_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    outcome: Mapped[str] = mapped_column(String(16))  # delivered / window_closed / retryable / permanent
    detail: Mapped[str | None] = mapped_column(Text)

    delivery: Mapped[Delivery] = relationship(back_populates="tries")


class WebhookNonce(db.Model):
    """A signed (timestamp, nonce) pair already used, when Redis is not there to remember it."""

    __tablename__ = "webhook_nonces"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)  # channel:timestamp:nonce
    dedup_key: Mapped[str] = mapped_column(String(160))  # the message that used it
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
