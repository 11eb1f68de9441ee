"""The integrated office (综合处): triage, assign, transfer, supervision, figures."""

from __future__ import annotations

from tests.browser.pages import assign, check_page, first_case_link, open_case, visit, write_letter


def test_triage_assign_and_transfer(open_page, live_server):
    content = "请问村镇银行的定期存款利率可以上浮多少？"
    number, _ = write_letter(open_page(), live_server, subject="村镇银行存款利率咨询", content=content)
    office = open_page("office")
    visit(office, live_server, "/office/")
    card = office.locator("table.cases tr", has_text=number)
    assert card.is_visible(), "the new letter waits in triage"
    assert "待受理" in card.inner_text()

    path = assign(office, live_server, number, "银行一处")
    assert "已受理并交银行一处办理" in office.locator(".flash").inner_text()
    check_page(office)

    transfer = office.locator("form[action$='/transfer']")
    with office.expect_navigation():
        transfer.get_by_role("button", name="转办").click()  # no division, no reason
    assert office.title().startswith("错误：")
    assert office.locator(".error-summary").evaluate("el => el === document.activeElement")
    check_page(office)
    transfer = office.locator("form[action$='/transfer']")
    transfer.get_by_label("转至处室", exact=True).select_option(label="银行二处")
    transfer.get_by_label("转办理由", exact=True).fill("涉及村镇银行，属银行二处职责")
    with office.expect_navigation():
        transfer.get_by_role("button", name="转办").click()
    assert office.url.endswith(path)
    assert "银行二处" in office.locator("dl.facts").inner_text()
    timeline = office.locator(".timeline").last.inner_text()
    assert "转办" in timeline and "属银行二处职责" in timeline
    check_page(office)


def test_refusing_without_a_reason_is_refused(open_page, live_server):
    content = "我买彩票中奖了，请问到哪里兑奖？谢谢。"
    number, _ = write_letter(open_page(), live_server, subject="咨询彩票中奖如何兑奖", content=content)
    office = open_page("office")
    open_case(office, live_server, number)
    refuse = office.locator("form[action$='/refuse']")
    with office.expect_navigation():
        refuse.get_by_role("button", name="不予受理").click()
    assert office.title().startswith("错误：")
    reason = office.get_by_label("不予受理理由（来信人可见）", exact=True)
    assert reason.get_attribute("aria-invalid") == "true"
    check_page(office)
    reason.fill("彩票兑奖不属于本局职责，请咨询当地福利彩票或体育彩票管理机构。")
    with office.expect_navigation():
        office.locator("form[action$='/refuse']").get_by_role("button", name="不予受理").click()
    assert "不予受理" in office.locator(".case-head").inner_text()
    check_page(office)


def test_supervision_ledger_and_notice(open_page, live_server):
    office = open_page("office")
    visit(office, live_server, "/supervision/?state=active")
    link = office.locator("main table a[href*='/supervision/']").first
    with office.expect_navigation():
        link.click()
    check_page(office)
    assert "督办原因" in office.locator("dl.facts").inner_text()
    visit(office, live_server, "/supervision/extensions")
    visit(office, live_server, "/inbox")


def test_dashboard_numbers_lead_to_the_cases_they_count(open_page, live_server):
    office = open_page("office")
    visit(office, live_server, "/office/dashboard")
    assert "按时答复率" in office.locator(".tiles").inner_text()
    assert "已超期未答复的在办来信计为未按时" in office.locator("main").inner_text()
    overdue = office.locator("a[data-figure=overdue]")
    shown = int(overdue.inner_text())
    with office.expect_navigation():
        overdue.click()
    check_page(office)
    assert office.locator("table.cases tbody tr").count() == shown
    visit(office, live_server, "/office/circulars")
    visit(office, live_server, "/office/cases")
    visit(office, live_server, first_case_link(office))
    visit(office, live_server, "/knowledge/")


def test_reviewing_a_proposed_letter(open_page, live_server):
    office = open_page("office")
    visit(office, live_server, "/office/publications")
    with office.expect_navigation():
        office.locator("table a").first.click()
    review = office.locator("#publication")
    assert "信件选登审核" in review.inner_text()
    assert review.locator("mark").count() >= 1, "the masked spans are shown"
    check_page(office)
    letter = review.get_by_label("公开的来信内容", exact=True)
    assert "[姓名]" in letter.input_value()
    with office.expect_navigation():
        review.get_by_role("button", name="审核通过并公开").click()
    assert "已在信件选登公开" in office.locator(".flash").inner_text()
    check_page(office)
