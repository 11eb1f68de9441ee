"""Deadlines stored on cases: computed on intake, recomputed on reclassification and calendar edits."""

from datetime import date

from desk.cases import services
from desk.cases.calendar_services import (
    confirm_year,
    remove_calendar_day,
    set_calendar_day,
    set_deadline_rules,
)
from desk.cases.deadlines import due_window, load_calendar
from desk.cases.workdays import published_years
from desk.models import CaseEvent, CaseState, Role
from tests.conftest import utc


def test_intake_sets_the_due_date_from_the_local_receipt_date(make_case):
    # 2025-09-27 17:00 UTC is 09-28 01:00 in Shanghai: the receipt day is the 28th.
    case = make_case(received_at=utc(2025, 9, 27, 17, 0))
    assert case.received_on == date(2025, 9, 28)
    assert case.due_date == date(2025, 10, 14)
    assert case.deadline_days == 7 and not case.due_provisional


def test_each_kind_has_its_clock(make_case):
    received = utc(2026, 1, 20, 2, 0)
    assert make_case(received_at=received, kind="complaint").due_date == date(2026, 2, 26)
    assert make_case(received_at=received, kind="mailbox").deadline_days == 15


def test_reclassifying_recomputes_from_the_same_receipt_date(db, make_case, make_user):
    office = make_user(Role.OFFICE)
    case = make_case(received_at=utc(2026, 1, 20, 2, 0), kind="mailbox")
    services.reclassify_case(office, case, "complaint")
    assert case.kind == "complaint"
    assert case.deadline_days == 22
    assert case.due_date == date(2026, 2, 26)
    services.reclassify_case(office, case, "consultation")
    assert case.due_date == date(2026, 1, 29)
    event = db.session.scalars(
        db.select(CaseEvent).where(CaseEvent.action == "reclassified").order_by(CaseEvent.id)
    ).first()
    assert "局长信箱 → 监督投诉" in event.note and event.public


def test_editing_the_calendar_moves_open_deadlines_only(db, make_case, make_user):
    admin, office = make_user(Role.ADMIN), make_user(Role.OFFICE)
    open_case = make_case(received_at=utc(2026, 11, 16, 2, 0))  # due 2026-11-25
    finished = make_case(received_at=utc(2026, 11, 16, 3, 0))
    services.refuse_case(office, finished, "不属于本局职责")
    assert open_case.due_date == date(2026, 11, 25)

    moved = set_calendar_day(admin, date(2026, 11, 20), False, "临时停工")
    db.session.commit()
    assert moved == 1
    db.session.refresh(open_case)
    db.session.refresh(finished)
    assert open_case.due_date == date(2026, 11, 26)
    assert finished.due_date == date(2026, 11, 25)  # a finished case keeps its record

    remove_calendar_day(date(2026, 11, 20))
    db.session.refresh(open_case)
    assert open_case.due_date == date(2026, 11, 25)


def test_confirming_a_missing_year_makes_its_deadlines_final(db, make_case, make_user):
    admin = make_user(Role.ADMIN)
    last = published_years()[-1]
    case = make_case(received_at=utc(last, 12, 20, 2, 0), kind="complaint")
    assert case.due_provisional
    # The admin enters next year's New Year holiday, then confirms the year.
    set_calendar_day(admin, date(last + 1, 1, 1), False, "元旦")
    db.session.refresh(case)
    assert case.due_provisional
    confirm_year(admin, last + 1)
    db.session.refresh(case)
    assert not case.due_provisional
    assert load_calendar().missing_years(range(last, last + 2)) == []


def test_rule_changes_apply_to_new_cases(db, make_case, make_user):
    admin = make_user(Role.ADMIN)
    before = make_case(received_at=utc(2026, 11, 16, 2, 0))
    set_deadline_rules(admin, {"consultation": 5, "complaint": 22, "mailbox": 15})
    after = make_case(received_at=utc(2026, 11, 16, 2, 0))
    assert (before.deadline_days, after.deadline_days) == (7, 5)
    assert after.due_date == date(2026, 11, 23)


def test_due_soon_and_overdue_are_derived_at_read_time(db, make_case):
    case = make_case(received_at=utc(2026, 11, 16, 2, 0))  # due Wednesday 2026-11-25
    assert due_window(date(2026, 11, 20)).status(case) is None  # Fri: 3 working days left
    assert due_window(date(2026, 11, 23)).status(case) == "due_soon"  # Mon: 2 left
    assert due_window(date(2026, 11, 25)).status(case) == "due_soon"  # the last day
    assert due_window(date(2026, 11, 26)).status(case) == "overdue"
    case.state = CaseState.REPLIED
    assert due_window(date(2026, 11, 26)).status(case) is None


def test_case_numbers_run_per_kind_and_day(make_case):
    first = make_case(received_at=utc(2026, 11, 21, 1, 0))
    second = make_case(received_at=utc(2026, 11, 21, 2, 0))
    complaint = make_case(received_at=utc(2026, 11, 21, 3, 0), kind="complaint")
    next_day = make_case(received_at=utc(2026, 11, 21, 17, 0))  # 11-22 01:00 in Shanghai
    assert first.number == "ZX20261121-0001"
    assert second.number == "ZX20261121-0002"
    assert complaint.number == "TS20261121-0001"
    assert next_day.number == "ZX20261122-0001"
