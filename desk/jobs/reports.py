"""Counting report figures ahead of time, so dashboards answer at once."""

from __future__ import annotations

from desk.extensions import db


def warm_reports() -> None:
    """Count the office's default dashboard and the public statistics and share them (needs Redis)."""
    from desk.background import redis_connection
    from desk.reports.dashboards import warm
    from desk.timeutil import today

    if redis_connection() is None:
        return  # nothing to share with: each process counts (and memoises) on its own
    warm(today())
    db.session.rollback()  # read only
