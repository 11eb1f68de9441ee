"""The public request form shares the letter form's once-only submission and its attachment checks."""

from __future__ import annotations

import io

from sqlalchemy import func, select

from desk.models import Attachment, Case
from tests.clock import frozen_time
from tests.conftest import utc
from tests.disclosure.test_flow import FORM
from tests.files import pdf_bytes, png_bytes

ON = utc(2026, 1, 20, 2, 0)


def _send(browser, data: dict, files=(), *, hidden: dict | None = None):
    body = {**FORM, **data, **(browser.hidden_fields("/write/disclosure") if hidden is None else hidden)}
    if files:
        body["attachments"] = [(io.BytesIO(content), name) for name, content in files]
    return browser.client.post("/write/disclosure", data=body, content_type="multipart/form-data")


def _count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@frozen_time(ON)
def test_a_request_keeps_its_checked_identity_documents(db, browser):
    response = _send(browser, {}, [("身份证.png", png_bytes()), ("授权书.pdf", pdf_bytes())])
    assert response.status_code == 302
    case = db.session.scalar(select(Case))
    assert [a.filename for a in case.attachments] == ["身份证.png", "授权书.pdf"]


@frozen_time(ON)
def test_too_many_files_or_a_bad_email_are_refused_by_the_fields_names(db, browser):
    too_many = _send(browser, {}, [(f"{i}.png", png_bytes()) for i in range(4)])
    assert too_many.status_code == 400
    assert "身份证明或其他材料（选填）：最多上传3个附件" in too_many.get_data(as_text=True)
    bad_email = _send(browser, {"email": "not-an-email", "delivery": "electronic"})
    assert bad_email.status_code == 400
    assert "电子邮箱（选填；选择电子形式的请填写）：电子邮箱格式不正确" in bad_email.get_data(as_text=True)
    assert _count(db, Case) == 0 and _count(db, Attachment) == 0


@frozen_time(ON)
def test_a_request_without_its_submission_id_is_refused_and_a_resubmission_makes_one_case(db, browser):
    hidden = browser.hidden_fields("/write/disclosure")
    without = _send(browser, {}, hidden={k: v for k, v in hidden.items() if k != "submission_id"})
    assert without.status_code == 400 and "页面已过期" in without.get_data(as_text=True)
    assert _count(db, Case) == 0
    assert _send(browser, {}, hidden=hidden).status_code == 302
    browser.get("/write/done")  # the receipt is shown and forgotten
    again = _send(browser, {}, hidden=hidden)
    assert again.status_code == 409 and _count(db, Case) == 1


def test_a_double_click_on_the_request_form_leads_to_the_receipt_with_the_query_code(db, browser):
    """Like a letter: the second press of 提交申请 shows the receipt, whose query code is shown only there."""
    hidden = browser.hidden_fields("/write/disclosure")
    assert _send(browser, {}, hidden=hidden).status_code == 302  # the browser drops this answer
    second = _send(browser, {}, hidden=hidden)
    assert second.status_code == 302 and second.headers["Location"].endswith("/write/done")
    receipt = browser.get("/write/done").get_data(as_text=True)
    assert "查询码" in receipt and db.session.scalar(select(Case.number)) in receipt
    assert _count(db, Case) == 1
