"""Time helpers: stored in UTC, shown and counted in the bureau's time zone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TZ = "Asia/Shanghai"

_frozen: datetime | None = None


def bureau_tz() -> ZoneInfo:
    """The bureau's time zone (Asia/Shanghai unless configured)."""
    name = current_app.config.get("DESK_TIMEZONE", DEFAULT_TZ) if has_app_context() else DEFAULT_TZ
    return ZoneInfo(name)


def utcnow() -> datetime:
    """The current moment, timezone-aware in UTC (or the frozen moment, see `frozen_time`)."""
    return _frozen if _frozen is not None else datetime.now(UTC)


@contextmanager
def frozen_time(moment: datetime) -> Iterator[datetime]:
    """Make `utcnow` answer `moment` (tests, and demo data written as of past days)."""
    global _frozen
    previous, _frozen = _frozen, moment.astimezone(UTC)
    try:
        yield _frozen
    finally:
        _frozen = previous


def to_local(moment: datetime) -> datetime:
    """A UTC moment as local wall-clock time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(bureau_tz())


def local_date(moment: datetime) -> date:
    """The local calendar date of a moment (what counts for deadlines)."""
    return to_local(moment).date()


def today() -> date:
    """Today's date in the bureau's time zone."""
    return local_date(utcnow())


def start_of_day(day: date) -> datetime:
    """The first moment of a local calendar day, in UTC (a day entered on a form)."""
    return datetime.combine(day, datetime.min.time(), tzinfo=bureau_tz()).astimezone(UTC)
