"""The division head (处室负责人): review a draft, return it with a comment, sign it off."""

from __future__ import annotations

from tests.browser.pages import assign, check_page, submit_draft, visit, write_letter


def test_review_return_and_sign_off(open_page, live_server):
    content = "请问银行能否在我不同意的情况下调高信用卡利率？我对此很不满意。"
    subject = "银行擅自调高利率"
    number, _ = write_letter(open_page(), live_server, kind="complaint", subject=subject, content=content)
    path = assign(open_page("office"), live_server, number, "银行一处")
    staff = open_page("yh1.staff")
    submit_draft(staff, live_server, path, "您好！经核查，该行已调整。")

    head = open_page("yh1.head")
    visit(head, live_server, "/staff/queue?view=review")
    with head.expect_navigation():
        head.locator("table.cases tr", has_text=number).get_by_role("link", name=number).click()
    check_page(head)
    head.get_by_text("退回经办人修改").click()
    sendback = head.locator("form[action$='/send-back']")
    with head.expect_navigation():
        sendback.get_by_role("button", name="退回修改").click()  # a return needs a comment
    assert head.title().startswith("错误：")
    check_page(head)
    head.locator("form[action$='/send-back']").get_by_label("意见", exact=True).fill("请写明核查结论和依据。")
    with head.expect_navigation():
        head.locator("form[action$='/send-back']").get_by_role("button", name="退回修改").click()
    assert "办理中" in head.locator(".case-head").inner_text()

    staff.goto(f"{live_server.url}{path}")
    assert "请写明核查结论和依据" in staff.locator("#draft").inner_text()
    check_page(staff)
    final = "您好！经核查，该行未按合同约定提前通知，已责令改正并退还多收利息。"
    submit_draft(staff, live_server, path, final)

    head.goto(f"{live_server.url}{path}")
    assert "已责令改正" in head.get_by_label("答复内容（可修改后签发）", exact=True).input_value()
    with head.expect_navigation():
        head.get_by_role("button", name="审签通过并发布").click()
    assert "已答复" in head.locator(".case-head").inner_text()
    check_page(head)
    visit(head, live_server, "/reports/division")
