"""The case's clock: make-up weekends, year ends, unpublished years, pauses across holidays, recomputation."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from desk.cases.calendar_services import set_calendar_day
from desk.cases.clock import Clock, Pause
from desk.cases.deadlines import load_calendar, set_deadline
from desk.cases.kinds import ClockUnit, Milestone
from desk.cases.workdays import WorkingCalendar
from desk.models import ClockPause, Role
from tests.clock import frozen_time
from tests.conftest import utc

CALENDAR = WorkingCalendar()
LATER = date(2026, 6, 30)


def test_a_make_up_weekend_counts():
    # 2026-02-14 is a Saturday worked before the Spring Festival.
    assert Clock(start=date(2026, 2, 5), days=7).due(CALENDAR, LATER).due_date == date(2026, 2, 14)


def test_a_pause_across_the_spring_festival_stops_the_count():
    clock = Clock(start=date(2026, 2, 5), days=7, pauses=(Pause(date(2026, 2, 9), date(2026, 2, 24)),))
    # 02-06 and 02-09 count; 02-10…02-24 do not; then 02-25, 26, 27, 28 (make-up Saturday) and 03-02.
    assert clock.due(CALENDAR, LATER).due_date == date(2026, 3, 2)
    assert clock.counted_between(CALENDAR, date(2026, 2, 26), LATER) == 4


def test_a_running_pause_counts_as_ending_today():
    clock = Clock(start=date(2026, 2, 5), days=7, pauses=(Pause(date(2026, 2, 9)),))
    assert clock.paused
    assert clock.due(CALENDAR, date(2026, 2, 12)).due_date == date(2026, 2, 26)
    assert clock.due(CALENDAR, date(2026, 2, 13)).due_date == date(2026, 2, 27)


def test_a_year_without_a_published_calendar_is_provisional():
    deadline = Clock(start=date(2026, 12, 24), days=7).due(CALENDAR, LATER)
    assert deadline.due_date == date(2027, 1, 4) and deadline.provisional


def test_extensions_add_working_days_after_the_pause():
    clock = Clock(
        start=date(2026, 2, 5), days=7, extension_days=2, pauses=(Pause(date(2026, 2, 9), date(2026, 2, 24)),)
    )
    assert clock.due(CALENDAR, LATER).due_date == date(2026, 3, 4)


def test_calendar_days_and_months():
    assert Clock(start=date(2026, 12, 28), days=20, unit=ClockUnit.DAYS).due(
        CALENDAR, LATER
    ).due_date == date(2027, 1, 17)
    assert Clock(start=date(2026, 11, 30), days=3, unit=ClockUnit.MONTHS).due(
        CALENDAR, LATER
    ).due_date == date(2027, 2, 28)


@frozen_time(utc(2026, 2, 12, 2, 0))
def test_a_paused_case_is_recomputed_when_the_admin_edits_the_calendar(db, make_case, make_user):
    case = make_case(received_at=utc(2026, 2, 5, 2, 0))  # a consultation: 7 working days
    assert case.due_date == date(2026, 2, 14)
    db.session.add(
        ClockPause(
            case_id=case.id, reason="correction", started_on=date(2026, 2, 9), ended_on=date(2026, 2, 24)
        )
    )
    db.session.flush()
    db.session.refresh(case)
    set_deadline(case, load_calendar())
    assert case.due_date == date(2026, 3, 2)
    # The admin declares 2026-02-27 a day off: the paused case moves with every other open case.
    set_calendar_day(make_user(Role.ADMIN), date(2026, 2, 27), False, "测试")
    db.session.refresh(case)
    assert case.due_date == date(2026, 3, 3)


# --- hour clocks (7×24) and calendar months ---------------------------------------------------

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_an_hour_clock_runs_across_midnight():
    clock = Clock(start=date(2026, 12, 5), days=5, unit=ClockUnit.HOURS, start_at=_local(2026, 12, 5, 22, 10))
    deadline = clock.due(CALENDAR, LATER)
    assert deadline.due_at == _local(2026, 12, 6, 3, 10)
    assert deadline.due_date == date(2026, 12, 6)  # the local date of the moment
    assert not deadline.provisional


def test_an_hour_clock_counts_holidays_and_weekends_as_hours():
    # 22:00 on 30 September: the next 24 hours fall on National Day, and count all the same.
    clock = Clock(start=date(2026, 9, 30), days=24, unit=ClockUnit.HOURS, start_at=_local(2026, 9, 30, 22, 0))
    assert clock.due(CALENDAR, LATER).due_at == _local(2026, 10, 1, 22, 0)
    # Milestones are moments on the same clock: 20 minutes and 2 hours after receipt.
    marks = [Milestone("check", "初步核实", 20), Milestone("report", "书面报告", 120)]
    assert [moment for _, moment in clock.milestone_times(marks)] == [
        _local(2026, 9, 30, 22, 20),
        _local(2026, 10, 1, 0, 0),
    ]


def test_an_hour_clock_in_a_year_without_a_calendar_is_not_provisional():
    clock = Clock(start=date(2027, 2, 6), days=24, unit=ClockUnit.HOURS, start_at=_local(2027, 2, 6, 9, 0))
    deadline = clock.due(CALENDAR, LATER)
    assert deadline.due_at == _local(2027, 2, 7, 9, 0) and not deadline.provisional


def test_three_calendar_months_from_30_november_end_on_the_last_day_of_february():
    def months(start, n=3):
        return Clock(start=start, days=n, unit=ClockUnit.MONTHS).due(CALENDAR, LATER).due_date

    assert months(date(2026, 11, 30)) == date(2027, 2, 28)
    assert months(date(2027, 11, 30)) == date(2028, 2, 29)  # a leap year
    assert months(date(2026, 3, 10)) == date(2026, 6, 10)
    assert months(date(2026, 8, 31), 1) == date(2026, 9, 30)
