"""Operator commands: due dates as the desk computes them, idempotent demo data."""

from datetime import timedelta

from sqlalchemy import func, select

from desk.cases.workdays import published_years
from desk.demo.seed import DEMO_PASSWORD, demo_people, load_demo
from desk.models import Case, CaseEvent, CaseState, Division, User


def test_due_date_cli_prints_the_desks_answer(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["desk", "due-date", "--kind", "consultation", "--received", "2025-09-28"])
    assert result.exit_code == 0 and result.output.strip() == "2025-10-14"
    result = runner.invoke(args=["desk", "due-date", "--kind", "complaint", "--received", "2026-01-20"])
    assert result.output.strip() == "2026-02-26"


def test_due_date_cli_warns_about_years_without_data(app, db):
    last = published_years()[-1]
    result = app.test_cli_runner().invoke(
        args=["desk", "due-date", "--kind", "complaint", "--received", f"{last}-12-20"]
    )
    assert result.exit_code == 0
    assert "provisional" in result.output


def test_due_date_cli_refuses_bad_input(app, db):
    result = app.test_cli_runner().invoke(
        args=["desk", "due-date", "--kind", "lottery", "--received", "2026-01-01"]
    )
    assert result.exit_code == 2


def test_demo_data_loads_once_with_every_state_and_role(db):
    assert load_demo() > 50
    assert load_demo() == 0  # idempotent
    states = set(db.session.scalars(select(Case.state).distinct()))
    assert states == {s.value for s in CaseState}
    assert db.session.scalar(select(func.count()).select_from(Division)) == 9
    roles = set(db.session.scalars(select(User.role).distinct()))
    assert roles == {"staff", "head", "office", "counsel", "admin"}
    assert len(demo_people()) == db.session.scalar(select(func.count()).select_from(User))
    user = db.session.scalar(select(User).where(User.username == "yh1.staff"))
    assert user.check_password(DEMO_PASSWORD)
    # Every case has a history that starts with its receipt.
    first_actions = db.session.scalars(
        select(CaseEvent.action).where(
            CaseEvent.id.in_(select(func.min(CaseEvent.id)).group_by(CaseEvent.case_id))
        )
    ).all()
    assert set(first_actions) == {"received"}


def test_demo_histories_are_in_order_and_after_receipt(db):
    load_demo()
    for case in db.session.scalars(select(Case)):
        events = db.session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        ).all()
        moments = [e.at for e in events]
        assert moments == sorted(moments), case.number
        assert moments[0] >= case.received_at - timedelta(seconds=1), case.number


def test_due_date_cli_takes_a_time_of_day_too(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["desk", "due-date", "--kind", "consultation", "--received", "2025-09-28 16:45"]
    )
    assert result.exit_code == 0 and result.output.strip() == "2025-10-14"
    bad = runner.invoke(args=["desk", "due-date", "--kind", "consultation", "--received", "2025-09-28 25:00"])
    assert bad.exit_code == 2
