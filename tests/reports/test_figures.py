"""Figures counted by the database for cases with known states and dates."""

from datetime import date

import pytest

from desk.cases.deadlines import due_window
from desk.cases.kinds import KINDS
from desk.reports.figures import monthly_figures, period_figures
from desk.reports.periods import (
    PeriodError,
    last_twelve_months,
    month_start,
    months_between,
    parse_period,
    preset_period,
)
from tests.clock import frozen_time
from tests.conftest import utc
from tests.reports.conftest import NOW

TODAY = date(2026, 11, 20)


def figures_for(period, division_id=None):
    with frozen_time(NOW):
        return period_figures(period, due_window(TODAY), division_id=division_id)


def test_last_twelve_months_counts_each_definition(bureau):
    figures = figures_for(last_twelve_months(TODAY))
    total = figures.total
    assert total.received == 6  # every case but the one from 2024
    assert total.not_accepted == 1
    assert (total.replied, total.on_time) == (2, 1)
    # The open overdue case (due 11-12) is late already: 1 on time of 2 replied + 1 overdue.
    assert (total.late_open, total.due, total.late) == (1, 3, 2)
    assert total.on_time_rate == 1 / 3
    # 10-09 → 10-13: 3 working days (Saturday 10-10 is a make-up working day).
    assert bureau.cases["on_time"].handling_workdays == 3
    assert total.avg_workdays == (3 + 46) / 2 == 24.5
    assert bureau.cases["late"].handling_workdays == 46
    assert (total.ratings, total.satisfied, total.satisfaction_rate) == (2, 1, 0.5)
    assert (total.open_now, total.overdue, total.due_soon) == (3, 1, 1)
    assert (total.supervisions_opened, total.supervisions_open) == (1, 1)
    assert figures.by_state == {
        "received": 0,
        "not_accepted": 1,
        "assigned": 3,
        "in_review": 0,
        "replied": 2,
        "closed": 0,
    }
    assert {k: v for k, v in figures.by_kind.items() if v} == {
        "consultation": 4,
        "complaint": 1,
        "mailbox": 1,
    }
    assert set(figures.by_kind) == set(KINDS)  # every kind of the registry has its row
    assert {k: v for k, v in figures.by_channel.items() if v} == {"web": 5, "wechat": 1}


def test_the_on_time_rate_falls_when_a_case_goes_overdue(bureau):
    before = period_figures(last_twelve_months(TODAY), due_window(TODAY)).total
    # Wednesday 11-25: the case due 11-24 has not been answered and is overdue now.
    later = date(2026, 11, 25)
    with frozen_time(utc(2026, 11, 25, 2, 0)):
        after = period_figures(last_twelve_months(later), due_window(later)).total
    assert (before.replied, after.replied) == (2, 2), "no reply came in between"
    assert (before.late_open, after.late_open) == (1, 2)
    assert after.on_time_rate == 1 / 4 < before.on_time_rate == 1 / 3


def test_rows_per_division_and_unassigned(bureau):
    rows = {r.name: r for r in figures_for(last_twelve_months(TODAY)).rows}
    bank, stability = rows["银行一处"], rows["金融稳定处"]
    assert (bank.received, bank.replied, bank.on_time, bank.overdue, bank.due_soon) == (3, 1, 1, 1, 1)
    assert (bank.satisfaction_rate, bank.supervisions_open) == (1.0, 1)
    assert (stability.received, stability.replied, stability.on_time_rate) == (2, 1, 0.0)
    assert stability.satisfaction_rate == 0.0
    unassigned = rows["未分办（综合处待受理或不予受理）"]
    assert (unassigned.received, unassigned.not_accepted) == (1, 1)


def test_a_period_counts_replies_by_reply_date_not_receipt(bureau):
    october = figures_for(parse_period("2026-10")).total
    assert (october.received, october.replied, october.on_time) == (1, 1, 1)
    assert october.ratings == 1
    november = figures_for(parse_period("2026-11")).total
    assert (november.received, november.replied, november.on_time) == (4, 1, 0)
    assert november.avg_workdays == bureau.cases["late"].handling_workdays
    q3 = figures_for(parse_period("2026-Q3")).total
    assert (q3.received, q3.replied, q3.on_time_rate, q3.avg_workdays) == (1, 0, None, None)


def test_one_division_only(bureau):
    figures = figures_for(last_twelve_months(TODAY), division_id=bureau.bank.id)
    assert [r.name for r in figures.rows] == ["银行一处"]
    assert (figures.total.received, figures.total.open_now, figures.total.ratings) == (3, 2, 1)
    assert figures.by_state["not_accepted"] == 0


def test_monthly_trend_buckets_by_local_month(bureau, make_case, db):
    from tests.conftest import utc

    # 2026-10-31 17:00 UTC is 11-01 01:00 in Shanghai: a November letter.
    with frozen_time(NOW):
        make_case(received_at=utc(2026, 10, 31, 17, 0))
    trend = months_between(month_start(TODAY, back=11), TODAY)
    months, by_channel = monthly_figures(last_twelve_months(TODAY), trend)
    with frozen_time(NOW):
        figures = period_figures(parse_period("2026-11"), due_window(TODAY), trend=trend)
    assert [(m.key, m.received, m.replied) for m in figures.months] == [
        (m.key, m.received, m.replied) for m in months
    ]
    assert by_channel == {"web": 6, "phone": 0, "wechat": 1, "weibo": 0}
    assert len(months) == 12 and months[0].key == "2025-12" and months[-1].key == "2026-11"
    by_key = {m.key: m for m in months}
    assert (by_key["2026-09"].received, by_key["2026-09"].replied) == (1, 0)
    assert (by_key["2026-10"].received, by_key["2026-10"].replied) == (1, 1)
    assert (by_key["2026-11"].received, by_key["2026-11"].replied) == (5, 1)
    assert by_key["2026-11"].not_accepted == 1
    # Of October's letter, the one received has a reply: 100 %; November: 0 of 4 accepted.
    assert by_key["2026-10"].reply_rate == 1.0
    assert by_key["2026-11"].reply_rate == 0.0
    assert by_key["2026-01"].reply_rate is None
    assert sum(m.received for m in months) == 7


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-10", date(2026, 10, 1), date(2026, 10, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-q4", date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_periods_parse(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["", "2026", "2026-13", "2026-Q5", "26-10", "2026-10-01", "abc"])
def test_bad_periods_are_refused_in_chinese(text):
    with pytest.raises(PeriodError, match="统计期间"):
        parse_period(text)


def test_presets():
    assert preset_period("month", TODAY).start == date(2026, 11, 1)
    assert (preset_period("quarter", TODAY).start, preset_period("quarter", TODAY).end) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert preset_period("year", TODAY).start == date(2026, 1, 1)
    assert preset_period("12m", TODAY).start == date(2025, 12, 1)
    with pytest.raises(PeriodError):
        preset_period("week", TODAY)


def test_reopening_a_late_reply_does_not_turn_it_into_an_on_time_one(bureau, db):
    from sqlalchemy import select

    from desk.cases import services
    from desk.models import Case
    from desk.reports.lists import figure_cases

    late = bureau.cases["late"]  # a complaint due 10-08, replied 11-10 and rated 不满意
    with frozen_time(NOW):
        services.reopen_case(bureau.office, late, "请重新核实后答复")
    assert late.due_date > late.replied_on  # the reopened case's new clock runs from 11-20
    november = figures_for(parse_period("2026-11")).total
    assert (november.replied, november.on_time) == (1, 0)  # the reply of 11-10 was late, and stays so
    period, window = parse_period("2026-11"), due_window(TODAY)
    on_time = db.session.scalars(figure_cases(select(Case), "on_time", period, window)).all()
    late_ones = db.session.scalars(figure_cases(select(Case), "late", period, window)).all()
    assert late not in on_time and late in late_ones
