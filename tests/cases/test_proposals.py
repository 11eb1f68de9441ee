"""人大建议 / 政协提案: office-assigned, three calendar months, contact first, published de-identified."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from desk.cases.deadlines import due_window
from desk.models import Case, CaseState
from desk.reports.figures import period_figures
from desk.reports.periods import last_twelve_months
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import make_team

LATER = utc(2026, 3, 12, 2, 0)
REPLY = (
    "尊敬的王建国代表：\n"
    "您提出的关于规范小额贷款公司催收行为的建议收悉，现答复如下：我局已于今年开展专项检查……\n"
    "感谢您对地方金融监管工作的关心和支持。\n"
    "联系人：李晓明，联系电话：0451-82345678\n"
    "抄送：省人大常委会选联工委，省政府督查室"
)


@pytest.fixture
def teams(db):
    lead = make_team("民间融资监管处")
    co = make_team("银行一处", suffix="co")
    other = make_team("人事处", suffix="x")
    return lead, co, other


def _register(browser, lead, co, **changes):
    data = {
        "kind": "deputy_suggestion",
        "doc_number": "0123",
        "session": "省十四届人大三次会议",
        "proposer": "王建国",
        "contact": "13812345678",
        "copy_to": "省人大常委会选联工委，省政府督查室",
        "subject": "关于规范小额贷款公司催收行为的建议",
        "content": "近年来部分小额贷款公司暴力催收……建议加强监管。",
        "division_id": str(lead.division.id),
        "co_division_ids": [str(co.division.id)],
        "assigned_on": "2026-03-10",
    }
    data.update(changes)
    return browser.post("/office/proposals/new", data, token_from="/office/proposals/new")


def test_a_suggestion_assigned_on_10_march_is_due_on_10_june(db, teams, browser, login_as):
    lead, co, _ = teams
    login_as(lead.office)
    with frozen_time(LATER):
        response = _register(browser, lead, co)
        assert response.status_code == 302, response.get_data(as_text=True)
        case = db.session.scalar(select(Case))
        ledger = browser.get("/office/proposals").get_data(as_text=True)
    assert case.number.startswith("RD") and case.channel == "office"
    assert case.received_on == date(2026, 3, 10) and case.due_date == date(2026, 6, 10)
    assert case.state == CaseState.ASSIGNED and case.division_id == lead.division.id
    assert [d.id for d in case.co_divisions] == [co.division.id]
    assert case.number in ledger and "2026-06-10" in ledger and "未联系" in ledger and "银行一处" in ledger


def test_three_months_from_30_november_end_on_28_february(db, teams, browser, login_as):
    lead, co, _ = teams
    login_as(lead.office)
    with frozen_time(utc(2026, 12, 1, 2, 0)):
        response = _register(browser, lead, co, kind="cppcc_proposal", assigned_on="2026-11-30")
    assert response.status_code == 302
    case = db.session.scalar(select(Case))
    assert case.number.startswith("ZT") and case.due_date == date(2027, 2, 28)
    assert not case.due_provisional  # calendar months do not lean on the holiday calendar


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"assigned_on": "2026-03-13"}, "交办日期不能晚于今天"),
        ({"proposer": ""}, "请填写代表或委员姓名"),
        ({"kind": "consultation"}, "Not a valid choice"),
    ],
)
def test_bad_registrations_write_nothing(db, teams, browser, login_as, changes, message):
    lead, co, _ = teams
    login_as(lead.office)
    with frozen_time(LATER):
        response = _register(browser, lead, co, **changes)
    assert response.status_code == 400
    if "Not" not in message:
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Case)) is None


def test_the_reply_needs_contact_first_and_co_handlers_only_give_an_opinion(db, teams, browser, login_as):
    lead, co, other = teams
    login_as(lead.office)
    with frozen_time(LATER) as clock:
        _register(browser, lead, co)
        case = db.session.scalar(select(Case))
        url = f"/staff/cases/{case.id}"
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(co.staff)  # the co-handling division reads the case and gives its opinion
        assert browser.get(url).status_code == 200
        assert case.number in browser.get("/staff/queue").get_data(as_text=True)
        opinion = browser.post(
            f"/staff/cases/{case.id}/co-opinion",
            {"co-comment": "建议同步排查银行合作贷款"},
            prefix="co",
            token_from=url,
        )
        assert opinion.status_code == 302
        drafted = browser.post(f"/staff/cases/{case.id}/draft", {"body": "越权起草"}, token_from=url)
        assert drafted.status_code == 403
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(other.staff)  # a third division sees nothing
        assert browser.get(url).status_code == 404
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(lead.staff)
        clock.move_to(utc(2026, 5, 20, 2, 0))
        early = browser.post(
            f"/staff/cases/{case.id}/draft", {"body": REPLY, "submit_review": "y"}, token_from=url
        )
        assert early.status_code == 409 and "答复前须先与领衔代表沟通联系" in early.get_data(as_text=True)
        db.session.refresh(case)
        assert case.state == CaseState.ASSIGNED
        contacted = browser.post(
            f"/staff/cases/{case.id}/contact-proposer",
            {"contact-note": "5月20日电话联系王建国代表，代表对办理思路表示认可"},
            prefix="contact",
            token_from=url,
        )
        assert contacted.status_code == 302
        submitted = browser.post(
            f"/staff/cases/{case.id}/draft", {"body": REPLY, "submit_review": "y"}, token_from=url
        )
        assert submitted.status_code == 302
        browser.client.post("/logout", data={"csrf_token": browser.token()})
        login_as(lead.head)
        assert (
            browser.post(f"/staff/cases/{case.id}/sign-off", {"body": REPLY}, token_from=url).status_code
            == 302
        )
    db.session.refresh(case)
    assert case.state == CaseState.REPLIED and case.replied_on <= case.due_date


def _replied(db, browser, login_as, lead, co):
    login_as(lead.office)
    with frozen_time(LATER):
        _register(browser, lead, co)
    case = db.session.scalar(select(Case))
    from desk.cases import services
    from desk.cases.lifecycle import apply

    with frozen_time(utc(2026, 5, 20, 2, 0)):
        apply(case, "contact_proposer", lead.staff, note="电话联系")
        services.submit_for_signoff(lead.staff, case, REPLY)
        services.sign_off(lead.head, case)
    db.session.commit()
    return case


def test_the_published_reply_has_no_name_contact_or_copy_list(db, teams, browser, login_as):
    lead, co, _ = teams
    case = _replied(db, browser, login_as, lead, co)
    url = f"/staff/cases/{case.id}"
    with frozen_time(utc(2026, 5, 21, 2, 0)):
        assert "暂无公开的答复" in browser.get("/proposals").get_data(as_text=True)
        no_summary = browser.post(
            f"/office/cases/{case.id}/publish",
            {"publish-mode": "summary", "publish-summary": ""},
            prefix="publish",
            token_from=url,
        )
        assert no_summary.status_code == 400 and "摘要公开须填写摘要" in no_summary.get_data(as_text=True)
        published = browser.post(
            f"/office/cases/{case.id}/publish", {"publish-mode": "full"}, prefix="publish", token_from=url
        )
        assert published.status_code == 302
        browser.client.post("/logout", data={"csrf_token": browser.token()})
        page = browser.get("/proposals").get_data(as_text=True).split('<article class="proposal">', 1)[1]
    assert "关于规范小额贷款公司催收行为的建议" in page and "我局已于今年开展专项检查" in page
    for secret in ("王建国", "13812345678", "李晓明", "0451-82345678", "抄送：", "选联工委", "督查室"):
        assert secret not in page, secret
    assert "省十四届人大三次会议" in page and "0123" in page


def test_the_dashboard_counts_suggestions_replied_on_time_and_published(db, teams, browser, login_as):
    lead, co, _ = teams
    case = _replied(db, browser, login_as, lead, co)
    with frozen_time(utc(2026, 5, 21, 2, 0)):
        browser.post(
            f"/office/cases/{case.id}/publish",
            {"publish-mode": "full"},
            prefix="publish",
            token_from=f"/staff/cases/{case.id}",
        )
        figures = period_figures(last_twelve_months(date(2026, 5, 21)), due_window(date(2026, 5, 21)))
        dashboard = browser.get("/office/dashboard").get_data(as_text=True)
    rows = {row.kind: row for row in figures.proposals}
    suggestion = rows["deputy_suggestion"]
    assert (suggestion.received, suggestion.replied, suggestion.on_time, suggestion.published) == (1, 1, 1, 1)
    assert rows["cppcc_proposal"].received == 0
    assert "人大代表建议和政协委员提案" in dashboard


def test_due_date_cli_counts_calendar_months(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["desk", "due-date", "--kind", "deputy_suggestion", "--received", "2026-03-10"]
    )
    assert result.exit_code == 0 and result.output.strip() == "2026-06-10"
    result = runner.invoke(args=["desk", "due-date", "--kind", "cppcc_proposal", "--received", "2026-11-30"])
    assert result.output.strip() == "2027-02-28"


def test_a_suggestion_transferred_to_its_co_handling_division_is_that_division_s_own(
    db, teams, browser, login_as
):
    """转办 to the co-handler: it now leads, so it no longer co-handles its own case."""
    lead, co, _ = teams
    login_as(lead.office)
    with frozen_time(LATER):
        _register(browser, lead, co)
        case = db.session.scalar(select(Case))
        response = browser.post(
            f"/office/cases/{case.id}/transfer",
            {"transfer-division_id": str(co.division.id), "transfer-reason": "主要涉及银行合作贷款"},
            prefix="transfer",
            token_from=f"/staff/cases/{case.id}",
        )
        assert response.status_code == 302
        db.session.expire_all()
        case = db.session.get(Case, case.id)
        assert case.division_id == co.division.id
        assert co.division.id not in {d.id for d in case.co_divisions}
        browser.client.post("/logout", data={"csrf_token": browser.token()})
        login_as(co.staff)
        queue = browser.get("/staff/queue").get_data(as_text=True)
        page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "会办意见" not in page  # it drafts the reply, it is not asked for an opinion on it
    assert queue.count(case.number) == 1


def test_pressing_register_twice_assigns_one_suggestion(db, teams, browser, login_as):
    lead, co, _ = teams
    login_as(lead.office)
    with frozen_time(LATER):
        hidden = browser.hidden_fields("/office/proposals/new")
        first = _register(browser, lead, co, **hidden)
        again = _register(browser, lead, co, **hidden)
    assert len(db.session.scalars(select(Case)).all()) == 1
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
