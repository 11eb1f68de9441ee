"""The dashboard's and the public page's figures, counted through the shared memo."""

from __future__ import annotations

from datetime import date, datetime

from desk.cases.deadlines import due_window
from desk.reports.cache import cached, refresh
from desk.reports.figures import period_figures
from desk.reports.periods import Period, month_start, months_between, preset_period
from desk.reports.public_stats import public_statistics


def _compute(period: Period, division_id: int | None, current: date):
    trend = months_between(month_start(current, back=11), current)
    return lambda: period_figures(period, due_window(current), division_id=division_id, trend=trend)


def dashboard_figures(period: Period, division_id: int | None, current: date) -> tuple[object, datetime]:
    """A dashboard's figures (office: division_id None), counted at most once a minute."""
    return cached(("dashboard", period.key, division_id, current), _compute(period, division_id, current))


def desk_extras(period: Period, current: date) -> dict:
    """Office-only figures: questions answered without a letter, failed deliveries, routing uptake."""
    return cached(("dashboard-extras", period.key, current), lambda: _count_extras(period))[0]


def _count_extras(period: Period) -> dict:
    from sqlalchemy import func, select

    from desk.extensions import db
    from desk.knowledge.routing import suggestion_uptake
    from desk.models import Delivery, DeliveryState, SelfServiceAnswer

    start, end = period.utc_bounds()
    return {
        "self_served": db.session.scalar(
            select(func.count()).where(SelfServiceAnswer.at >= start, SelfServiceAnswer.at < end)
        ),
        "failed_deliveries": db.session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.state == DeliveryState.FAILED)
        ),
        "uptake": suggestion_uptake(start),
    }


def public_figures(current: date) -> tuple[object, datetime]:
    """The public statistics page's figures."""
    return cached(("public", current), lambda: public_statistics(current))


def warm(current: date) -> None:
    """Count the office's default dashboard and the public page now, for every process to read."""
    period = preset_period("12m", current)
    refresh(("dashboard", period.key, None, current), _compute(period, None, current))
    refresh(("dashboard-extras", period.key, current), lambda: _count_extras(period))
    refresh(("public", current), lambda: public_statistics(current))
