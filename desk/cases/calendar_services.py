"""Admin changes to the working-day calendar and deadline rules; open deadlines follow them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import extract, select

from desk.cases.deadlines import recompute_open_deadlines
from desk.cases.kinds import rule_kinds
from desk.extensions import db
from desk.models import CalendarDay, CalendarYear, DeadlineRule, User


def set_calendar_day(actor: User, day: date, is_workday: bool, note: str = "") -> int:
    """Rule a day a working day or a day off; returns how many open deadlines moved."""
    entry = db.session.get(CalendarDay, day) or CalendarDay(day=day)
    entry.is_workday = is_workday
    entry.note = note.strip()
    entry.updated_by_id = actor.id
    db.session.add(entry)
    db.session.flush()
    return recompute_open_deadlines()


def remove_calendar_day(day: date) -> int:
    """Drop an override (the published calendar applies again); returns deadlines moved."""
    entry = db.session.get(CalendarDay, day)
    if entry is None:
        return 0
    db.session.delete(entry)
    db.session.flush()
    return recompute_open_deadlines()


def confirm_year(actor: User, year: int) -> int:
    """Declare a year's holidays entered in full: its deadlines stop being provisional."""
    if db.session.get(CalendarYear, year) is None:
        db.session.add(CalendarYear(year=year, confirmed_by_id=actor.id))
        db.session.flush()
    return recompute_open_deadlines()


def set_deadline_rules(actor: User, days: dict[str, int]) -> None:
    """Set the working days per kind; they apply to cases received from now on."""
    for spec in rule_kinds():
        code = spec.code
        value = int(days.get(code, spec.default_days))
        rule = db.session.get(DeadlineRule, code) or DeadlineRule(kind=code)
        rule.working_days = value
        rule.updated_by_id = actor.id
        db.session.add(rule)
    db.session.flush()


def calendar_overrides(year: int) -> list[CalendarDay]:
    """The admin's overrides of one year, in date order."""
    return list(
        db.session.scalars(
            select(CalendarDay).where(extract("year", CalendarDay.day) == year).order_by(CalendarDay.day)
        )
    )
