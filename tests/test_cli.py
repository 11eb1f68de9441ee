"""Operator commands: due dates as the desk computes them, idempotent demo data."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from desk.cases.workdays import published_years
from desk.demo.seed import DEMO_PASSWORD, demo_people, load_demo
from desk.models import Case, CaseEvent, CaseState, Division, Rating, RatingLevel, User
from tests.clock import frozen_time
from tests.conftest import utc


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


def _figures(page: str) -> dict[str, str]:
    """The dashboard's numbers by name, as the office reads them."""
    return dict(re.findall(r'data-figure="(\w+)">([^<]*)</a>', page))


def test_the_seeded_demo_has_ratings_and_rectified_bad_ones_on_the_dashboard(db, browser):
    with frozen_time(utc(2026, 11, 20, 2, 0)):
        load_demo()
        db.session.commit()
        response = browser.post(
            "/login", {"username": "office", "password": DEMO_PASSWORD}, token_from="/login"
        )
        assert response.status_code == 302
        page = browser.get("/office/dashboard").get_data(as_text=True)
    figures = _figures(page)
    # Nine ratings through /track's service: five good ones, four 差评, three of them rectified.
    assert figures["satisfaction_rate"] == "55.6%"
    assert figures["bad_ratings"] == "4"
    assert figures["rectification_rate"] == "75.0%"
    assert figures["bad_unrectified"] == "1"
    assert "已整改销号 3 / 差评" in page
    levels = set(db.session.scalars(select(Rating.level)))
    assert levels == {level.value for level in RatingLevel}  # all five levels appear
