"""The deadline sweep: supervision of overdue cases and due-soon notices, exactly once."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from desk.extensions import db as _db
from desk.jobs import maintenance
from desk.models import CaseEvent, Notification, Supervision, SupervisionReason
from desk.supervision.sweep import sweep_deadlines
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import assigned_case, make_team, replied_case

# 2026-11-12 (Thursday) 10:00 in Shanghai.
SWEEP_AT = utc(2026, 11, 12, 2, 0)


def _supervisions(case_id: int) -> list[Supervision]:
    return list(_db.session.scalars(select(Supervision).where(Supervision.case_id == case_id)))


def _notices(user_id: int, kind: str) -> list[Notification]:
    return list(
        _db.session.scalars(
            select(Notification).where(Notification.user_id == user_id, Notification.kind == kind)
        )
    )


def test_an_overdue_case_is_supervised_once_and_its_head_told(db, team):
    overdue = assigned_case(team, utc(2026, 11, 2, 2, 0))  # 7 working days: due 11-11
    assert overdue.due_date.isoformat() == "2026-11-11"
    first = sweep_deadlines(now=SWEEP_AT)
    again = sweep_deadlines(now=SWEEP_AT)

    assert first.overdue_supervised == 1
    assert again.overdue_supervised == 0 and again.supervision_notices == 0
    [record] = _supervisions(overdue.id)
    assert record.reason == SupervisionReason.OVERDUE and record.state == "open"
    assert record.division_id == team.division.id
    assert record.answer_due.isoformat() == "2026-11-17"  # 3 working days after Thursday
    [notice] = _notices(team.head.id, "supervision")
    assert overdue.number in notice.text and notice.supervision_id == record.id
    assert _notices(team.staff.id, "supervision") == []
    events = _db.session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == overdue.id)).all()
    assert events.count("supervised") == 1


def test_due_soon_cases_notify_the_division_once_per_due_date(db, team):
    soon = assigned_case(team, utc(2026, 11, 5, 2, 0))  # due Monday 11-16: two working days away
    later = assigned_case(team, utc(2026, 11, 11, 2, 0))  # due 11-20
    result = sweep_deadlines(now=SWEEP_AT)
    sweep_deadlines(now=SWEEP_AT)

    assert result.due_soon_notices == 2  # the head and the staff member
    assert result.overdue_supervised == 0
    for user in (team.head, team.staff):
        [notice] = _notices(user.id, "due_soon")
        assert notice.case_id == soon.id
    assert not _db.session.scalar(select(func.count()).where(Notification.case_id == later.id))


def test_finished_cases_are_never_supervised_for_lateness(db, team):
    late_reply = replied_case(team, utc(2026, 11, 2, 2, 0), utc(2026, 11, 12, 1, 0))
    assert sweep_deadlines(now=SWEEP_AT).overdue_supervised == 0
    assert _supervisions(late_reply.id) == []


def test_an_overdue_case_still_in_triage_goes_to_the_office(db, team):
    from desk.cases import services
    from tests.conftest import LETTER

    with frozen_time(utc(2026, 11, 2, 2, 0)):
        waiting, _ = services.submit_letter(services.Letter(**LETTER))
    sweep_deadlines(now=SWEEP_AT)
    [record] = _supervisions(waiting.id)
    assert record.division_id is None
    assert [n.case_id for n in _notices(team.office.id, "supervision")] == [waiting.id]


def test_two_sweeps_at_once_open_exactly_one_record(committed):
    team = make_team(suffix="race")
    cases = [assigned_case(team, utc(2026, 11, 2, 2, 0)) for _ in range(5)]
    _db.session.commit()
    ids, head_id = [c.id for c in cases], team.head.id
    _db.session.remove()

    barrier = threading.Barrier(2)
    errors = []

    def run():
        with committed.app_context(), frozen_time(SWEEP_AT):
            try:
                barrier.wait()
                maintenance.sweep()
            except Exception as error:  # reported below; a thread's exception is otherwise lost
                errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    counts = _db.session.execute(
        select(Supervision.case_id, func.count())
        .where(Supervision.case_id.in_(ids))
        .group_by(Supervision.case_id)
    ).all()
    assert sorted(counts) == [(i, 1) for i in sorted(ids)]
    head_notices = _db.session.scalar(
        select(func.count()).where(Notification.user_id == head_id, Notification.kind == "supervision")
    )
    assert head_notices == 5
    assert _db.session.scalar(select(func.count()).where(CaseEvent.action == "supervised")) == 5


def test_a_backlog_of_overdue_cases_sends_the_head_one_summary(db, team):
    cases = [assigned_case(team, utc(2026, 11, 2, 2, 0)) for _ in range(21)]
    result = sweep_deadlines(now=SWEEP_AT)
    assert result.overdue_supervised == 21 and result.supervision_notices == 1
    [notice] = _notices(team.head.id, "supervision")
    assert "本次新增 21 件" in notice.text and notice.case_id is None
    assert len(_supervisions(cases[0].id)) == 1


def test_a_backlog_of_due_soon_cases_sends_one_summary_a_day(db, team):
    for _ in range(21):
        assigned_case(team, utc(2026, 11, 5, 2, 0))  # due Monday 11-16
    first = sweep_deadlines(now=SWEEP_AT)
    again = sweep_deadlines(now=utc(2026, 11, 12, 2, 5))
    assert first.due_soon_notices == 2 and again.due_soon_notices == 0  # head and staff, once today
    [notice] = _notices(team.staff.id, "due_soon")
    assert "21 件来信将于 2026-11-16 前到期" in notice.text


def test_a_reopened_case_overdue_again_is_supervised_again(db, team):
    from desk.cases import services
    from desk.supervision.services import answer_supervision, close_supervision

    case = assigned_case(team, utc(2026, 11, 2, 2, 0))  # due 11-11
    sweep_deadlines(now=SWEEP_AT)  # overdue on 11-12: supervised
    [record] = _supervisions(case.id)
    with frozen_time(utc(2026, 11, 13, 2, 0)):
        services.submit_for_signoff(team.staff, case, "您好，答复如下：……")
        services.sign_off(team.head, case)
        answer_supervision(team.head, record, "已答复来信人")
        close_supervision(team.office, record, "已答复，销号")
        services.rate_case(case, "dissatisfied", "没有回答我的问题")
    with frozen_time(utc(2026, 11, 16, 2, 0)):  # Monday: reopened, due 7 working days later
        services.reopen_case(team.office, case, "请重新核实答复")
    assert case.due_date.isoformat() == "2026-11-25"
    before = len(_notices(team.head.id, "supervision"))

    result = sweep_deadlines(now=utc(2026, 11, 26, 2, 0))  # overdue again, nobody answered
    sweep_deadlines(now=utc(2026, 11, 26, 2, 5))

    assert result.overdue_supervised == 1
    overdue = [s for s in _supervisions(case.id) if s.reason == SupervisionReason.OVERDUE]
    assert [s.state for s in overdue] == ["open"]
    assert overdue[0].answer is None and overdue[0].closed_at is None
    assert len(_notices(team.head.id, "supervision")) == before + 1
    # The office closes it again while the case is still late: the next sweep leaves it closed.
    with frozen_time(utc(2026, 11, 26, 3, 0)):
        close_supervision(team.office, overdue[0], "处室已说明，继续跟踪")
    assert sweep_deadlines(now=utc(2026, 11, 26, 4, 0)).overdue_supervised == 0
    assert overdue[0].state == "closed"
