"""The office's own registers in the browser: 舆情 registered, dispatched, reported, in the ledger."""

from __future__ import annotations

from tests.browser.pages import check_page, visit
from tests.files import png_bytes

PNG = png_bytes()


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


def test_a_suggestion_is_contacted_and_its_published_reply_hides_the_deputy(open_page, live_server):
    office = open_page("office")
    visit(office, live_server, "/office/proposals")
    row = office.locator("#proposals tr", has_text="关于加强对小额贷款公司催收行为监管的建议")
    assert "全文" in row.inner_text() and "已联系" in row.inner_text()
    visit(office, live_server, "/office/proposals/new")
    with office.expect_navigation():
        office.get_by_role("button", name="登记并交办").click()
    assert office.title().startswith("错误：")
    check_page(office)

    citizen = open_page()
    visit(citizen, live_server, "/proposals")
    text = citizen.locator("main").inner_text()
    assert "我局已于本年开展小额贷款公司催收行为专项检查" in text
    for secret in ("孙立群", "13904510217", "赵文静", "0451-82345601", "选联工委"):
        assert secret not in text


def test_the_group_page_shows_each_member_and_the_joint_draft(open_page, live_server):
    head = open_page("mjrz.head")
    visit(head, live_server, "/staff/groups")
    with head.expect_navigation():
        head.get_by_role("link", name="第 1 组").first.click()
    check_page(head)
    members = head.locator("#members").inner_text()
    assert members.count("鑫盛财富") >= 3 and "微信" in members
    assert "代理维权" in head.locator(".comments").inner_text()
    assert head.get_by_role("button", name="审签并逐件答复").is_visible()
