"""Routing in the desk: keyword cold start, one-click assign, outcomes, retraining, auto-assign."""

from __future__ import annotations

from sqlalchemy import select

from desk.cases import services
from desk.jobs.routing import retrain_router
from desk.knowledge import routing
from desk.models import Case, CaseEvent, CaseState, RouterModel
from tests.clock import frozen_time
from tests.conftest import LETTER, utc
from tests.supervision.conftest import make_team

LOAN = "小额贷款公司暴力催收，利息过高，月息三分"
VENUE = "交易场所挂牌产品到期不兑付，平台无法提现"
LOAN_WORDS = ["小额贷款", "催收", "利息", "借款", "放贷", "月息", "小贷公司", "贷款利率"]
VENUE_WORDS = ["交易场所", "挂牌", "兑付", "提现", "平台", "产品到期", "份额", "交易中心"]


def _letter(text: str, **kw) -> Case:
    with frozen_time(utc(2026, 11, 3, 2, 0)):
        case, _ = services.submit_letter(
            services.Letter(**{**LETTER, "subject": text[:20], "content": text, **kw})
        )
    return case


def _teams(db):
    loans, venues = make_team("地方金融组织监管处", suffix="r1"), make_team("交易场所监管处", suffix="r2")
    routing.set_keywords(loans.division, "小额贷款\n催收")
    routing.set_keywords(venues.division, "交易场所，兑付")
    db.session.commit()
    return loans, venues


def test_keywords_suggest_a_division_and_the_office_assigns_with_one_click(db, browser, login_as):
    loans, _ = _teams(db)
    routing.set_auto_threshold(0.5)  # keywords alone never assign, whatever the threshold
    case = _letter(LOAN)
    db.session.commit()
    assert case.suggested_division_id == loans.division.id and 0 < case.suggestion_confidence <= 0.6
    assert case.state == CaseState.RECEIVED and not case.auto_assigned
    login_as(loans.office)
    triage = browser.get("/office/").get_data(as_text=True)
    assert "地方金融组织监管处" in triage and "按建议受理并交办" in triage
    response = browser.post(
        f"/office/cases/{case.id}/assign",
        {"assign-division_id": str(loans.division.id), "assign-note": "按分办建议交办"},
        prefix="assign",
        token_from="/office/",
    )
    assert response.status_code == 302
    db.session.refresh(case)
    assert case.state == CaseState.ASSIGNED and case.suggestion_outcome == "taken"


def test_an_override_and_a_later_transfer_count_against_the_suggestion(db):
    loans, venues = _teams(db)
    overridden, transferred, handed_back = _letter(LOAN), _letter(LOAN), _letter(VENUE)
    services.assign_case(loans.office, overridden, venues.division)
    services.assign_case(loans.office, transferred, loans.division)
    services.transfer_case(loans.office, transferred, venues.division, "实为交易场所问题")
    services.assign_case(loans.office, handed_back, venues.division)
    services.hand_back(venues.staff, handed_back, "不属于本处")
    assert overridden.suggestion_outcome == "overridden"
    assert transferred.suggestion_outcome == "wrong"
    assert handed_back.suggestion_outcome == "wrong"
    uptake = {(u.division, u.suggested, u.taken, u.wrong) for u in routing.suggestion_uptake(utc(2026, 1, 1))}
    assert ("地方金融组织监管处", 2, 1, 1) in uptake and ("交易场所监管处", 1, 1, 1) in uptake


def _history(db, loans, venues, n: int = 15) -> None:
    for i in range(n):
        for team, words in ((loans, LOAN_WORDS), (venues, VENUE_WORDS)):
            text = "，".join(words[(i + j) % len(words)] for j in range(4)) + f"，问题{i}"
            case = _letter(text)
            services.assign_case(team.office, case, team.division)
            services.submit_for_signoff(team.staff, case, "答复")
            services.sign_off(team.head, case)
    db.session.commit()


def test_retraining_learns_from_answered_cases_and_auto_assigns_above_the_threshold(db, browser, login_as):
    loans, venues = _teams(db)
    _history(db, loans, venues)
    result = retrain_router()
    assert result["model_id"] is not None and result["quality"]["macro_f1"] > 0.8
    model = db.session.scalar(select(RouterModel).where(RouterModel.active.is_(True)))
    assert model.n_cases == 30

    routing.set_auto_threshold(0.8)
    db.session.commit()
    case = _letter("小贷公司放贷利息太高，借款月息要求退还")
    db.session.commit()
    assert case.suggested_division_id == loans.division.id and case.suggestion_confidence >= 0.8
    assert case.state == CaseState.ASSIGNED and case.division_id == loans.division.id and case.auto_assigned
    actions = db.session.scalars(select(CaseEvent.action).where(CaseEvent.case_id == case.id)).all()
    assert "auto_assigned" in actions

    routing.set_auto_threshold(None)
    db.session.commit()
    waiting = _letter("小贷公司放贷利息太高")
    db.session.commit()
    assert waiting.state == CaseState.RECEIVED and not waiting.auto_assigned

    login_as("admin")
    page = browser.get("/admin/routing").get_data(as_text=True)
    assert "宏平均 F1" in page and "已关闭" in page


def test_the_threshold_is_validated_and_only_the_admin_sets_it(db, browser, login_as):
    login_as("admin")
    bad = browser.post("/admin/routing/threshold", {"threshold": "1.5"}, token_from="/admin/routing")
    assert bad.status_code == 400 and "阈值应在 0.50 至 0.99 之间" in bad.get_data(as_text=True)
    login_as("office")
    assert browser.get("/admin/routing").status_code == 404


@frozen_time(utc(2026, 11, 20, 2, 0))
def test_the_dashboard_shows_uptake_and_self_served_questions(db, browser, login_as):
    from desk.knowledge import services as kb
    from desk.models import EntryStatus

    loans, _ = _teams(db)
    case = _letter(LOAN)
    services.assign_case(loans.office, case, loans.division)
    entry = kb.save_entry(None, kb.EntryData(question="问", answer="答", topic="题", public=True))
    kb.set_status(None, entry, EntryStatus.PUBLISHED)
    kb.record_helpful(entry)  # a vote in the month the dashboard is read
    db.session.commit()
    login_as(loans.office)
    page = browser.get("/office/dashboard").get_data(as_text=True)
    assert "分办建议采纳情况" in page and "2026-11" in page and "100%" in page
    assert 'data-figure="self_served">1<' in page


def test_without_a_model_a_letter_matching_no_keyword_gets_no_suggestion(db):
    _teams(db)
    case = _letter("请问办理社保卡需要哪些材料")
    assert case.suggested_division_id is None and case.suggestion_confidence is None


def test_a_model_that_cross_validates_badly_is_not_put_in_use(db, monkeypatch, browser, login_as):
    loans, venues = _teams(db)
    _history(db, loans, venues)
    monkeypatch.setattr(routing, "MIN_MACRO_F1", 1.01)  # nothing can pass
    result = retrain_router()
    assert result["model_id"] is None and "未启用" in result["quality"]["note"]
    assert db.session.scalar(select(RouterModel).where(RouterModel.active.is_(True))) is None
    login_as("admin")
    assert "未启用" in browser.get("/admin/routing").get_data(as_text=True)
