"""Admin changes to the working-day calendar and deadline rules; open deadlines follow them."""

from __future__ import annotations

from datetime import date

from desk.cases.deadlines import DEFAULT_WORKING_DAYS, recompute_open_deadlines
from desk.extensions import db
from desk.models import CalendarDay, CalendarYear, CaseKind, DeadlineRule, User


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
    for kind in CaseKind:
        value = int(days.get(kind.value, DEFAULT_WORKING_DAYS[kind]))
        rule = db.session.get(DeadlineRule, kind.value) or DeadlineRule(kind=kind.value)
        rule.working_days = value
        rule.updated_by_id = actor.id
        db.session.add(rule)
    db.session.flush()
