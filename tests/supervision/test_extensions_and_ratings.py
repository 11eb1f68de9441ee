"""Extensions the office decides, ratings the citizen gives, and reopening after 不满意."""

from __future__ import annotations

from sqlalchemy import select

from desk.cases import services
from desk.models import CaseState, Notification, Supervision
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import assigned_case, make_team, replied_case

ON = utc(2026, 11, 4, 2, 0)  # Wednesday 10:00 in Shanghai


def test_an_approved_extension_moves_the_due_date_and_the_citizen_reads_why(db, team, browser, login_as):
    case = assigned_case(team, utc(2026, 11, 2, 2, 0))
    assert case.due_date.isoformat() == "2026-11-11"
    login_as(team.staff)
    url = f"/staff/cases/{case.id}"
    bad = browser.post(
        f"/cases/{case.id}/extension",
        {"extension-days": "0", "extension-reason": "x"},
        prefix="extension",
        token_from=url,
    )
    assert bad.status_code == 400 and "延期天数应为 1 至 30 个工作日" in bad.get_data(as_text=True)
    asked = browser.post(
        f"/cases/{case.id}/extension",
        {"extension-days": "5", "extension-reason": "需向市场监管部门调取登记材料"},
        prefix="extension",
        token_from=url,
    )
    assert asked.status_code == 302
    again = browser.post(
        f"/cases/{case.id}/extension",
        {"extension-days": "3", "extension-reason": "再延"},
        prefix="extension",
        token_from=url,
    )
    assert again.status_code == 409 and "该件已有待审批的延期申请" in again.get_data(as_text=True)

    login_as(team.office)
    assert case.number in browser.get("/supervision/extensions").get_data(as_text=True)
    decided = browser.post(
        "/supervision/extensions/1/decide".replace("1", str(_request_id(db, case.id))),
        {"decide-decision": "approve"},
        prefix="decide",
        token_from=url,
    )
    assert decided.status_code == 302
    db.session.refresh(case)
    assert case.extension_days == 5 and case.due_date.isoformat() == "2026-11-18"
    told = db.session.scalar(
        select(Notification).where(
            Notification.user_id == team.staff.id, Notification.kind == "extension_decided"
        )
    )
    assert "已批准" in told.text

    browser.client.post("/logout", data={"csrf_token": browser.token()})
    page = browser.post("/track", {"number": case.number, "code": case.test_query_code}).get_data(
        as_text=True
    )
    assert "2026-11-18" in page and "需向市场监管部门调取登记材料" in page and "延期办理" in page


def _request_id(db, case_id: int) -> int:
    from desk.models import ExtensionRequest

    return db.session.scalar(select(ExtensionRequest.id).where(ExtensionRequest.case_id == case_id))


def test_other_divisions_and_staff_cannot_extend_or_decide(db, team, browser, login_as):
    case = assigned_case(team, utc(2026, 11, 2, 2, 0))
    other = make_team("银行二处", suffix="b")
    db.session.commit()
    login_as(other.staff)
    token_page = "/inbox"
    response = browser.post(
        f"/cases/{case.id}/extension",
        {"extension-days": "2", "extension-reason": "x"},
        prefix="extension",
        token_from=token_page,
    )
    assert response.status_code == 404
    login_as(team.staff)
    browser.post(
        f"/cases/{case.id}/extension",
        {"extension-days": "2", "extension-reason": "材料"},
        prefix="extension",
        token_from=f"/staff/cases/{case.id}",
    )
    request_id = _request_id(db, case.id)
    assert (
        browser.post(
            f"/supervision/extensions/{request_id}/decide",
            {"decide-decision": "approve"},
            prefix="decide",
            token_from=token_page,
        ).status_code
        == 404
    )


def _track(browser, case):
    return browser.post("/track", {"number": case.number, "code": case.test_query_code})


def test_satisfied_closes_the_case_and_cannot_be_given_twice(db, team, browser):
    case = replied_case(team, utc(2026, 11, 2, 2, 0), ON)
    page = _track(browser, case).get_data(as_text=True)
    assert "评价本次答复" in page
    rated = browser.post("/track/rate", {"rating-level": "satisfied"}, prefix="rating")
    assert rated.status_code == 200 and "感谢您的评价" in rated.get_data(as_text=True)
    db.session.refresh(case)
    assert case.state == CaseState.CLOSED
    twice = browser.post("/track/rate", {"rating-level": "dissatisfied"}, prefix="rating")
    assert twice.status_code == 409
    assert db.session.scalar(select(Supervision).where(Supervision.case_id == case.id)) is None


def test_rating_needs_a_look_up_first(db, team, browser):
    replied_case(team, utc(2026, 11, 2, 2, 0), ON)
    response = browser.post("/track/rate", {"rating-level": "dissatisfied"}, prefix="rating")
    assert response.status_code == 403 and "请先用信件编号和查询码查询" in response.get_data(as_text=True)


def test_an_empty_rating_is_refused_in_chinese(db, team, browser):
    case = replied_case(team, utc(2026, 11, 2, 2, 0), ON)
    _track(browser, case)
    response = browser.post("/track/rate", {"rating-comment": "?"}, prefix="rating")
    assert response.status_code == 400 and "请选择满意程度" in response.get_data(as_text=True)


def test_dissatisfied_goes_to_supervision_and_the_office_may_reopen(db, team, browser, login_as):
    case = replied_case(team, utc(2026, 11, 2, 2, 0), ON)
    with frozen_time(utc(2026, 11, 5, 2, 0)) as clock:
        _track(browser, case)
        browser.post(
            "/track/rate", {"rating-level": "dissatisfied", "rating-comment": "答非所问"}, prefix="rating"
        )
        record = db.session.scalar(select(Supervision).where(Supervision.case_id == case.id))
        assert record.reason == "dissatisfied" and record.state == "open"
        head_notice = db.session.scalar(select(Notification).where(Notification.user_id == team.head.id))
        assert "差评" in head_notice.text

        login_as(team.office)
        url = f"/staff/cases/{case.id}"
        assert "答非所问" in browser.get(url).get_data(as_text=True)
        clock.move_to(utc(2026, 11, 9, 2, 0))  # Monday
        reopened = browser.post(
            f"/cases/{case.id}/reopen",
            {"reopen-comment": "请针对利率问题重新答复"},
            prefix="reopen",
            token_from=url,
        )
        assert reopened.status_code == 302, reopened.get_data(as_text=True)
        db.session.refresh(case)
        assert case.state == CaseState.ASSIGNED
        assert case.reopened_on.isoformat() == "2026-11-09" and case.due_date.isoformat() == "2026-11-18"
        browser.client.post("/logout", data={"csrf_token": browser.token()})
        page = _track(browser, case).get_data(as_text=True)
    assert "重新办理" in page and "2026-11-18" in page


def test_an_extension_approved_after_a_reclassification_extends_the_deadline_in_force(db, team, browser):
    # A mailbox letter (15 working days, due 11-23) asks for 5 more days; before the office decides,
    # it reclassifies the letter as a consultation (7 working days, due 11-11).
    case = assigned_case(team, utc(2026, 11, 2, 2, 0), kind="mailbox")
    assert case.due_date.isoformat() == "2026-11-23"
    with frozen_time(ON):
        request = services.request_extension(team.staff, case, 5, "需调取登记材料")
        services.reclassify_case(team.office, case, "consultation")
        assert case.due_date.isoformat() == "2026-11-11"
        services.decide_extension(team.office, request, True)
        db.session.commit()
    assert case.due_date.isoformat() == "2026-11-18"
    assert request.old_due_date.isoformat() == "2026-11-11"
    with frozen_time(ON):
        page = browser.post("/track", {"number": case.number, "code": case.test_query_code}).get_data(
            as_text=True
        )
    # Not "由 2026-11-23 调整为 2026-11-18": an extension that seems to shorten the deadline.
    assert "截止日期由 2026-11-11 调整为 2026-11-18" in page
    assert "2026-11-23 调整为" not in page
