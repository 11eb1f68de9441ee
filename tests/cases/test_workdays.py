"""The working-day calendar on its own: holidays, make-up weekends, year edges, unknown years."""

from datetime import date

import pytest

from desk.cases.workdays import WorkingCalendar, published_years


@pytest.fixture
def calendar() -> WorkingCalendar:
    """The published calendar with no admin overrides."""
    return WorkingCalendar()


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # National Day 2025 (10-01..10-08 off), 09-28 and 10-11 are make-up working Sundays/Saturdays.
        (date(2025, 9, 28), 7, date(2025, 10, 14)),
        # Spring Festival 2026 with make-up Saturdays 02-14 and 02-28.
        (date(2026, 1, 20), 22, date(2026, 2, 26)),
        # An ordinary week: Monday + 7 working days = next Wednesday.
        (date(2026, 11, 16), 7, date(2026, 11, 25)),
        # Received on Friday: Saturday and Sunday are not counted.
        (date(2026, 11, 20), 1, date(2026, 11, 23)),
        # Year boundary: New Year's Day 2026 is off, 2026-01-04 (Sunday) is a make-up working day.
        (date(2025, 12, 30), 2, date(2026, 1, 4)),
        (date(2025, 12, 30), 3, date(2026, 1, 5)),
        # Labour Day 2026 (05-01..05-05 off), 05-09 (Saturday) is a make-up working day.
        (date(2026, 4, 30), 2, date(2026, 5, 7)),
    ],
)
def test_deadlines_follow_the_state_council_calendar(calendar, received, days, due):
    assert calendar.add_workdays(received, days).due_date == due


def test_ignoring_make_up_weekends_would_be_wrong(calendar):
    """The two checked dates differ from a weekend-only count (10-15 and 02-27)."""
    weekends_only = WorkingCalendar(overrides={date(2025, 9, 28): False, date(2025, 10, 11): False})
    assert weekends_only.add_workdays(date(2025, 9, 28), 7).due_date == date(2025, 10, 15)
    assert calendar.add_workdays(date(2025, 9, 28), 7).due_date == date(2025, 10, 14)


def test_receipt_on_a_holiday_starts_counting_on_the_next_working_day(calendar):
    # 2025-10-03 is in the National Day holiday; 10-09 is the first working day after it.
    assert calendar.add_workdays(date(2025, 10, 3), 1).due_date == date(2025, 10, 9)
    # Received on a Saturday: the first day counted is Monday.
    assert calendar.add_workdays(date(2026, 11, 21), 1).due_date == date(2026, 11, 23)


def test_receipt_on_a_make_up_working_day_is_not_counted(calendar):
    # 2026-02-14 is a make-up working Saturday; counting starts the next working day.
    assert calendar.is_workday(date(2026, 2, 14))
    assert calendar.add_workdays(date(2026, 2, 14), 1).due_date == date(2026, 2, 24)


def test_admin_overrides_win(calendar):
    friday = date(2026, 11, 27)
    closed = WorkingCalendar(overrides={friday: False})
    assert calendar.add_workdays(date(2026, 11, 26), 1).due_date == friday
    assert closed.add_workdays(date(2026, 11, 26), 1).due_date == date(2026, 11, 30)
    opened = WorkingCalendar(overrides={date(2026, 11, 28): True})
    assert opened.add_workdays(date(2026, 11, 27), 1).due_date == date(2026, 11, 28)


def test_a_year_without_data_gives_a_provisional_deadline(calendar):
    last = published_years()[-1]
    deadline = calendar.add_workdays(date(last, 12, 20), 22)
    assert deadline.provisional
    assert deadline.due_date.year == last + 1
    assert calendar.missing_years(range(last, last + 2)) == [last + 1]
    # Inside a known year nothing is provisional.
    assert not calendar.add_workdays(date(last, 11, 2), 7).provisional


def test_a_confirmed_year_is_final():
    last = published_years()[-1]
    confirmed = WorkingCalendar(confirmed_years=frozenset({last + 1}))
    assert not confirmed.add_workdays(date(last, 12, 20), 22).provisional
    assert confirmed.missing_years(range(last, last + 2)) == []


def test_workdays_between_counts_after_start_up_to_end(calendar):
    assert calendar.workdays_between(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert calendar.workdays_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert calendar.workdays_between(date(2026, 11, 25), date(2026, 11, 23)) == 0


def test_a_deadline_needs_days(calendar):
    with pytest.raises(ValueError):
        calendar.add_workdays(date(2026, 1, 1), 0)
