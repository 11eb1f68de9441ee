"""好差评 in five levels (国办发〔2019〕51号): every 差评 opens a follow-up the office closes."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from desk.cases.deadlines import due_window
from desk.models import CaseState, Rating, Supervision
from desk.reports.figures import period_figures
from desk.reports.periods import parse_period
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import replied_case

ON = utc(2026, 11, 4, 2, 0)
RATED = utc(2026, 11, 5, 2, 0)


def _track(browser, case):
    return browser.post("/track", {"number": case.number, "code": case.test_query_code})


def _rate(browser, case, level, comment=""):
    _track(browser, case)
    return browser.post("/track/rate", {"rating-level": level, "rating-comment": comment}, prefix="rating")


def test_the_citizen_chooses_among_five_levels_and_very_satisfied_closes_the_case(db, team, browser):
    case = replied_case(team, utc(2026, 11, 2, 2, 0), ON)
    page = _track(browser, case).get_data(as_text=True)
    assert page.index("非常满意") < page.index("基本满意") < page.index("非常不满意")
    rated = browser.post("/track/rate", {"rating-level": "very_satisfied"}, prefix="rating")
    assert rated.status_code == 200 and "您对本次答复的评价：非常满意" in rated.get_data(as_text=True)
    db.session.refresh(case)
    assert case.state == CaseState.CLOSED
    assert db.session.scalar(select(Supervision).where(Supervision.case_id == case.id)) is None


def test_an_unknown_level_is_refused_and_writes_nothing(db, team, browser):
    case = replied_case(team, utc(2026, 11, 2, 2, 0), ON)
    response = _rate(browser, case, "terrible")
    assert response.status_code == 400 and "请选择满意程度" in response.get_data(as_text=True)
    assert db.session.scalar(select(Rating).where(Rating.case_id == case.id)) is None


def test_very_dissatisfied_opens_a_follow_up_that_the_office_closes_with_what_was_done(
    db, team, browser, login_as
):
    case = replied_case(team, utc(2026, 11, 2, 2, 0), ON)
    with frozen_time(RATED) as clock:
        _rate(browser, case, "very_dissatisfied", "答复敷衍")
        record = db.session.scalar(select(Supervision).where(Supervision.case_id == case.id))
        assert record.reason == "dissatisfied" and record.state == "open"
        db.session.refresh(case)
        assert case.state == CaseState.REPLIED  # a 差评 does not close the case

        period = parse_period("2026-11")
        before = period_figures(period, due_window(RATED.date())).total
        assert (before.ratings, before.satisfied, before.bad_ratings, before.bad_rectified) == (1, 0, 1, 0)
        assert before.satisfaction_rate == 0 and before.rectification_rate == 0

        login_as(team.head)
        url = f"/supervision/{record.id}"
        answered = browser.post(
            f"/supervision/{record.id}/answer",
            {"answer-comment": "已电话回访来信人，重新解释利率规定"},
            prefix="answer",
            token_from=url,
        )
        assert answered.status_code == 302
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(team.office)
        page = browser.get(url).get_data(as_text=True)
        assert "差评回访整改" in page and "整改完成，销号" in page
        empty = browser.post(
            f"/supervision/{record.id}/close", {"close-comment": " "}, prefix="close", token_from=url
        )
        assert empty.status_code == 400
        db.session.refresh(record)
        assert record.state == "answered"
        clock.move_to(utc(2026, 11, 6, 2, 0))
        closed = browser.post(
            f"/supervision/{record.id}/close",
            {"close-comment": "已回访，来信人认可；处室已修订答复口径"},
            prefix="close",
            token_from=url,
        )
        assert closed.status_code == 302
        after = period_figures(period, due_window(RATED.date())).total
        assert (after.bad_ratings, after.bad_rectified, after.rectification_rate) == (1, 1, 1.0)
        response = browser.get("/office/dashboard")
        dashboard = response.get_data(as_text=True)
    assert "差评整改率" in dashboard and "非常不满意" in dashboard


def test_the_satisfaction_rate_counts_the_three_good_levels(db, team, browser):
    levels = ["very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied"]
    with frozen_time(RATED):
        for level in levels:
            case = replied_case(team, utc(2026, 11, 2, 2, 0), ON)
            _rate(browser, case, level)
        figures = period_figures(parse_period("2026-11"), due_window(RATED.date()))
    total = figures.total
    assert (total.ratings, total.satisfied, total.bad_ratings) == (5, 3, 2)
    assert total.satisfaction_rate == 3 / 5
    assert figures.by_rating == dict.fromkeys(levels, 1)


def test_the_migration_keeps_old_ratings_and_folds_the_new_levels_back_down(file_app):
    app = file_app()
    with app.app_context():
        from desk.extensions import db

        downgrade(revision="0012p")  # to just before this migration
        with db.engine.begin() as conn:
            _insert_ratings(conn, ["satisfied", "basic", "dissatisfied"])
        upgrade()
        with db.engine.begin() as conn:
            assert _levels(conn) == ["satisfied", "basic", "dissatisfied"]
            conn.execute(text("UPDATE ratings SET level = 'very_dissatisfied' WHERE level = 'dissatisfied'"))
            conn.execute(text("UPDATE ratings SET level = 'very_satisfied' WHERE level = 'satisfied'"))
        downgrade(revision="0012p")  # to just before this migration
        with db.engine.begin() as conn:
            assert _levels(conn) == ["satisfied", "basic", "dissatisfied"]
        upgrade()
        db.engine.dispose()


def _insert_ratings(conn, levels):
    conn.execute(
        text(
            "INSERT INTO cases (id, number, kind, channel, state, subject, content, citizen_name, phone,"
            " consent_publish, received_at, received_on, deadline_days, extension_days, due_date,"
            " due_provisional, joint_review, auto_assigned, updated_at)"
            " VALUES (1, 'ZX1', 'consultation', 'web', 'closed', 's', 'c', 'n', 'p', 0,"
            " '2026-11-02 02:00:00', '2026-11-02', 7, 0, '2026-11-11', 0, 0, 0, '2026-11-02 02:00:00')"
        )
    )
    for index, level in enumerate(levels, start=1):
        conn.execute(
            text(
                "INSERT INTO ratings (id, case_id, level, rated_at, reply_signed_at)"
                " VALUES (:id, 1, :level, '2026-11-05 02:00:00', :signed)"
            ),
            {"id": index, "level": level, "signed": f"2026-11-0{index} 02:00:00"},
        )


def _levels(conn):
    return list(conn.scalars(text("SELECT level FROM ratings ORDER BY id")))
