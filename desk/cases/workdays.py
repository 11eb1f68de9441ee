"""The working-day calendar: State Council holidays, make-up weekends and admin overrides."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import chinese_calendar

# A deadline longer than this many calendar days means a calendar with no working days.
_MAX_SPAN_DAYS = 3660


@dataclass(frozen=True)
class Deadline:
    """A due date, and whether it rests on a year with no published calendar.

    A clock counted in hours also has the moment (`due_at`, UTC) and the date is its local date.
    """

    due_date: date
    provisional: bool
    due_at: datetime | None = None


def published_years() -> range:
    """The years `chinese-calendar` knows from State Council notices."""
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return range(years[0], years[-1] + 1)


@dataclass
class WorkingCalendar:
    """Answers "is this a working day?" and counts working days.

    Admin overrides win; then the published calendar; a year neither knows falls back to
    "weekdays work" and every answer that leans on it is marked provisional, never silent.
    """

    overrides: dict[date, bool] = field(default_factory=dict)
    confirmed_years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        self._published = published_years()

    def year_known(self, year: int) -> bool:
        """True when the year's holidays are published or entered in full by an admin."""
        return year in self._published or year in self.confirmed_years

    def is_workday(self, day: date) -> bool:
        """Whether staff work on this day."""
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self._published:
            return chinese_calendar.is_workday(day)
        return day.weekday() < 5

    def add_workdays(self, start: date, days: int) -> Deadline:
        """The end of the `days`-th working day after `start` (the start day is not counted)."""
        if days < 1:
            raise ValueError("a deadline needs at least one working day")
        day, counted, provisional = start, 0, False
        for _ in range(_MAX_SPAN_DAYS):
            day += timedelta(days=1)
            if not self.year_known(day.year) and day not in self.overrides:
                provisional = True
            if self.is_workday(day):
                counted += 1
                if counted == days:
                    return Deadline(day, provisional)
        raise ValueError("the calendar has no working days in ten years")

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count

    def missing_years(self, years: range) -> list[int]:
        """The years in `years` with no published or confirmed calendar."""
        return [y for y in years if not self.year_known(y)]


HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


@dataclass(frozen=True)
class PublishedHoliday:
    """A statutory holiday period of a published year, with its make-up working days."""

    name: str
    first: date
    last: date
    make_up_days: tuple[date, ...]


def published_holidays(year: int) -> list[PublishedHoliday]:
    """The State Council's holiday periods of a year, as `chinese-calendar` has them."""
    if year not in published_years():
        return []
    periods: list[list] = []
    for day, name in sorted((d, n) for d, n in chinese_calendar.holidays.items() if d.year == year):
        if periods and periods[-1][0] == name and (day - periods[-1][2]).days == 1:
            periods[-1][2] = day
        else:
            periods.append([name, day, day])
    make_up = sorted(
        (d, n) for d, n in chinese_calendar.workdays.items() if d.year == year and d.weekday() >= 5
    )
    return [
        PublishedHoliday(
            name=HOLIDAY_NAMES.get(name, name),
            first=first,
            last=last,
            make_up_days=tuple(d for d, n in make_up if n == name),
        )
        for name, first, last in periods
    ]
