"""The office's own registers in the browser: 舆情 registered, dispatched, reported, in the ledger."""

from __future__ import annotations

from tests.browser.pages import check_page, visit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_the_office_registers_a_major_item_and_the_division_reports_its_first_mark(open_page, live_server):
    office = open_page("office")
    visit(office, live_server, "/office/opinions/new")
    with office.expect_navigation():
        office.get_by_role("button", name="登记并分办").click()  # nothing filled in
    assert office.title().startswith("错误：")
    assert "请上传舆情截图" in office.locator(".error-summary").inner_text()
    check_page(office)

    office.get_by_label("舆情标题", exact=True).fill("网传某交易场所暂停出金")
    office.get_by_label("主要内容和传播情况", exact=True).fill(
        "微信群截图称某交易场所暂停出金，已在多个群传播。"
    )
    office.get_by_label("来源链接", exact=True).fill("https://mp.weixin.qq.com/s/demo-browser")
    office.get_by_label("发布平台", exact=True).select_option("微信")
    office.get_by_label("重大", exact=True).check()
    office.get_by_label("分办处室", exact=True).select_option(label="交易市场监管处")
    office.get_by_label("截图（PNG、JPG 或 PDF）", exact=True).set_input_files(
        files=[{"name": "截图.png", "mimeType": "image/png", "buffer": PNG}]
    )
    with office.expect_navigation():
        office.get_by_role("button", name="登记并分办").click()
    assert "舆情已登记并分办" in office.locator(".flash").inner_text()
    marks = office.locator("table.milestones").inner_text()
    for label in ("初步核实情况报告领导", "书面报告", "发布权威信息", "召开新闻发布会"):
        assert label in marks
    assert "重大" in office.locator("dl.facts").inner_text()
    check_page(office)
    path = office.url.removeprefix(live_server.url)
    number = office.locator(".case-head strong").first.inner_text()

    visit(office, live_server, "/office/opinions")
    row = office.locator("#opinions tr", has_text=number)
    assert "初步核实情况报告领导" in row.inner_text() and "交易市场监管处" in row.inner_text()

    division = open_page("jysc.staff")
    visit(division, live_server, path)
    form = division.locator("form[action$='/milestone']")
    form.get_by_label("报告内容", exact=True).fill("已电话报告分管领导：该交易场所系统升级，今晚恢复出金。")
    with division.expect_navigation():
        form.get_by_role("button", name="节点已完成").click()
    assert "办理节点已报告完成" in division.locator(".flash").inner_text()
    assert "已完成" in division.locator("#milestone-preliminary").inner_text()
    check_page(division)
