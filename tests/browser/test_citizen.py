"""A citizen on a phone (390 px): write a letter, read the receipt, follow the case, rate the reply."""

from __future__ import annotations

import re

from tests.browser.pages import assign, check_page, sign_off, submit_draft, visit, write_letter

SUBJECT = "信用卡分期手续费怎么算"
CONTENT = "我在某银行办理了信用卡账单分期，手续费比宣传的高很多，请问银行是否合规？"


def test_a_letter_that_fails_says_so_and_focuses_the_summary(open_page, live_server):
    page = open_page()
    visit(page, live_server, "/")
    page.get_by_role("button", name="我要咨询").click()
    page.wait_for_url("**/write/consultation")
    check_page(page)
    page.get_by_label("标题", exact=True).fill("短")
    with page.expect_navigation():
        page.get_by_role("button", name="提交").click()

    assert page.title().startswith("错误：")
    summary = page.locator(".error-summary")
    assert summary.evaluate("el => el === document.activeElement"), "the error summary has the focus"
    assert "标题：标题为4至100个字" in summary.inner_text()
    subject = page.get_by_label("标题", exact=True)
    assert subject.get_attribute("aria-invalid") == "true"
    error_id = subject.get_attribute("aria-describedby")
    assert "标题为4至100个字" in page.locator(f"#{error_id}").inner_text()
    hint = page.get_by_label("内容", exact=True).get_attribute("aria-describedby").split()[0]
    assert "勿填写身份证号" in page.locator(f"#{hint}").inner_text()
    check_page(page)

    summary.get_by_role("link", name=re.compile("^标题")).click()
    assert subject.evaluate("el => el === document.activeElement"), "the summary's link focuses its field"


def test_write_receipt_track_and_rate(open_page, live_server):
    citizen = open_page()
    number, code = write_letter(citizen, live_server, subject=SUBJECT, content=CONTENT)
    check_page(citizen)
    next_steps = citizen.locator(".next-steps").inner_text()
    assert "接下来会怎样" in next_steps and "前答复" in next_steps
    due = citizen.locator(".receipt-codes dd").nth(2).inner_text()
    assert re.match(r"\d{4}-\d{2}-\d{2}（.）", due)
    assert due in next_steps, "the receipt says by when"

    citizen.locator("main").get_by_role("button", name="查询办理进度").click()
    check_page(citizen)
    citizen.get_by_label("信件编号", exact=True).fill(number)
    citizen.get_by_label("查询码", exact=True).fill(code)
    with citizen.expect_navigation():
        citizen.keyboard.press("Enter")
    assert citizen.get_by_role("heading", name=SUBJECT).is_visible()
    assert "待受理" in citizen.locator("main").inner_text()
    check_page(citizen)

    # The desk answers it: the office assigns, the division drafts, the head signs off.
    office = open_page("office")
    path = assign(office, live_server, number, "银行一处")
    reply = "您好！信用卡分期手续费应在合同中明示，已督促该行核查。"
    submit_draft(open_page("yh1.staff"), live_server, path, reply)
    sign_off(open_page("yh1.head"), live_server, path)

    citizen.goto(f"{live_server.url}/track")
    citizen.get_by_label("信件编号", exact=True).fill(number)
    citizen.get_by_label("查询码", exact=True).fill(code)
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="查询").click()
    assert "已督促该行核查" in citizen.locator(".reply").inner_text()
    check_page(citizen)

    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交评价").click()  # nothing chosen yet
    assert citizen.title().startswith("错误：")
    check_page(citizen)
    citizen.get_by_label("满意", exact=True).check()
    citizen.get_by_label("意见建议（选填）", exact=True).fill("答复及时。")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="提交评价").click()
    assert "感谢您的评价" in citizen.locator("main").inner_text()
    assert citizen.get_by_role("button", name="提交评价").count() == 0, "a reply is rated once"
    check_page(citizen)


def test_public_statistics_fit_a_phone(open_page, live_server):
    page = open_page()
    visit(page, live_server, "/statistics")
    assert page.locator("svg.trend-chart").is_visible()


def test_a_letter_written_with_the_keyboard_only(open_page, live_server):
    page = open_page()
    page.goto(f"{live_server.url}/write/complaint")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement") and skip.is_visible()
    page.keyboard.press("Enter")
    focused = "() => document.activeElement.id || document.activeElement.tagName"
    assert page.evaluate(focused) == "main"
    for field_id, text in (
        ("citizen_name", "赵敏"),
        ("phone", "13812345678"),
        ("email", ""),
        ("subject", "融资担保公司收费过高"),
        ("content", "某融资担保公司除担保费外还收取咨询费、服务费，合计超过贷款金额的百分之五。"),
    ):
        page.keyboard.press("Tab")
        assert page.evaluate(focused) == field_id
        page.keyboard.type(text)
    for _ in range(6):  # attachments, consent, then the button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/write/done")
    check_page(page)


def test_published_letters_and_answers_on_a_phone(open_page, live_server):
    citizen = open_page()
    visit(citizen, live_server, "/letters")
    items = citizen.locator("ol.letter-list > li")
    assert items.count() >= 10, "the demo publishes real letters"
    first = items.first.inner_text()
    assert "受理日期" in first and "答复日期" in first
    citizen.get_by_label("关键词", exact=True).fill("担保")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="搜索").click()
    assert "担保" in citizen.locator("ol.letter-list").inner_text()
    check_page(citizen)
    with citizen.expect_navigation():
        citizen.locator("ol.letter-list h2 a").first.click()
    detail = citizen.locator("main").inner_text()
    assert "来信内容" in detail and "答复内容" in detail and "[姓名]" in detail
    check_page(citizen)

    visit(citizen, live_server, "/answers?sort=recent")
    assert citizen.locator("ol.answer-list > li").count() >= 10
    assert "更新于" in citizen.locator("ol.answer-list").inner_text()
    with citizen.expect_navigation():
        citizen.locator("ol.answer-list a").first.click()
    assert "更新于" in citizen.locator("main").inner_text()
    check_page(citizen)
