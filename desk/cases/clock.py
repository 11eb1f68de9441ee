"""A case's clock: one object owns its deadline, recomputable at any time from what the case holds.

The clock starts after the receipt day (or the day it was started again, e.g. a reopening), counts
working days, calendar days or months, or clock hours from the moment of receipt (7×24: nights and
holidays count, and its milestones are moments too), stops during pauses (the days after a pause's start up to
and including its end do not count; a running pause counts as ending today) and adds the
approved extensions. Calendar edits recompute it through the same code.
"""

from __future__ import annotations

import calendar as _months
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from desk.cases.kinds import ClockUnit, Milestone, kind_spec
from desk.cases.workdays import Deadline, WorkingCalendar
from desk.timeutil import bureau_tz, local_date

_MAX_SPAN_DAYS = 3660


@dataclass(frozen=True)
class Pause:
    """Days after `start` up to and including `end` (None: still running) do not count."""

    start: date
    end: date | None = None

    def covers(self, day: date, today: date) -> bool:
        """Whether `day` falls inside the pause (a running pause ends today)."""
        end = self.end or today
        return self.start < day <= end


@dataclass(frozen=True)
class Clock:
    """Everything a deadline depends on."""

    start: date
    days: int
    unit: ClockUnit = ClockUnit.WORKDAYS
    extension_days: int = 0
    pauses: tuple[Pause, ...] = ()
    start_at: datetime | None = None  # the moment an hour clock starts (UTC); None: start of day

    @classmethod
    def of(cls, case, *, pauses: Sequence[Pause] | None = None) -> Clock:
        """The clock of a case, from its own columns and pause rows."""
        if pauses is None:
            pauses = tuple(Pause(p.started_on, p.ended_on) for p in case.pauses)
        return cls(
            start=case.clock_start,
            days=case.deadline_days,
            unit=kind_spec(case.kind).unit,
            extension_days=case.extension_days or 0,
            pauses=tuple(pauses),
            start_at=None if case.reopened_on else case.received_at,
        )

    @property
    def paused(self) -> bool:
        """Whether a pause is running now."""
        return any(p.end is None for p in self.pauses)

    def due(self, calendar: WorkingCalendar, today: date) -> Deadline:
        """The due date (end of its last day) and whether it rests on an unpublished year."""
        if self.unit == ClockUnit.WORKDAYS:
            return self._count(calendar, today, self.days + self.extension_days, workdays=True)
        if self.unit == ClockUnit.DAYS:
            return self._count(calendar, today, self.days + self.extension_days, workdays=False)
        if self.unit == ClockUnit.HOURS:
            due_at = self.moment_after(minutes=60 * (self.days + self.extension_days))
            return Deadline(local_date(due_at), provisional=False, due_at=due_at)
        end = _add_months(self.start, self.days)
        if self.extension_days:
            end = calendar.add_workdays(end, self.extension_days).due_date
        return Deadline(self._after_pauses(end, today), provisional=False)

    @property
    def started_at(self) -> datetime:
        """The moment the clock starts (UTC): the receipt, or the start of the day after `start`."""
        if self.start_at is not None:
            return (
                self.start_at.astimezone(UTC) if self.start_at.tzinfo else self.start_at.replace(tzinfo=UTC)
            )
        midnight = datetime.combine(self.start + timedelta(days=1), time(), tzinfo=bureau_tz())
        return midnight.astimezone(UTC)

    def moment_after(self, *, minutes: int) -> datetime:
        """The moment `minutes` clock minutes after the start (UTC): 7×24, holidays count."""
        return self.started_at + timedelta(minutes=minutes)

    def milestone_times(self, milestones: Sequence[Milestone]) -> list[tuple[Milestone, datetime]]:
        """Each milestone with the moment it falls due (UTC)."""
        return [(m, self.moment_after(minutes=m.minutes)) for m in milestones]

    def counted_between(self, calendar: WorkingCalendar, end: date, today: date) -> int:
        """Working days the clock has run from its start up to and including `end`."""
        count, day = 0, self.start
        while day < end:
            day += timedelta(days=1)
            if calendar.is_workday(day) and not self._in_pause(day, today):
                count += 1
        return count

    def _count(self, calendar: WorkingCalendar, today: date, days: int, *, workdays: bool) -> Deadline:
        if days < 1:
            raise ValueError("a deadline needs at least one day")
        if not self.pauses and workdays:
            return calendar.add_workdays(self.start, days)
        day, counted, provisional = self.start, 0, False
        for _ in range(_MAX_SPAN_DAYS):
            day += timedelta(days=1)
            if self._in_pause(day, today):
                continue
            if workdays:
                if not calendar.year_known(day.year) and day not in calendar.overrides:
                    provisional = True
                if not calendar.is_workday(day):
                    continue
            counted += 1
            if counted == days:
                return Deadline(day, provisional)
        raise ValueError("the calendar has no working days in ten years")

    def _in_pause(self, day: date, today: date) -> bool:
        return any(p.covers(day, today) for p in self.pauses)

    def _after_pauses(self, end: date, today: date) -> date:
        """A calendar end date pushed back by the paused days before it."""
        paused = sum(
            1
            for offset in range(1, (end - self.start).days + 1)
            if self._in_pause(self.start + timedelta(offset), today)
        )
        return end + timedelta(days=paused)


def _add_months(start: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _months.monthrange(year, month)[1]))
