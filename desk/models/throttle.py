"""Failed attempts, counted to throttle logins and query-code look-ups."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desk.extensions import db
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


class FailedAttempt(db.Model):
    """One failed attempt of a kind (scope) by a key (an account, a case number or an address)."""

    __tablename__ = "failed_attempts"
    __table_args__ = (Index("ix_failed_attempts_scope_key_at", "scope", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
