"""Throttling of failed logins and query-code look-ups, shared by every process via the database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select

from desk.extensions import db
from desk.models import FailedAttempt
from desk.timeutil import utcnow


def failures(scope: str, key: str, window_seconds: int) -> int:
    """How many failures `key` had in `scope` within the window."""
    since = utcnow() - timedelta(seconds=window_seconds)
    return db.session.scalar(
        select(func.count())
        .select_from(FailedAttempt)
        .where(FailedAttempt.scope == scope, FailedAttempt.key == key, FailedAttempt.at >= since)
    )


def is_throttled(scope: str, keys: dict[str, int], window_seconds: int) -> bool:
    """True when any key has reached its limit of failures (keys map to limits)."""
    return any(failures(scope, key, window_seconds) >= limit for key, limit in keys.items())


def record_failure(scope: str, *keys: str) -> None:
    """Count one failure against each key."""
    for key in keys:
        db.session.add(FailedAttempt(scope=scope, key=key[:128]))
    db.session.flush()


def clear_failures(scope: str, key: str) -> None:
    """Forget a key's failures (after a success)."""
    db.session.execute(delete(FailedAttempt).where(FailedAttempt.scope == scope, FailedAttempt.key == key))


def purge_old_failures(older_than_seconds: int = 86400) -> int:
    """Drop failures older than a day; returns how many were removed."""
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    result = db.session.execute(delete(FailedAttempt).where(FailedAttempt.at < cutoff))
    return result.rowcount
