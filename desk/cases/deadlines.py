"""Deadlines of cases in working days, from the rules and calendar stored in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, tuple_, update

from desk.cases.workdays import WorkingCalendar
from desk.extensions import db
from desk.models import OPEN_STATES, CalendarDay, CalendarYear, Case, CaseKind, DeadlineRule
from desk.timeutil import local_date

DEFAULT_WORKING_DAYS = {
    CaseKind.CONSULTATION: 7,
    CaseKind.COMPLAINT: 22,
    CaseKind.MAILBOX: 15,
}
DUE_SOON_WORKING_DAYS = 2


def load_calendar() -> WorkingCalendar:
    """The working-day calendar with every admin override and confirmed year."""
    overrides = dict(db.session.execute(select(CalendarDay.day, CalendarDay.is_workday)).all())
    years = frozenset(db.session.scalars(select(CalendarYear.year)))
    return WorkingCalendar(overrides=overrides, confirmed_years=years)


def working_days_for(kind: CaseKind | str) -> int:
    """The number of working days a kind of case has, as the admin set it."""
    kind = CaseKind(kind)
    rule = db.session.get(DeadlineRule, kind.value)
    return rule.working_days if rule else DEFAULT_WORKING_DAYS[kind]


def set_deadline(case: Case, calendar: WorkingCalendar | None = None) -> None:
    """Compute the case's due date from its receipt date, clock and extensions."""
    calendar = calendar or load_calendar()
    deadline = calendar.add_workdays(case.clock_start, case.deadline_days + case.extension_days)
    case.due_date = deadline.due_date
    case.due_provisional = deadline.provisional


def recompute_open_deadlines(calendar: WorkingCalendar | None = None) -> int:
    """Recompute the due dates of all open cases after a calendar change; returns how many moved.

    Cases share few (clock start, working days) pairs, so each pair is computed once and
    applied with one UPDATE.
    """
    calendar = calendar or load_calendar()
    total_days = Case.deadline_days + Case.extension_days
    clock_start = func.coalesce(Case.reopened_on, Case.received_on)
    pairs = db.session.execute(
        select(clock_start, total_days, Case.due_date, Case.due_provisional)
        .where(Case.state.in_(OPEN_STATES))
        .distinct()
    ).all()
    moved = 0
    for start, days, due_date, provisional in pairs:
        deadline = calendar.add_workdays(start, days)
        if (deadline.due_date, deadline.provisional) == (due_date, provisional):
            continue
        result = db.session.execute(
            update(Case)
            .where(
                Case.state.in_(OPEN_STATES),
                clock_start == start,
                total_days == days,
                tuple_(Case.due_date, Case.due_provisional) == (due_date, provisional),
            )
            .values(due_date=deadline.due_date, due_provisional=deadline.provisional)
            .execution_options(synchronize_session=False)
        )
        moved += result.rowcount
    db.session.expire_all()
    return moved


@dataclass(frozen=True)
class DueWindow:
    """Today's thresholds: due before `today` is overdue, due up to `soon` is due soon."""

    today: date
    soon: date

    def status(self, case: Case) -> str | None:
        """'overdue', 'due_soon' or None for an open case; None for a finished one."""
        if not case.is_open:
            return None
        if case.due_date < self.today:
            return "overdue"
        if case.due_date <= self.soon:
            return "due_soon"
        return None


def due_window(today: date, calendar: WorkingCalendar | None = None) -> DueWindow:
    """Thresholds for due-soon and overdue, derived from the calendar at read time."""
    calendar = calendar or load_calendar()
    soon = calendar.add_workdays(today, DUE_SOON_WORKING_DAYS).due_date
    return DueWindow(today=today, soon=soon)


def mark_replied(case: Case, at: datetime, calendar: WorkingCalendar | None = None) -> None:
    """Fix the reply date and the working days the case took, for honest statistics later."""
    calendar = calendar or load_calendar()
    case.replied_at = at
    case.replied_on = local_date(at)
    case.handling_workdays = calendar.workdays_between(case.clock_start, case.replied_on)
