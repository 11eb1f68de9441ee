"""The case core: derived records follow the case, refused actions write nothing, texts follow the rules."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desk.cases import lifecycle, services
from desk.cases.errors import CaseError
from desk.cases.kinds import KINDS
from desk.models import CaseEvent, ExtensionRequest, Rating, Role, Supervision
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import assigned_case, make_team, replied_case

RECEIVED_AT, REPLIED_AT = utc(2026, 11, 2, 2, 0), utc(2026, 11, 4, 2, 0)


def _events(db, case) -> int:
    return db.session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case.id))


def _track(browser, case):
    return browser.post("/track", {"number": case.number, "code": case.test_query_code})


@frozen_time(utc(2026, 11, 9, 2, 0))
def test_the_reply_stays_on_the_citizens_page_after_a_reopening(db, browser, login_as):
    team = make_team(suffix="ro")
    case = replied_case(team, RECEIVED_AT, REPLIED_AT)
    services.rate_case(case, "dissatisfied", "没有回答利率问题")
    db.session.commit()
    login_as(team.office)
    url = f"/staff/cases/{case.id}"
    reopened = browser.post(
        f"/cases/{case.id}/reopen", {"reopen-comment": "请补充利率规定"}, prefix="reopen", token_from=url
    )
    assert reopened.status_code == 302
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    page = _track(browser, case).get_data(as_text=True)
    assert "您好，经核实，答复如下" in page  # what the citizen was told is still there
    assert "已重新办理" in page and "2026-11-18" in page


@frozen_time(utc(2026, 11, 9, 2, 0))
def test_supervision_follows_a_transfer(db, browser, login_as):
    old, new = make_team("银行一处", "sa"), make_team("银行二处", "sb")
    case = assigned_case(old, RECEIVED_AT)
    record = services_supervise(case)
    db.session.commit()
    services.transfer_case(old.office, case, new.division, "属银行二处职责")
    db.session.commit()
    assert db.session.get(Supervision, record.id).division_id == new.division.id

    login_as(old.head)
    assert browser.get(f"/supervision/{record.id}").status_code == 404
    refused = browser.post(
        f"/supervision/{record.id}/answer",
        {"answer-comment": "已办"},
        prefix="answer",
    )
    assert refused.status_code == 404

    login_as(new.head)
    notice = f"/supervision/{record.id}"
    assert case.number in browser.get(notice).get_data(as_text=True)
    answered = browser.post(
        f"{notice}/answer", {"answer-comment": "已接手并联系来信人"}, prefix="answer", token_from=notice
    )
    assert answered.status_code == 302
    assert db.session.get(Supervision, record.id).state == "answered"


def services_supervise(case):
    from desk.models import SupervisionReason
    from desk.supervision.services import supervise_case

    return supervise_case(case, SupervisionReason.OVERDUE)


def test_the_reply_index_follows_a_transfer(db, browser, login_as):
    from desk.knowledge.index_cache import reply_index

    old, new = make_team("银行一处", "ia"), make_team("银行二处", "ib")
    letter = {"subject": "典当行续当利息", "content": "典当行续当时收取的综合费用过高，是否合规？"}
    past = replied_case(old, RECEIVED_AT, REPLIED_AT, **letter)
    past.reply.body = "典当行收取综合费用应当符合《典当管理办法》的规定，续当一次的期限最长为半年。"
    db.session.commit()
    with frozen_time(utc(2026, 11, 5, 2, 0)):
        services.rate_case(past, "dissatisfied", None)
        services.reopen_case(old.office, past, "请补充规定")
    db.session.commit()
    reply_index()  # this process has indexed the reply under the first division
    services.transfer_case(old.office, past, new.division, "属银行二处职责")
    db.session.commit()

    asking = assigned_case(old, utc(2026, 11, 6, 2, 0), **letter)
    db.session.commit()
    login_as(old.staff)
    page = browser.get(f"/staff/cases/{asking.id}").get_data(as_text=True)
    assert past.number not in page and "续当一次的期限最长为半年" not in page

    services.transfer_case(old.office, asking, new.division, "同类问题")
    db.session.commit()
    login_as(new.staff)
    page = browser.get(f"/staff/cases/{asking.id}").get_data(as_text=True)
    assert past.number in page  # the new division now finds it


def test_the_admins_day_count_appears_on_the_forms(db, browser, login_as):
    login_as("admin")
    saved = browser.post(
        "/admin/rules",
        _defaults() | {"consultation": "5", "complaint": "22", "mailbox": "15"},
        token_from="/admin/rules",
    )
    assert saved.status_code == 302
    assert "我们将在5个工作日内答复" in browser.get("/write/consultation").get_data(as_text=True)
    home = browser.get("/").get_data(as_text=True)
    assert "业务咨询：5个工作日内答复" in home and "7个工作日" not in home


@pytest.mark.parametrize("action", sorted(lifecycle.TRANSITIONS))
def test_every_action_is_refused_in_a_wrong_state_and_writes_nothing(db, action):
    team = make_team(suffix="ws")
    transition = lifecycle.TRANSITIONS[action]
    wrong = [
        state
        for state in ("received", "assigned", "in_review", "replied", "closed", "not_accepted")
        if state not in transition.sources
    ]
    if not wrong:
        pytest.skip("allowed in every state")
    case = assigned_case(team, RECEIVED_AT)
    case.state = wrong[0]
    db.session.commit()
    before = _events(db, case)
    with pytest.raises(CaseError) as refused:
        lifecycle.apply(case, action, team.office)
    assert refused.value.status == 409
    assert _events(db, case) == before


@pytest.mark.parametrize(
    ("action", "who"),
    [
        ("assign", Role.STAFF),
        ("refuse", Role.HEAD),
        ("transfer", Role.STAFF),
        ("sign_off", Role.STAFF),
        ("sign_off", Role.OFFICE),
        ("submit", Role.OFFICE),
        ("close", Role.HEAD),
        ("reopen", Role.HEAD),
        ("rate", Role.OFFICE),
        ("decide_extension", Role.HEAD),
        ("counsel_comment", Role.STAFF),
    ],
)
def test_every_action_is_refused_to_the_wrong_person_and_writes_nothing(db, action, who):
    team = make_team(suffix="wp")
    case = replied_case(team, RECEIVED_AT, REPLIED_AT) if action in ("close", "reopen", "rate") else None
    if case is None:
        case = assigned_case(team, RECEIVED_AT)
        sources = lifecycle.TRANSITIONS[action].sources
        case.state = (
            "in_review"
            if "in_review" in sources and "assigned" not in sources
            else next(s for s in ("assigned", "received", "in_review") if s in sources)
        )
    actor = {Role.STAFF: team.staff, Role.HEAD: team.head, Role.OFFICE: team.office}[who]
    db.session.commit()
    before = (_events(db, case), case.state, case.division_id)
    with pytest.raises(CaseError) as refused:
        lifecycle.apply(case, action, actor)
    assert refused.value.status == 403
    assert (_events(db, case), case.state, case.division_id) == before


def test_a_refused_post_is_a_4xx_with_a_chinese_message_and_no_row(db, browser, login_as):
    team = make_team(suffix="rp")
    case = assigned_case(team, RECEIVED_AT)
    db.session.commit()
    before = _events(db, case)
    login_as(team.staff)  # staff may not sign off, nor decide on their own extensions
    url = f"/staff/cases/{case.id}"
    assert browser.post(f"/staff/cases/{case.id}/sign-off", {"body": "x"}, token_from=url).status_code == 404
    asked = browser.post(
        f"/cases/{case.id}/extension",
        {"extension-days": "5", "extension-reason": "需调取材料"},
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
    assert db.session.scalar(select(func.count()).select_from(ExtensionRequest)) == 1
    assert _events(db, case) == before + 1
    login_as(team.office)
    closing = browser.post(f"/office/cases/{case.id}/close", {}, prefix="close", token_from=url)
    assert closing.status_code == 409 and "不能进行此操作" in closing.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Rating)) == 0


def test_pages_offer_exactly_the_allowed_actions(db, browser, login_as):
    team = make_team(suffix="pa")
    case = assigned_case(team, RECEIVED_AT)
    db.session.commit()
    assert lifecycle.allowed_actions(case, team.office) >= {"transfer", "reclassify", "joint_review"}
    assert "sign_off" not in lifecycle.allowed_actions(case, team.head)
    login_as(team.staff)
    page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "提交审签" in page and "申请延期" in page and "审签通过并发布" not in page and "转办" not in page
    login_as(team.office)
    page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "转办" in page and "调整类别" in page and "提交审签" not in page


def _defaults() -> dict[str, str]:
    """Every kind's default day count, as the rules form posts them."""
    return {code: str(spec.default_days) for code, spec in KINDS.items()}
