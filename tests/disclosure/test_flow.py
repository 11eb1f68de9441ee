"""A request for government information end to end: the public form, triage, sign-off, the notice, /track."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from desk.models import Case, CaseState, DisclosureRequest
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import make_team

FORM = {
    "applicant_type": "business",
    "name": "某某律所咨询有限公司",
    "contact_person": "钱立",
    "id_type": "credit_code",
    "id_number": "91110105MA01ABCD2X",
    "phone": "13812345678",
    "email": "",
    "address": "北京市朝阳区建国路1号",
    "subject": "融资担保公司名录",
    "description": "请提供本省2025年末取得经营许可的融资担保公司名录（含许可证编号）。",
    "delivery": "post",
    "confirm": "y",
}


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@frozen_time(utc(2026, 1, 20, 2, 0))
def test_the_public_form_files_a_request_with_a_receipt_and_its_clock(db, browser):
    page = browser.get("/").get_data(as_text=True)
    assert 'href="/write/disclosure"' in page and "政府信息公开申请" in page
    form = browser.get("/write/disclosure").get_data(as_text=True)
    assert "20个工作日" in form and "补正" in form
    response = browser.post("/write/disclosure", FORM, token_from="/write/disclosure")
    assert response.status_code == 302
    receipt = browser.get(response.headers["Location"]).get_data(as_text=True)
    number = re.search(r"GK\d{8}-\d{4}", receipt).group(0)
    code = re.search(r'<dd class="code">([A-Z2-9]{8})</dd>', receipt).group(1)
    assert "2026-02-24" in receipt
    case = db.session.scalar(select(Case).where(Case.number == number))
    request = db.session.scalar(select(DisclosureRequest).where(DisclosureRequest.case_id == case.id))
    assert case.kind == "disclosure" and case.citizen_name == "钱立"
    assert request.organisation == "某某律所咨询有限公司" and request.applicant_type == "business"
    assert request.delivery == "post" and request.received_on.isoformat() == "2026-01-20"
    tracked = browser.post("/track", {"number": number, "code": code}).get_data(as_text=True)
    assert "政府信息公开申请" in tracked and "2026-02-24" in tracked


@frozen_time(utc(2026, 1, 20, 2, 0))
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(db, browser):
    for change, message in (
        ({"id_type": "id_card", "id_number": "110105194912310021"}, "居民身份证号码不正确"),
        ({"address": ""}, "选择邮寄的，请填写通讯地址"),
        ({"delivery": "electronic"}, "选择电子形式的，请填写电子邮箱"),
        ({"confirm": ""}, "请阅读并勾选承诺"),
        ({"applicant_type": "alien"}, "申请人类型"),
    ):
        response = browser.post("/write/disclosure", FORM | change, token_from="/write/disclosure")
        assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert _count(db, Case) == 0 and _count(db, DisclosureRequest) == 0


def _file(browser) -> tuple[str, str]:
    response = browser.post("/write/disclosure", FORM, token_from="/write/disclosure")
    receipt = browser.get(response.headers["Location"]).get_data(as_text=True)
    return (
        re.search(r"GK\d{8}-\d{4}", receipt).group(0),
        re.search(r'<dd class="code">([A-Z2-9]{8})</dd>', receipt).group(1),
    )


def test_partial_disclosure_is_signed_off_with_its_notice_and_remedies(db, browser, login_as):
    team = make_team(suffix="f1")
    db.session.commit()
    with frozen_time(utc(2026, 1, 20, 2, 0)):
        number, code = _file(browser)
    case = db.session.scalar(select(Case).where(Case.number == number))
    with frozen_time(utc(2026, 1, 21, 2, 0)):
        login_as(team.office)
        url = f"/staff/cases/{case.id}"
        assert "不属于信息公开申请（第三十九条）" in browser.get(url).get_data(as_text=True)
        assigned = browser.post(
            f"/office/cases/{case.id}/assign",
            {"assign-division_id": str(team.division.id)},
            prefix="assign",
            token_from=url,
        )
        assert assigned.status_code == 302, assigned.get_data(as_text=True)[-3000:]
        login_as(team.staff)
        page = browser.get(url).get_data(as_text=True)
        assert "补正告知" in page and "征求第三方或其他机关意见" in page and "收费通知" in page
        drafted = browser.post(
            f"/staff/cases/{case.id}/draft",
            {"body": "现向您提供名录中可以公开的部分（见附件）。", "submit_review": "y"},
            token_from=url,
        )
        assert drafted.status_code == 302
        login_as(team.head)
        page = browser.get(url).get_data(as_text=True)
        assert "审签通过并发布告知书" in page and "审签通过并发布</button>" not in page
        refused = browser.post(
            f"/cases/{case.id}/decision", {"decision-outcome": "三(二)"}, prefix="decision", token_from=url
        )
        assert refused.status_code == 400 and "不予公开的内容及理由" in refused.get_data(as_text=True)
        db.session.refresh(case)
        assert case.state == CaseState.IN_REVIEW
        signed = browser.post(
            f"/cases/{case.id}/decision",
            {"decision-outcome": "三(二)", "decision-withheld": "许可证编号涉及第三方商业信息（第十五条）"},
            prefix="decision",
            token_from=url,
        )
        assert signed.status_code == 302
    db.session.refresh(case)
    request = db.session.scalar(select(DisclosureRequest).where(DisclosureRequest.case_id == case.id))
    assert case.state == CaseState.REPLIED and request.outcome == "三(二)"
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    tracked = browser.post("/track", {"number": number, "code": code}).get_data(as_text=True)
    for words in (
        "政府信息公开申请答复告知书",
        "部分公开",
        "许可证编号涉及第三方商业信息",
        "第三十七条",
        "60日内",
        "6个月内",
        "现向您提供名录中可以公开的部分",
        "提供方式：邮寄",
    ):
        assert words in tracked, words
    assert "评价本次答复" not in tracked  # remedies are 复议 and 诉讼, not a rating


def test_a_complaint_filed_as_a_request_is_redirected_under_article_39(db, browser, login_as):
    team = make_team(suffix="f2")
    db.session.commit()
    with frozen_time(utc(2026, 1, 20, 2, 0)):
        number, code = _file(browser)
        case = db.session.scalar(select(Case).where(Case.number == number))
        login_as(team.office)
        url = f"/staff/cases/{case.id}"
        refused = browser.post(f"/cases/{case.id}/redirect", {}, prefix="redirect", token_from=url)
        assert refused.status_code == 400 and "请写明应通过的渠道" in refused.get_data(as_text=True)
        done = browser.post(
            f"/cases/{case.id}/redirect",
            {"redirect-where": "", "redirect-make_complaint": "y"},
            prefix="redirect",
            token_from=url,
        )
        assert done.status_code == 302
    db.session.refresh(case)
    request = db.session.scalar(select(DisclosureRequest).where(DisclosureRequest.case_id == case.id))
    assert request.outcome == "三(五)1" and case.state == CaseState.REPLIED
    complaint = db.session.get(Case, request.redirect_case_id)
    assert complaint.kind == "complaint" and complaint.state == CaseState.RECEIVED
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    tracked = browser.post("/track", {"number": number, "code": code}).get_data(as_text=True)
    assert complaint.number in tracked and "第三十九条" in tracked
    # The same query code opens the complaint.
    assert browser.post("/track", {"number": complaint.number, "code": code}).status_code == 200


def test_a_paused_request_is_not_supervised_as_overdue(db, make_user):
    from desk.cases import lifecycle
    from desk.supervision.sweep import sweep_deadlines
    from tests.disclosure.conftest import disclosure_case

    team = make_team(suffix="f3")
    case = disclosure_case(team, utc(2026, 1, 20, 2, 0))
    with frozen_time(utc(2026, 1, 21, 2, 0)):
        lifecycle.apply(case, "notify_correction", team.staff, items="请写明文号", days=30)
    db.session.commit()
    with frozen_time(utc(2026, 3, 10, 2, 0)):  # past the due date the pause had on its first day
        result = sweep_deadlines()
        db.session.commit()
    assert result.overdue_supervised == 0
    db.session.refresh(case)
    assert case.due_date > case.received_on.replace(month=3, day=10)


def test_the_applicant_sees_the_correction_notice_and_the_stopped_clock(db, browser):
    from desk.cases import lifecycle
    from tests.disclosure.conftest import disclosure_case

    team = make_team(suffix="f4")
    case = disclosure_case(team, utc(2026, 1, 20, 2, 0))
    with frozen_time(utc(2026, 1, 21, 2, 0)):
        lifecycle.apply(case, "notify_correction", team.staff, items="请写明所需文件的文号", days=10)
        db.session.commit()
        page = browser.post("/track", {"number": case.number, "code": case.test_query_code}).get_data(
            as_text=True
        )
    assert "补正告知" in page and "请写明所需文件的文号" in page and "2026-02-04" in page
    assert "计时暂停中" in page
