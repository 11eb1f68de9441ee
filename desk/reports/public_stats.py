"""The public statistics page: monthly handling figures for the last 12 months, no personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desk.reports.figures import Month, monthly_figures
from desk.reports.periods import Period, last_twelve_months, months_between

PUBLIC_DEFINITIONS = [
    ("收信", "当月收到的来信件数（含网站、微信、微博、电话）"),
    ("答复", "当月发布答复的件数（不论何时收到）"),
    ("答复率", "当月收到并受理的来信中，截至今日已答复的比例（不予受理的来信不计入）"),
    ("平均办理工作日", "当月答复的来信从收信次日起至答复日的工作日数的平均值"),
]


@dataclass(frozen=True)
class PublicStatistics:
    """What the public page shows."""

    period: Period
    months: list[Month]
    by_channel: dict[str, int]
    total_received: int
    total_replied: int


def public_statistics(today: date) -> PublicStatistics:
    """Monthly figures for the current month and the eleven before, and counts by channel."""
    period = last_twelve_months(today)
    months, by_channel = monthly_figures(period, months_between(period.start, today))
    return PublicStatistics(
        period=period,
        months=months,
        by_channel=by_channel,
        total_received=sum(m.received for m in months),
        total_replied=sum(m.replied for m in months),
    )
