"""Reporting periods: ranges of local dates, named the way the bureau names them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desk.timeutil import bureau_tz


class PeriodError(ValueError):
    """A period the desk cannot read; the message is shown to the user."""


@dataclass(frozen=True)
class Period:
    """An inclusive range of local dates with a key for URLs and a label for people."""

    start: date
    end: date
    key: str
    label: str

    def utc_bounds(self) -> tuple[datetime, datetime]:
        """The period as [from, to) moments, for columns stored as UTC times."""
        tz = bureau_tz()
        return (
            datetime.combine(self.start, time.min, tzinfo=tz),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz),
        )


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month `back` months before the month of `day`."""
    index = day.year * 12 + day.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    """The last day of the month of `day`."""
    return month_start(day, back=-1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[date]:
    """The first days of every month from `first`'s month to `last`'s month, in order."""
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = month_start(current, back=-1)
    return months


def month_period(year: int, month: int) -> Period:
    """One calendar month."""
    start = date(year, month, 1)
    return Period(start, month_end(start), f"{year:04d}-{month:02d}", f"{year}年{month}月")


def quarter_period(year: int, quarter: int) -> Period:
    """One calendar quarter."""
    start = date(year, 3 * quarter - 2, 1)
    end = month_end(date(year, 3 * quarter, 1))
    return Period(start, end, f"{year:04d}-Q{quarter}", f"{year}年第{'一二三四'[quarter - 1]}季度")


def last_twelve_months(today: date) -> Period:
    """The current month and the eleven before it (up to the end of the current month)."""
    start = month_start(today, back=11)
    return Period(start, month_end(today), "12m", f"近12个月（{start:%Y年%m月}至{today:%Y年%m月}）")


PRESETS = {
    "month": "本月",
    "quarter": "本季度",
    "year": "本年",
    "12m": "近12个月",
}


def preset_period(name: str, today: date) -> Period:
    """The dashboard's periods: this month, this quarter, this year, the last 12 months."""
    if name == "month":
        return month_period(today.year, today.month)
    if name == "quarter":
        return quarter_period(today.year, (today.month - 1) // 3 + 1)
    if name == "year":
        return Period(date(today.year, 1, 1), date(today.year, 12, 31), "year", f"{today.year}年")
    if name == "12m":
        return last_twelve_months(today)
    raise PeriodError("统计期间无效，请选择本月、本季度、本年或近12个月。")


_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER_RE = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)


def parse_period(text: str | None) -> Period:
    """A circular's period from '2026-10' (a month) or '2026-Q3' (a quarter)."""
    text = (text or "").strip()
    if match := _MONTH_RE.match(text):
        year, month = int(match[1]), int(match[2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return month_period(year, month)
    elif match := _QUARTER_RE.match(text):
        year = int(match[1])
        if 2000 <= year <= 2100:
            return quarter_period(year, int(match[2]))
    raise PeriodError("统计期间格式不正确，应为“2026-10”（月）或“2026-Q3”（季度）。")


def previous_month(today: date) -> Period:
    """The last complete month: the default circular."""
    start = month_start(today, back=1)
    return month_period(start.year, start.month)
