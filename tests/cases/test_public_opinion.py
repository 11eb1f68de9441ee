"""舆情: office-registered, classified, dispatched; hour-clock milestones, alerts, findings, a ledger."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from desk.models import Case, CaseEvent, CaseMilestone, CaseState, Notification, Supervision
from desk.supervision.sweep import sweep_deadlines
from desk.timeutil import to_local
from tests.clock import frozen_time
from tests.conftest import utc
from tests.files import png_bytes
from tests.supervision.conftest import make_team

PNG = png_bytes()
FOUND = utc(2026, 12, 5, 14, 10)  # 22:10 in Shanghai, a Saturday night


@pytest.fixture
def team(db):
    return make_team()


def _form(team, **changes):
    data = {
        "subject": "网传某小贷公司暴力催收",
        "content": "微博用户发帖称某小额贷款公司暴力催收，转发量约3000。",
        "source_url": "https://weibo.com/1234567890/AbCdEf",
        "platform": "微博",
        "grade": "major",
        "division_id": str(team.division.id),
        "screenshot": (PNG, "截图.png"),
    }
    data.update(changes)
    body, name = data["screenshot"]
    data["screenshot"] = (io.BytesIO(body), name)
    return data


def _register(browser, team, **changes):
    return browser.post("/office/opinions/new", _form(team, **changes), token_from="/office/opinions/new")


def _local_marks(case):
    return {m.code: f"{to_local(m.due_at):%Y-%m-%d %H:%M}" for m in case.milestones}


def test_a_major_item_found_at_night_gets_its_hour_marks_across_midnight(db, team, browser, login_as):
    login_as(team.office)
    with frozen_time(FOUND):
        response = _register(browser, team)
        assert response.status_code == 302, response.get_data(as_text=True)
        case = db.session.scalar(select(Case).where(Case.kind == "public_opinion"))
        page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert case.number.startswith("YQ") and case.channel == "office"
    assert case.state == CaseState.ASSIGNED and case.division_id == team.division.id
    assert case.grade == "major" and case.detail("platform") == "微博"
    assert len(case.attachments) == 1
    assert _local_marks(case) == {
        "preliminary": "2026-12-05 22:30",
        "written": "2026-12-06 00:10",
        "authoritative": "2026-12-06 03:10",  # the 5-hour mark
        "press": "2026-12-06 22:10",
    }
    assert f"{to_local(case.due_at):%Y-%m-%d %H:%M}" == "2026-12-06 22:10"
    assert (
        "2026-12-06 03:10" in page
        and "发布权威信息" in page
        and "https://weibo.com/1234567890/AbCdEf" in page
    )
    told = db.session.scalars(select(Notification).where(Notification.kind == "dispatched")).all()
    assert {n.user_id for n in told} == {team.staff.id, team.head.id}  # the division is told at once
    assert "12-05 22:30 前初步核实情况报告领导" in told[0].text


def test_an_important_item_has_the_20_minute_and_2_hour_marks_and_a_watched_one_none(
    db, team, browser, login_as
):
    login_as(team.office)
    with frozen_time(utc(2026, 9, 30, 15, 0)):  # 23:00 on the eve of National Day
        _register(browser, team, grade="important")
        _register(browser, team, grade="watch", subject="关注级舆情")
    important, watched = db.session.scalars(select(Case).order_by(Case.id)).all()
    assert _local_marks(important) == {"preliminary": "2026-09-30 23:20", "written": "2026-10-01 01:00"}
    assert watched.milestones == [] and watched.grade == "watch"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source_url": "javascript:alert(1)"}, "请填写以 http:// 或 https:// 开头的完整链接"),
        ({"grade": "huge"}, "请选择级别"),
        ({"screenshot": (b"", "")}, "请上传舆情截图"),
        ({"screenshot": (b"MZ\x90\x00", "a.png")}, "附件"),
        ({"platform": ""}, "请选择发布平台"),
    ],
)
def test_bad_registrations_are_refused_in_chinese_and_write_nothing(
    db, team, browser, login_as, changes, message
):
    login_as(team.office)
    response = _register(browser, team, **changes)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(Case)) is None


def test_only_the_office_registers_and_sees_the_ledger_and_there_is_no_public_form(
    db, team, browser, login_as
):
    assert browser.get("/write/public_opinion").status_code == 404
    login_as(team.staff)
    assert browser.get("/office/opinions/new").status_code == 404  # roles_required: not theirs to see
    assert browser.get("/office/opinions").status_code == 404
    sneaked = browser.client.post("/office/opinions/new", data={"csrf_token": browser.token("/staff/phone")})
    assert sneaked.status_code == 404
    assert db.session.scalar(select(Case)) is None


def test_alerts_before_a_mark_passes_and_supervision_once_it_has(db, team, browser, login_as):
    login_as(team.office)
    with frozen_time(FOUND) as clock:
        _register(browser, team, grade="important")
        case = db.session.scalar(select(Case))
        clock.move_to(utc(2026, 12, 5, 14, 15))  # 22:25: 15 minutes left of the 20-minute mark
        assert sweep_deadlines().milestone_alerts == 0
        clock.move_to(utc(2026, 12, 5, 14, 21))  # 22:21, 9 minutes left
        first = sweep_deadlines()
        assert first.milestone_alerts == 2  # the office member and the division head
        assert sweep_deadlines().milestone_alerts == 0  # once
        alerts = db.session.scalars(select(Notification).where(Notification.kind == "milestone_due")).all()
        assert {n.user_id for n in alerts} == {team.office.id, team.head.id}
        assert "初步核实情况报告领导" in alerts[0].text and "22:30" in alerts[0].text

        clock.move_to(utc(2026, 12, 5, 14, 31))  # 22:31: the 20-minute mark passed unmet
        assert sweep_deadlines().milestones_supervised == 1
        assert sweep_deadlines().milestones_supervised == 0
        record = db.session.scalar(select(Supervision).where(Supervision.case_id == case.id))
        assert record.reason == "milestone_late" and record.division_id == team.division.id
        ledger = browser.get("/office/opinions?status=late").get_data(as_text=True)
        assert case.number in ledger and "超时" in ledger


def test_the_division_reports_classifies_and_replies_and_the_ledger_follows(db, team, browser, login_as):
    login_as(team.office)
    with frozen_time(FOUND) as clock:
        _register(browser, team, grade="important")
        case = db.session.scalar(select(Case))
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(team.staff)
        url = f"/staff/cases/{case.id}"
        clock.move_to(utc(2026, 12, 5, 14, 25))
        met = browser.post(
            f"/staff/cases/{case.id}/milestone",
            {"milestone-code": "preliminary", "milestone-note": "已电话报告分管领导：该公司已停业"},
            prefix="milestone",
            token_from=url,
        )
        assert met.status_code == 302, met.get_data(as_text=True)
        row = db.session.scalar(select(CaseMilestone).where(CaseMilestone.code == "preliminary"))
        assert row.met_at is not None and row.met_by_id == team.staff.id
        empty = browser.post(
            f"/staff/cases/{case.id}/milestone",
            {"milestone-code": "written", "milestone-note": ""},
            prefix="milestone",
            token_from=url,
        )
        assert empty.status_code == 400

        browser.post(
            f"/staff/cases/{case.id}/draft", {"body": "经核实……", "submit_review": "y"}, token_from=url
        )
        browser.client.post("/logout", data={"csrf_token": browser.token()})
        login_as(team.head)
        refused = browser.post(f"/staff/cases/{case.id}/sign-off", {"body": "经核实……"}, token_from=url)
        assert refused.status_code == 409 and "请先完成核实定性" in refused.get_data(as_text=True)
        classified = browser.post(
            f"/staff/cases/{case.id}/outcome",
            {"outcome-outcome": "exaggerated", "outcome-note": "转发量属实，暴力催收不属实"},
            prefix="outcome",
            token_from=url,
        )
        assert classified.status_code == 302, classified.get_data(as_text=True)
        signed = browser.post(
            f"/staff/cases/{case.id}/sign-off", {"body": "关于网传……的澄清说明"}, token_from=url
        )
        assert signed.status_code == 302
        db.session.refresh(case)
        assert case.state == CaseState.REPLIED and case.detail("outcome") == "exaggerated"
        events = [e.action for e in db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id))]
        assert {"milestone_met", "response_classified", "replied"} <= set(events)
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(team.office)
        ledger = browser.get("/office/opinions?status=done").get_data(as_text=True)
    assert case.number in ledger and "夸大 → 澄清" in ledger and "已答复" in ledger


def test_the_office_may_raise_the_level_and_the_marks_follow_from_the_same_receipt(
    db, team, browser, login_as
):
    login_as(team.office)
    with frozen_time(FOUND) as clock:
        _register(browser, team, grade="watch")
        case = db.session.scalar(select(Case))
        clock.move_to(utc(2026, 12, 5, 15, 0))
        url = f"/staff/cases/{case.id}"
        raised = browser.post(
            f"/office/cases/{case.id}/grade", {"grade-grade": "major"}, prefix="grade", token_from=url
        )
        assert raised.status_code == 302
    db.session.refresh(case)
    assert _local_marks(case)["authoritative"] == "2026-12-06 03:10"


def test_letters_cannot_become_public_opinion_and_opinion_actions_refuse_letters(
    db, team, make_case, login_as, browser
):
    letter = make_case()
    login_as(team.office)
    url = f"/staff/cases/{letter.id}"
    page = browser.get(url).get_data(as_text=True)
    assert 'value="public_opinion"' not in page
    refused = browser.post(
        f"/office/cases/{letter.id}/grade", {"grade-grade": "major"}, prefix="grade", token_from=url
    )
    assert refused.status_code in (400, 409)
    db.session.refresh(letter)
    assert letter.grade is None and letter.milestones == []


def test_due_date_cli_prints_moments_for_the_hour_clock(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "desk",
            "due-date",
            "--kind",
            "public_opinion",
            "--received",
            "2026-12-05 22:10",
            "--grade",
            "重大",
        ]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0] == "2026-12-06 22:10"
    assert "发布权威信息（5小时）: 2026-12-06 03:10" in lines
    assert "初步核实情况报告领导（20分钟）: 2026-12-05 22:30" in lines
    bad = runner.invoke(
        args=["desk", "due-date", "--kind", "public_opinion", "--received", "2026-12-05", "--grade", "x"]
    )
    assert bad.exit_code == 2


def test_the_lifecycle_refuses_opinion_actions_on_a_letter(db, team, make_case):
    from desk.cases.errors import CaseError
    from desk.cases.lifecycle import allowed_actions, apply

    letter = make_case()
    assert not {"grade", "meet_milestone", "classify_response"} & allowed_actions(letter, team.office)
    with pytest.raises(CaseError) as refused:
        apply(letter, "grade", team.office, grade="major")
    assert refused.value.status == 409 and "没有这项操作" in str(refused.value)


def test_an_item_may_go_to_further_divisions_who_read_it_and_report_nothing(db, team, browser, login_as):
    banks = make_team("银行二处", suffix="b")
    login_as(team.office)
    with frozen_time(FOUND):
        response = _register(browser, team, co_division_ids=[str(banks.division.id)])
        assert response.status_code == 302
        case = db.session.scalar(select(Case))
        assert [d.id for d in case.co_divisions] == [banks.division.id]
        browser.client.post("/logout", data={"csrf_token": browser.token()})
        login_as(banks.staff)
        url = f"/staff/cases/{case.id}"
        assert browser.get(url).status_code == 200
        refused = browser.post(
            f"/staff/cases/{case.id}/milestone",
            {"milestone-code": "preliminary", "milestone-note": "越权"},
            prefix="milestone",
            token_from=url,
        )
        assert refused.status_code == 403
        opinion = browser.post(
            f"/staff/cases/{case.id}/co-opinion",
            {"co-comment": "涉及银行合作，已核查"},
            prefix="co",
            token_from=url,
        )
        assert opinion.status_code == 302


def test_another_division_cannot_see_or_report_an_item(db, team, browser, login_as):
    stranger = make_team("人事处", suffix="x")
    login_as(team.office)
    with frozen_time(FOUND):
        _register(browser, team, grade="important")
    case = db.session.scalar(select(Case))
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    login_as(stranger.staff)
    assert browser.get(f"/staff/cases/{case.id}").status_code == 404
    refused = browser.client.post(
        f"/staff/cases/{case.id}/milestone",
        data={
            "milestone-code": "preliminary",
            "milestone-note": "越权",
            "csrf_token": browser.token("/staff/phone"),
        },
    )
    assert refused.status_code == 404
    assert all(m.met_at is None for m in case.milestones)


def test_an_item_past_its_24_hours_is_overdue_that_day_not_the_next(db, team, browser, login_as):
    from desk.cases.deadlines import due_window
    from desk.reports.figures import period_figures
    from desk.reports.periods import parse_period

    login_as(team.office)
    registered = utc(2026, 12, 7, 2, 0)  # Monday 10:00 in Shanghai: due Tuesday 10:00
    with frozen_time(registered):
        _register(browser, team, grade="watch")  # 关注: no milestone before the deadline itself
    case = db.session.scalar(select(Case).where(Case.kind == "public_opinion"))
    assert f"{to_local(case.due_at):%Y-%m-%d %H:%M}" == "2026-12-08 10:00"
    late = utc(2026, 12, 8, 7, 0)  # Tuesday 15:00: five hours past the deadline
    with frozen_time(late):
        window = due_window(to_local(late).date())
        assert window.status(case) == "overdue"
        result = sweep_deadlines(now=late)
        figures = period_figures(parse_period("2026-12"), window)
        page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert result.overdue_supervised == 1
    [record] = db.session.scalars(select(Supervision).where(Supervision.case_id == case.id)).all()
    assert record.reason == "overdue"
    assert (figures.total.overdue, figures.total.due_soon) == (1, 0)
    assert "已超期" in page
    notices = db.session.scalars(select(Notification).where(Notification.case_id == case.id)).all()
    assert "due_soon" not in {n.kind for n in notices}  # overdue and supervised, not "due soon"


def test_an_item_handled_hours_past_its_deadline_counts_as_late(db, team, browser, login_as):
    from desk.cases import services
    from desk.cases.deadlines import due_window
    from desk.cases.lifecycle import apply
    from desk.reports.figures import period_figures
    from desk.reports.lists import figure_cases
    from desk.reports.periods import parse_period

    login_as(team.office)
    with frozen_time(utc(2026, 12, 7, 2, 0)):  # Monday 10:00 in Shanghai: due Tuesday 10:00
        _register(browser, team, grade="watch")
    case = db.session.scalar(select(Case).where(Case.kind == "public_opinion"))
    late = utc(2026, 12, 8, 7, 0)  # Tuesday 15:00, the day of the deadline, five hours past it
    period = parse_period("2026-12")
    with frozen_time(late):
        before = period_figures(period, due_window(to_local(late).date()))
        services.submit_for_signoff(team.staff, case, "经核查，该公司已停止相关催收行为。")
        apply(case, "classify_response", team.head, outcome="true", note="情况属实，已责令整改")
        services.sign_off(team.head, case)
        db.session.commit()
        window = due_window(to_local(late).date())
        after = period_figures(period, window)
        late_list = db.session.scalars(figure_cases(select(Case), "late", period, window)).all()
    assert (before.total.late_open, before.total.on_time_rate) == (1, 0.0)  # overdue, not replied
    assert (after.total.replied, after.total.on_time, after.total.late) == (1, 0, 1)
    assert [c.id for c in late_list] == [case.id]


def test_pressing_register_twice_dispatches_one_item(db, team, browser, login_as):
    """A double click on 登记并分办 must not make two items, with two sets of notices and marks."""
    login_as(team.office)
    with frozen_time(FOUND):
        hidden = browser.hidden_fields("/office/opinions/new")
        first = browser.client.post("/office/opinions/new", data={**_form(team), **hidden})
        again = browser.client.post("/office/opinions/new", data={**_form(team), **hidden})
    cases = db.session.scalars(select(Case).where(Case.kind == "public_opinion")).all()
    assert len(cases) == 1
    assert first.status_code == again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
