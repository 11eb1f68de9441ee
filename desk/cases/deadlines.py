"""Deadlines of cases, from the rules and calendar stored in the database, through the case's Clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, exists, func, or_, select, tuple_, update

from desk.cases.clock import Clock
from desk.cases.kinds import KINDS, ClockUnit, kind_spec
from desk.cases.workdays import WorkingCalendar
from desk.extensions import db
from desk.models import (
    OPEN_STATES,
    CalendarDay,
    CalendarYear,
    Case,
    CaseMilestone,
    ClockPause,
    DeadlineRule,
)
from desk.timeutil import local_date, today, utcnow

DUE_SOON_WORKING_DAYS = 2
# A milestone is "about to pass" at least this long before its moment (the sweep runs every 5 minutes).
ALERT_AT_LEAST = timedelta(minutes=10)


def load_calendar() -> WorkingCalendar:
    """The working-day calendar with every admin override and confirmed year."""
    overrides = dict(db.session.execute(select(CalendarDay.day, CalendarDay.is_workday)).all())
    years = frozenset(db.session.scalars(select(CalendarYear.year)))
    return WorkingCalendar(overrides=overrides, confirmed_years=years)


def working_days_for(kind: str) -> int:
    """The number of days a kind of case has, as the admin set it (the kind's default otherwise)."""
    spec = kind_spec(kind)
    if spec.fixed_by_law:
        return spec.default_days
    rule = db.session.get(DeadlineRule, spec.code)
    return rule.working_days if rule else spec.default_days


def days_in_force() -> dict[str, int]:
    """Each kind's day count in force, for texts that promise an answer "within N days"."""
    rules = dict(db.session.execute(select(DeadlineRule.kind, DeadlineRule.working_days)).all())
    return {
        code: spec.default_days if spec.fixed_by_law else rules.get(code, spec.default_days)
        for code, spec in KINDS.items()
    }


def set_deadline(case: Case, calendar: WorkingCalendar | None = None) -> None:
    """Compute the case's due date from its clock: start, days, pauses and extensions."""
    calendar = calendar or load_calendar()
    deadline = Clock.of(case).due(calendar, today())
    case.due_date = deadline.due_date
    case.due_provisional = deadline.provisional
    case.due_at = deadline.due_at


def sync_milestones(case: Case) -> None:
    """Give the case a row for each milestone its kind and classification call for, at its moment.

    A milestone that no longer applies (the classification changed) is dropped unless it was met;
    one that applies keeps its row, its moment recomputed. The alert starts a quarter of the
    milestone's span before it (at least ten minutes, two sweeps): 10 minutes before a 20-minute mark, 6 hours
    before a 24-hour one.
    """
    spec = kind_spec(case.kind)
    if not spec.milestones:
        return
    clock = Clock.of(case)
    wanted = {m.code: (m, moment) for m, moment in clock.milestone_times(spec.milestones_for(case.grade))}
    for row in list(case.milestones):
        if row.code not in wanted and row.met_at is None:
            case.milestones.remove(row)
            db.session.delete(row)
    have = {row.code: row for row in case.milestones}
    for code, (milestone, moment) in wanted.items():
        row = have.get(code)
        if row is None:
            row = CaseMilestone(case_id=case.id, code=code)
            case.milestones.append(row)
        row.label = milestone.label
        row.due_at = moment
        row.alert_at = moment - max(ALERT_AT_LEAST, timedelta(minutes=milestone.minutes) / 4)
    db.session.flush()


def recompute_open_deadlines(calendar: WorkingCalendar | None = None) -> int:
    """Recompute the due dates of all open cases after a calendar change; returns how many moved.

    Cases on a plain working-day clock share few (clock start, working days) pairs, so each pair
    is computed once and applied with one UPDATE; the few with pauses or other units go one by one
    through their Clock.
    """
    calendar = calendar or load_calendar()
    total_days = Case.deadline_days + Case.extension_days
    clock_start = func.coalesce(Case.reopened_on, Case.received_on)
    workday_kinds = [code for code, spec in KINDS.items() if spec.unit == ClockUnit.WORKDAYS]
    plain = Case.kind.in_(workday_kinds) & ~exists().where(ClockPause.case_id == Case.id)
    moved = 0
    for case in db.session.scalars(select(Case).where(Case.state.in_(OPEN_STATES), ~plain)):
        before = (case.due_date, case.due_provisional)
        set_deadline(case, calendar)
        moved += before != (case.due_date, case.due_provisional)
    db.session.flush()
    pairs = db.session.execute(
        select(clock_start, total_days, Case.due_date, Case.due_provisional)
        .where(Case.state.in_(OPEN_STATES), plain)
        .distinct()
    ).all()
    for start, days, due_date, provisional in pairs:
        deadline = calendar.add_workdays(start, days)
        if (deadline.due_date, deadline.provisional) == (due_date, provisional):
            continue
        result = db.session.execute(
            update(Case)
            .where(
                Case.state.in_(OPEN_STATES),
                plain,
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


def refresh_paused_deadlines(calendar: WorkingCalendar | None = None) -> int:
    """Recompute the open cases whose clock is stopped now (a running pause counts as ending today).

    Their stored due date moves each day the pause lasts; the sweep calls this first, so a case
    waiting for a correction or a fee is never taken for overdue. Returns how many moved.
    """
    calendar = calendar or load_calendar()
    now = today()
    running = exists().where(
        ClockPause.case_id == Case.id, (ClockPause.ended_on.is_(None)) | (ClockPause.ended_on >= now)
    )
    moved = 0
    for case in db.session.scalars(select(Case).where(Case.state.in_(OPEN_STATES), running)):
        before = case.due_date
        set_deadline(case, calendar)
        moved += before != case.due_date
    db.session.flush()
    return moved


@dataclass(frozen=True)
class DueWindow:
    """Today's thresholds: due before `today` (or, on an hour clock, before `now`) is overdue, due up
    to `soon` is due soon."""

    today: date
    soon: date
    now: datetime | None = None

    def status(self, case: Case) -> str | None:
        """'overdue', 'due_soon' or None for an open case; None for a finished one."""
        if not case.is_open:
            return None
        if case.due_date < self.today or (
            case.due_at is not None and self.now is not None and case.due_at < self.now
        ):
            return "overdue"
        if case.due_date <= self.soon:
            return "due_soon"
        return None

    def passed_today(self):
        """SQL: an hour clock's deadline passed earlier today (its date is today: not yet overdue by date)."""
        return and_(Case.due_date == self.today, Case.due_at < self.now)

    def overdue(self):
        """The SQL condition of `status` 'overdue' (an open case assumed); a range of due dates."""
        if self.now is None:
            return Case.due_date < self.today
        return or_(Case.due_date < self.today, self.passed_today())

    def due_soon(self):
        """The SQL condition of `status` 'due_soon' (an open case assumed)."""
        soon = Case.due_date.between(self.today, self.soon)
        if self.now is None:
            return soon
        return and_(soon, or_(Case.due_date != self.today, Case.due_at.is_(None), Case.due_at >= self.now))


def due_window(
    today: date, calendar: WorkingCalendar | None = None, now: datetime | None = None
) -> DueWindow:
    """Thresholds for due-soon and overdue, derived from the calendar at read time.

    An hour clock's deadline is a moment: such a case is overdue once `now` (the clock's, by
    default) has passed it, not only from the next day. A `today` that is not `now`'s local date
    (figures as of another day) is read by due dates alone.
    """
    calendar = calendar or load_calendar()
    soon = calendar.add_workdays(today, DUE_SOON_WORKING_DAYS).due_date
    now = now or utcnow()
    if local_date(now) != today:  # a window for another day than now's: read by dates alone
        now = None
    return DueWindow(today=today, soon=soon, now=now)


def mark_replied(case: Case, at: datetime, calendar: WorkingCalendar | None = None) -> None:
    """Fix the reply date and the working days the case took, for honest statistics later."""
    calendar = calendar or load_calendar()
    case.replied_at = at
    case.replied_on = local_date(at)
    case.replied_due_date, case.replied_due_at = case.due_date, case.due_at
    case.handling_workdays = Clock.of(case).counted_between(calendar, case.replied_on, case.replied_on)
