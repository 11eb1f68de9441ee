"""Division staff (经办人) on a phone: the queue as cards, a draft that keeps its words, submit."""

from __future__ import annotations

from tests.browser.pages import assign, check_page, visit, write_letter

CONTENT = "小额贷款公司的贷款利率最高可以是多少？我向一家小额贷款公司借了三万元，月息两分，是否合法？"


def test_queue_draft_with_a_suggestion_at_the_cursor_and_submit(open_page, live_server):
    number, _ = write_letter(open_page(), live_server, subject="小额贷款公司利率是否合法", content=CONTENT)
    assign(open_page("office"), live_server, number, "银行一处")

    staff = open_page("yh1.staff")
    visit(staff, live_server, "/staff/queue")
    card = staff.locator("table.cases tr", has_text=number)
    assert card.locator("td.subject").evaluate("el => getComputedStyle(el).display") != "table-cell", (
        "on a phone the queue is a list of cards"
    )
    with staff.expect_navigation():
        card.get_by_role("link", name=number).click()
    check_page(staff)

    draft = staff.get_by_label("答复内容", exact=True)
    draft.click()
    staff.keyboard.type("您好！来信收悉。")
    staff.keyboard.press("Enter")
    staff.keyboard.type("此致")
    staff.keyboard.press("Home")  # the cursor now sits at the start of the second line
    typed = draft.input_value()
    cursor = draft.evaluate("el => el.selectionStart")
    assert typed[cursor:] == "此致"

    suggestion = staff.locator("form.insert-answer").first
    inserted = suggestion.get_attribute("data-insert-text")
    with staff.expect_response("**/insert-answer"):
        suggestion.get_by_role("button", name="插入草稿").click()
    expected = f"您好！来信收悉。\n{inserted}\n此致"
    assert draft.input_value() == expected, "inserted at the cursor, the typed text kept"
    assert "已在光标处插入" in staff.locator("#draft-status").inner_text()
    check_page(staff)

    with staff.expect_navigation():
        staff.get_by_role("button", name="提交审签").click()
    main = staff.locator("main").inner_text()
    assert "待审签" in main
    assert "您好！来信收悉。" in main and "此致" in main and inserted.splitlines()[0] in main
    check_page(staff)


def test_division_pages_fit_a_phone(open_page, live_server):
    staff = open_page("yh1.staff")
    for path in ("/staff/queue?view=all", "/supervision/", "/inbox", "/staff/phone"):
        visit(staff, live_server, path)
