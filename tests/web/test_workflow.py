"""A case's whole life through the pages: triage, drafting, sign-off, the citizen reads the reply."""

import re

import pytest
from sqlalchemy import func, select

from desk.cases import services
from desk.cases.deadlines import load_calendar
from desk.models import Case, CaseEvent, Role
from tests.conftest import HIDDEN_RE, PASSWORD


def events_of(db, case):
    db.session.expire_all()
    return db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).all()


def record_call(browser, db, subject: str, answer: str = "", kind: str = "consultation") -> Case:
    """Fill in the phone-call form; returns the recorded case."""
    data = {
        "kind": kind,
        "citizen_name": "来电人",
        "phone": "0571-88886666",
        "subject": subject,
        "question": f"{subject}：来电人详细说明了情况。",
        "answer": answer,
    }
    response = browser.post("/staff/phone", data, token_from="/staff/phone")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert re.search(r"[A-Z]{2}\d{8}-\d{4}", response.get_data(as_text=True))
    return db.session.scalar(select(Case).where(Case.subject == subject))


def login(browser, user):
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    response = browser.post("/login", {"username": user.username, "password": PASSWORD}, token_from="/login")
    assert response.status_code == 302


def test_consultation_from_letter_to_reply(browser, db, make_case, make_user, make_division):
    bank = make_division("银行一处")
    office = make_user(Role.OFFICE)
    staff = make_user(Role.STAFF, bank)
    head = make_user(Role.HEAD, bank)
    case = make_case()
    code = case.test_query_code
    page = f"/staff/cases/{case.id}"

    # The office sees it in triage and assigns it.
    login(browser, office)
    assert case.number in browser.get("/office/").get_data(as_text=True)
    response = browser.post(
        f"/office/cases/{case.id}/assign",
        {"assign-division_id": bank.id},
        prefix="assign",
        token_from=page,
    )
    assert response.status_code == 302
    assert case.number not in browser.get("/office/").get_data(as_text=True)

    # The division sees it in its queue, drafts and submits.
    login(browser, staff)
    assert case.number in browser.get("/staff/queue").get_data(as_text=True)
    browser.post(f"/staff/cases/{case.id}/draft", {"body": "初稿", "save": "保存草稿"}, token_from=page)
    response = browser.post(
        f"/staff/cases/{case.id}/draft",
        {"body": "您好！经核实，小额贷款公司利率不得超过……", "submit_review": "提交审签"},
        token_from=page,
    )
    assert response.status_code == 302

    # The head sends it back once, then signs a corrected draft off.
    login(browser, head)
    response = browser.post(
        f"/staff/cases/{case.id}/send-back",
        {"sendback-comment": "请补充政策依据"},
        prefix="sendback",
        token_from=page,
    )
    assert response.status_code == 302
    login(browser, staff)
    assert "请补充政策依据" in browser.get(page).get_data(as_text=True)
    browser.post(
        f"/staff/cases/{case.id}/draft",
        {"body": "您好！根据相关规定，小额贷款公司利率应符合监管要求。", "submit_review": "1"},
        token_from=page,
    )
    login(browser, head)
    response = browser.post(f"/staff/cases/{case.id}/sign-off", {"body": ""}, token_from=page)
    assert response.status_code == 302

    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.state == "replied" and case.reply.status == "approved"
    assert case.reply.reviewer_id == head.id
    actions = [(e.action, e.from_state, e.to_state) for e in events_of(db, case)]
    assert actions == [
        ("received", None, "received"),
        ("accepted", "received", "received"),
        ("assigned", "received", "assigned"),
        ("draft_saved", "assigned", "assigned"),
        ("draft_saved", "assigned", "assigned"),
        ("submitted", "assigned", "in_review"),
        ("sent_back", "in_review", "assigned"),
        ("draft_saved", "assigned", "assigned"),
        ("submitted", "assigned", "in_review"),
        ("replied", "in_review", "replied"),
    ]
    assert all(e.actor_id for e in events_of(db, case)[1:])

    # The citizen reads the reply.
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    result = browser.post("/track", {"number": case.number, "code": code}).get_data(as_text=True)
    assert "已答复" in result and "小额贷款公司利率应符合监管要求" in result
    assert "请补充政策依据" not in result  # internal comments stay internal


def test_not_accepting_tells_the_citizen_why(browser, db, make_case, make_user):
    office = make_user(Role.OFFICE)
    case = make_case()
    login(browser, office)
    response = browser.post(
        f"/office/cases/{case.id}/refuse",
        {"refuse-reason": "信用卡纠纷属于金融监管总局派出机构职责，请向其反映。"},
        prefix="refuse",
    )
    assert response.status_code == 302
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    page = browser.post("/track", {"number": case.number, "code": case.test_query_code}).get_data(
        as_text=True
    )
    assert "不予受理" in page and "信用卡纠纷属于金融监管总局派出机构职责" in page


def test_refusing_without_a_reason_is_a_400_and_changes_nothing(browser, db, make_case, make_user):
    login(browser, make_user(Role.OFFICE))
    case = make_case()
    response = browser.post(f"/office/cases/{case.id}/refuse", {"refuse-reason": " "}, prefix="refuse")
    assert response.status_code == 400
    assert "请填写不予受理的理由" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).state == "received"


def test_actions_in_the_wrong_state_are_refused(browser, db, make_case, make_user, make_division):
    bank = make_division("银行一处")
    head = make_user(Role.HEAD, bank)
    office = make_user(Role.OFFICE)
    case = make_case()
    login(browser, office)
    browser.post(f"/office/cases/{case.id}/assign", {"assign-division_id": bank.id}, prefix="assign")
    login(browser, head)
    # Nothing was submitted for sign-off yet.
    response = browser.post(f"/staff/cases/{case.id}/sign-off", {"body": "签发"})
    assert response.status_code == 409
    assert "不能进行此操作" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).state == "assigned"


def test_an_empty_draft_cannot_be_submitted(browser, db, make_case, make_user, make_division):
    bank = make_division("银行一处")
    staff = make_user(Role.STAFF, bank)
    case = make_case()
    case.state, case.division_id = "assigned", bank.id
    db.session.commit()
    login(browser, staff)
    response = browser.post(f"/staff/cases/{case.id}/draft", {"body": "  ", "submit_review": "1"})
    assert response.status_code == 409
    assert "答复内容不能为空" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, case.id).state == "assigned"


def test_a_misrouted_case_goes_back_to_triage_and_on_to_the_right_division(
    browser, db, make_case, make_user, make_division
):
    bank, guarantee = make_division("银行一处"), make_division("保险与担保处")
    office = make_user(Role.OFFICE)
    staff = make_user(Role.STAFF, bank)
    case = make_case()
    login(browser, office)
    browser.post(f"/office/cases/{case.id}/assign", {"assign-division_id": bank.id}, prefix="assign")
    login(browser, staff)
    response = browser.post(
        f"/staff/cases/{case.id}/hand-back",
        {"handback-comment": "融资担保不属于本处室职责"},
        prefix="handback",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).state == "received"
    assert browser.get(f"/staff/cases/{case.id}").status_code == 404  # no longer the division's
    login(browser, office)
    assert "融资担保不属于本处室职责" in browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    browser.post(f"/office/cases/{case.id}/assign", {"assign-division_id": guarantee.id}, prefix="assign")
    db.session.expire_all()
    assert db.session.get(Case, case.id).division_id == guarantee.id


def test_the_office_transfers_a_case_between_divisions(browser, db, make_case, make_user, make_division):
    bank, stability = make_division("银行一处"), make_division("金融稳定处")
    login(browser, make_user(Role.OFFICE))
    case = make_case()
    browser.post(f"/office/cases/{case.id}/assign", {"assign-division_id": bank.id}, prefix="assign")
    response = browser.post(
        f"/office/cases/{case.id}/transfer",
        {"transfer-division_id": stability.id, "transfer-reason": "涉嫌非法集资"},
        prefix="transfer",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).division_id == stability.id
    assert events_of(db, case)[-1].action == "transferred"


def test_reclassifying_through_the_page_updates_the_due_date(browser, db, make_case, make_user):
    login(browser, make_user(Role.OFFICE))
    case = make_case(kind="mailbox")
    mailbox_due = case.due_date
    response = browser.post(
        f"/office/cases/{case.id}/reclassify",
        {"reclassify-kind": "consultation"},
        prefix="reclassify",
    )
    assert response.status_code == 302
    db.session.expire_all()
    updated = db.session.get(Case, case.id)
    assert updated.kind == "consultation" and updated.deadline_days == 7
    assert updated.due_date == load_calendar().add_workdays(updated.received_on, 7).due_date
    assert updated.due_date < mailbox_due


def test_a_phone_call_becomes_a_replied_case_of_the_division(browser, db, make_user, make_division):
    bank = make_division("银行一处")
    staff = make_user(Role.STAFF, bank)
    login(browser, staff)
    case = record_call(browser, db, "如何查询小贷公司是否持牌", answer="可在本局网站“机构名录”栏目查询。")
    assert case.channel == "phone" and case.state == "replied"
    assert case.division_id == bank.id and case.recorded_by_id == staff.id
    assert case.reply.body.startswith("可在本局网站")


def test_a_phone_call_without_answer_waits_in_the_queue(browser, db, make_user):
    login(browser, make_user(Role.STAFF))
    case = record_call(browser, db, "投诉典当行", kind="complaint")
    assert case.state == "assigned" and case.kind == "complaint"
    assert case.number in browser.get("/staff/queue").get_data(as_text=True)


def test_the_office_searches_all_cases(browser, db, make_case, make_user, make_division):
    office = make_user(Role.OFFICE)
    make_case(
        subject="非法集资举报线索", content="某养老公寓以高息为名向老年人吸收资金，请查处。", kind="complaint"
    )
    pawn = make_case(subject="典当行收费", content="典当行综合费用是否有上限？请予答复谢谢。")
    make_case(subject="已拒收的咨询", content="这是一封不予受理的咨询来信内容。")
    services.refuse_case(
        office, db.session.scalar(select(Case).where(Case.subject == "已拒收的咨询")), "重复来信"
    )
    db.session.commit()
    login(browser, office)

    def found(query: str) -> set[str]:
        page = browser.get(f"/office/cases?{query}").get_data(as_text=True)
        return {s for s in ("非法集资举报线索", "典当行收费", "已拒收的咨询") if s in page}

    assert found("q=养老") == {"非法集资举报线索"}
    assert found("kind=consultation") == {"典当行收费", "已拒收的咨询"}
    assert found("kind=consultation&state=received") == {"典当行收费"}
    assert found("state=not_accepted") == {"已拒收的咨询"}
    assert found(f"number={pawn.number}") == {"典当行收费"}
    assert found("received_from=2000-01-01&received_to=2000-12-31") == set()
    assert browser.get("/office/cases?received_from=not-a-date").status_code == 400
    # Unknown parameters are ignored, also by the pager links.
    assert browser.get("/office/cases?endpoint=x&_external=1").status_code == 200


def test_counsel_comments_on_a_joint_review_case(browser, db, make_case, make_user):
    office, counsel = make_user(Role.OFFICE), make_user(Role.COUNSEL)
    case = make_case()
    login(browser, counsel)
    assert browser.get(f"/staff/cases/{case.id}").status_code == 404
    login(browser, office)
    browser.post(f"/office/cases/{case.id}/joint-review", {"joint-wanted": "1"}, prefix="joint")
    login(browser, counsel)
    assert case.number in browser.get("/staff/joint-reviews").get_data(as_text=True)
    response = browser.post(
        f"/staff/cases/{case.id}/counsel-comment",
        {"counsel-comment": "答复应引用《防范和处置非法集资条例》"},
        prefix="counsel",
    )
    assert response.status_code == 302
    assert events_of(db, case)[-1].action == "counsel_comment"


def test_the_office_records_an_answered_call_without_losing_the_answer(browser, db, make_user):
    office = make_user(Role.OFFICE)
    login(browser, office)
    case = record_call(browser, db, "融资担保公司名单", answer="可在本局网站“信息公开”栏目查询。")
    assert case.state == "replied" and case.reply.body == "可在本局网站“信息公开”栏目查询。"
    assert case.division_id == office.division_id


def test_the_office_records_an_unanswered_call_for_triage(browser, db, make_user):
    login(browser, make_user(Role.OFFICE))
    case = record_call(browser, db, "投诉小贷公司", kind="complaint")
    assert case.state == "received" and case.division_id is None
    assert case.number in browser.get("/office/").get_data(as_text=True)


def test_counsel_cannot_comment_on_a_finished_case(db, make_case, make_user):
    office, counsel = make_user(Role.OFFICE), make_user(Role.COUNSEL)
    case = make_case()
    services.set_joint_review(office, case, True)
    services.refuse_case(office, case, "不属于本局职责")
    with pytest.raises(services.CaseError, match="已办结"):
        services.comment_as_counsel(counsel, case, "意见")


def test_triage_needs_an_explicit_choice(browser, db, make_case, make_user, make_division):
    make_division("银行一处")
    login(browser, make_user(Role.OFFICE))
    case = make_case()
    page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert '<option selected value="">请选择处室</option>' in page
    response = browser.post(f"/office/cases/{case.id}/assign", {"assign-division_id": ""}, prefix="assign")
    assert response.status_code == 400 and "请选择承办处室" in response.get_data(as_text=True)
    response = browser.post(
        f"/office/cases/{case.id}/reclassify", {"reclassify-kind": ""}, prefix="reclassify"
    )
    assert response.status_code == 400 and "请选择类别" in response.get_data(as_text=True)
    db.session.expire_all()
    unchanged = db.session.get(Case, case.id)
    assert (unchanged.state, unchanged.kind) == ("received", "consultation")


def test_handed_back_cases_are_marked_in_triage(browser, db, make_case, make_user, make_division):
    bank = make_division("银行一处")
    office, staff = make_user(Role.OFFICE), make_user(Role.STAFF, bank)
    returned, fresh = make_case(subject="处室退回的来信"), make_case(subject="新收的来信")
    services.assign_case(office, returned, bank)
    services.hand_back(staff, returned, "不属于本处室职责")
    db.session.commit()
    login(browser, office)
    page = browser.get("/office/").get_data(as_text=True)
    rows = {
        subject: row
        for row in page.split("<tr>")
        for subject in (returned.subject, fresh.subject)
        if subject in row
    }
    assert "处室退回" in rows[returned.subject] and "处室退回" not in rows[fresh.subject]


def test_a_phone_call_posted_twice_is_recorded_once(browser, db, make_user):
    """A double click on 登记 (or the back button and 登记 again) must not make a second case."""
    login(browser, make_user(Role.STAFF))
    data = {
        "kind": "consultation",
        "citizen_name": "来电人",
        "phone": "0571-88886666",
        "subject": "来电咨询小贷利率",
        "question": "来电人询问小额贷款公司的利率上限。",
        "answer": "",
    }
    fields = browser.hidden_fields("/staff/phone")
    first = browser.client.post("/staff/phone", data={**data, **fields})  # the browser drops this answer
    code = re.search(r'查询码</dt><dd class="code">(\w+)<', first.get_data(as_text=True)).group(1)
    again = browser.client.post("/staff/phone", data={**data, **fields})
    cases = db.session.scalars(select(Case).where(Case.subject == "来电咨询小贷利率")).all()
    assert len(cases) == 1
    assert again.status_code == 200  # the same number and query code to read to the caller
    assert cases[0].number in again.get_data(as_text=True) and code in again.get_data(as_text=True)

    browser.get("/staff/phone")  # on to the next call: the code is no longer kept
    later = browser.client.post("/staff/phone", data={**data, **fields})  # the back button, much later
    assert later.status_code == 302 and later.headers["Location"].endswith(f"/staff/cases/{cases[0].id}")
    assert code not in browser.get(later.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def test_a_sign_off_form_left_open_does_not_publish_a_superseded_draft(
    browser, db, make_case, make_user, make_division
):
    """Two heads: one sends the draft back and it is resubmitted; the other's open page is stale."""
    bank = make_division("银行一处")
    staff = make_user(Role.STAFF, bank)
    chief, deputy = make_user(Role.HEAD, bank), make_user(Role.HEAD, bank)
    case = make_case()
    services.assign_case(make_user(Role.OFFICE), case, bank)
    services.submit_for_signoff(staff, case, "初稿：利率问题另行答复。")
    db.session.commit()
    page = f"/staff/cases/{case.id}"

    login(browser, chief)
    stale = browser.hidden_fields(page)  # the chief opens the case and reads the first draft
    services.send_back(deputy, case, "请补充政策依据")
    services.submit_for_signoff(staff, case, "您好！根据相关规定，小额贷款公司利率应符合监管要求。")
    db.session.commit()

    response = browser.client.post(
        f"/staff/cases/{case.id}/sign-off", data={**stale, "body": "初稿：利率问题另行答复。"}
    )
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "经办人已重新提交" in text and "小额贷款公司利率应符合监管要求" in text
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.state == "in_review" and case.reply.body.startswith("您好！根据相关规定")

    # Having read the draft now in force, the chief signs it off.
    response = browser.post(f"/staff/cases/{case.id}/sign-off", {"body": ""}, token_from=page)
    assert response.status_code == 302
    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.state == "replied" and case.reply.body.startswith("您好！根据相关规定")


def test_a_draft_saved_from_a_page_opened_before_a_colleague_s_save_keeps_both_texts(
    browser, db, make_case, make_user, make_division
):
    """Two members of the division draft the same reply: the later save does not wipe the other's."""
    bank = make_division("银行一处")
    first, second = make_user(Role.STAFF, bank), make_user(Role.STAFF, bank)
    case = make_case()
    services.assign_case(make_user(Role.OFFICE), case, bank)
    db.session.commit()
    page = f"/staff/cases/{case.id}"

    login(browser, first)
    stale = browser.hidden_fields(page)  # the first opens the case; the second saves meanwhile
    services.save_draft(second, case, "同事的草稿：经核实，该公司持有小额贷款经营许可。")
    db.session.commit()

    mine = {"body": "我的草稿：请提供借款合同。", "save": "保存草稿"}
    response = browser.client.post(f"/staff/cases/{case.id}/draft", data={**stale, **mine})
    assert response.status_code == 409
    text = response.get_data(as_text=True)
    assert "同事的草稿" in text and "我的草稿" in text  # both on the page, neither lost
    db.session.expire_all()
    assert db.session.get(Case, case.id).reply.body.startswith("同事的草稿")

    # Having read the colleague's text, the first saves the merged draft.
    merged = "我的草稿：请提供借款合同。同事的草稿：经核实，该公司持有小额贷款经营许可。"
    fields = dict(HIDDEN_RE.findall(text))
    response = browser.client.post(
        f"/staff/cases/{case.id}/draft", data={**stale, **fields, "body": merged, "save": "保存草稿"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).reply.body == merged
