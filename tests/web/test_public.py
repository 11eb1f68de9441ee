"""The citizen's side: writing a letter, the receipt, following the case."""

import re

import pytest
from sqlalchemy import func, select

from desk.models import Case, CaseEvent
from tests.conftest import utc

GOOD = {
    "citizen_name": "李海燕",
    "phone": "139 1234 5678",
    "email": "",
    "subject": "融资担保公司拒退保证金",
    "content": "我在某融资担保公司办理担保，贷款已还清，公司至今拒绝退还两万元保证金，请求处理。",
    "consent_publish": "y",
}


def count_cases(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Case))


def receipt(browser, kind="complaint", **changes):
    """Submit a letter and read the receipt page; returns (number, code, page)."""
    response = browser.post(f"/write/{kind}", {**GOOD, **changes}, token_from=f"/write/{kind}")
    assert response.status_code == 302
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    number = re.search(r"[A-Z]{2}\d{8}-\d{4}", page).group(0)
    code = re.search(r'<dd class="code">([A-Z2-9]{8})</dd>', page).group(1)
    return number, code, page


def test_home_page_shows_the_three_forms_and_the_lookup(client):
    page = client.get("/").get_data(as_text=True)
    for path in ("/write/mailbox", "/write/consultation", "/write/complaint", "/track"):
        assert f'href="{path}"' in page
    assert "局长信箱" in page and "业务咨询" in page and "监督投诉" in page


def test_a_letter_gets_a_number_a_code_shown_once_and_a_due_date(browser, db):
    number, code, page = receipt(browser)
    assert number.startswith("TS")
    assert "答复截止日期" in page and "只显示这一次" in page
    case = db.session.scalar(select(Case).where(Case.number == number))
    assert case.phone == "13912345678"  # spaces removed
    assert case.consent_publish and case.email is None
    assert code not in (case.query_code_hash or "")  # only a hash is stored
    assert case.query_code_hash.startswith("hmac-sha256$")
    # Reloading the receipt does not show the code again.
    again = browser.get("/write/done", follow_redirects=True).get_data(as_text=True)
    assert code not in again


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "请填写正确的11位手机号码"),
        ("citizen_name", "", "请填写姓名"),
        ("subject", "短", "标题为4至100个字"),
        ("content", "太短了", "内容为10至5000个字"),
        ("email", "not-an-email", "电子邮箱格式不正确"),
        ("content", "含有控制字符\x07的内容内容内容", "内容包含无效字符"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(browser, db, field, value, message):
    response = browser.post("/write/consultation", {**GOOD, field: value}, token_from="/write/consultation")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count_cases(db) == 0


def test_a_post_without_csrf_token_is_refused(client, db):
    response = client.post("/write/consultation", data=GOOD)
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert count_cases(db) == 0


def test_unknown_kind_is_404(client):
    assert client.get("/write/lottery").status_code == 404


def test_lookup_shows_state_due_date_and_public_history(browser, db):
    number, code, _ = receipt(browser)
    response = browser.post("/track", {"number": number.lower(), "code": code.lower()})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "待受理" in page and "答复截止日期" in page and "来信已收到" in page
    case = db.session.scalar(select(Case).where(Case.number == number))
    assert f"{case.due_date:%Y-%m-%d}" in page
    assert case.phone not in page  # the look-up page never repeats contact data


def test_wrong_code_and_unknown_number_get_the_same_answer(browser):
    number, code, _ = receipt(browser)
    wrong = browser.post("/track", {"number": number, "code": "ABCDEFGH"})
    unknown = browser.post("/track", {"number": "ZX20000101-0001", "code": code})
    assert wrong.status_code == unknown.status_code == 404
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.get_data(as_text=True))  # noqa: E731
    assert strip(wrong).replace(number, "") == strip(unknown).replace("ZX20000101-0001", "")


def test_lookup_form_needs_both_fields(browser):
    response = browser.post("/track", {"number": "", "code": ""})
    assert response.status_code == 400
    assert "请填写信件编号" in response.get_data(as_text=True)


def test_intake_records_the_received_event(browser, db):
    number, _, _ = receipt(browser)
    case = db.session.scalar(select(Case).where(Case.number == number))
    events = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    assert [e.action for e in events] == ["received"]
    assert events[0].actor_id is None and events[0].to_state == "received"


def test_submitting_the_same_form_twice_makes_one_case(browser, db):
    fields = browser.hidden_fields("/write/complaint")
    first = browser.client.post("/write/complaint", data={**GOOD, **fields})
    assert first.status_code == 302
    browser.get("/write/done")  # the receipt is shown and forgotten
    again = browser.client.post("/write/complaint", data={**GOOD, **fields})
    assert again.status_code == 409
    number = db.session.scalar(select(Case.number))
    assert number in again.get_data(as_text=True)
    assert count_cases(db) == 1


def test_a_double_click_leads_back_to_the_same_receipt(browser, db):
    fields = browser.hidden_fields("/write/complaint")
    browser.client.post("/write/complaint", data={**GOOD, **fields})
    second = browser.client.post("/write/complaint", data={**GOOD, **fields})
    assert second.status_code == 302 and second.headers["Location"].endswith("/write/done")
    assert count_cases(db) == 1


def test_a_form_without_its_submission_id_is_refused(browser, db):
    fields = browser.hidden_fields("/write/complaint")
    del fields["submission_id"]
    response = browser.client.post("/write/complaint", data={**GOOD, **fields})
    assert response.status_code == 400 and count_cases(db) == 0


def test_an_overdue_case_says_so_in_words(browser, db, make_case):
    case = make_case(received_at=utc(2025, 9, 27, 17, 0))  # due 2025-10-14, long past
    page = browser.post("/track", {"number": case.number, "code": case.test_query_code}).get_data(
        as_text=True
    )
    assert "已超期" in page and "2025-10-14" in page


def test_a_case_due_on_friday_is_overdue_on_saturday_not_zero_days_left(browser, db, make_case, login_as):
    from desk.models import Role
    from tests.clock import frozen_time

    case = make_case(received_at=utc(2026, 11, 4, 2, 0))  # a consultation due Friday 2026-11-13
    assert case.due_date.isoformat() == "2026-11-13"
    with frozen_time(utc(2026, 11, 14, 2, 0)):  # Saturday: no working day has passed since
        page = browser.post("/track", {"number": case.number, "code": case.test_query_code}).get_data(
            as_text=True
        )
    assert "尚余" not in page
    assert "已超过答复截止日期" in page
    login_as(Role.OFFICE)
    with frozen_time(utc(2026, 11, 14, 2, 0)):
        staff_page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "尚余" not in staff_page and "已过截止日期" in staff_page
