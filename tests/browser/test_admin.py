"""The operator (admin): working-day calendar, deadline rules, users."""

from __future__ import annotations

from tests.browser.pages import check_page, visit


def test_calendar_day_added_and_removed(open_page, live_server):
    admin = open_page("admin")
    visit(admin, live_server, "/admin/calendar?year=2026")
    admin.get_by_label("日期", exact=True).fill("2026-12-26")
    admin.get_by_label("设为", exact=True).select_option(label="工作日（含调休上班）")
    admin.get_by_label("说明", exact=True).fill("浏览器测试调休")
    with admin.expect_navigation():
        admin.get_by_role("button", name="保存（在办来信的截止日期将重新计算）").click()
    row = admin.locator("tr", has_text="浏览器测试调休")
    assert "2026-12-26（六）" in row.inner_text() and "工作日" in row.inner_text()
    check_page(admin)
    with admin.expect_navigation():
        row.get_by_role("button", name="删除").click()
    assert admin.locator("tr", has_text="浏览器测试调休").count() == 0
    check_page(admin)


def test_deadline_rules_refuse_nonsense_then_save(open_page, live_server):
    admin = open_page("admin")
    visit(admin, live_server, "/admin/rules")
    consultation = admin.get_by_label("业务咨询", exact=True)
    kept = consultation.input_value()
    consultation.fill("0")
    with admin.expect_navigation():
        admin.get_by_role("button", name="保存").click()
    assert admin.title().startswith("错误：")
    assert "须为1至60个工作日" in admin.locator(".error-summary").inner_text()
    check_page(admin)
    admin.get_by_label("业务咨询", exact=True).fill(kept)
    with admin.expect_navigation():
        admin.get_by_role("button", name="保存").click()
    assert not admin.title().startswith("错误：")
    assert admin.get_by_label("业务咨询", exact=True).input_value() == kept


def test_create_a_user(open_page, live_server):
    admin = open_page("admin")
    visit(admin, live_server, "/admin/users")
    with admin.expect_navigation():
        admin.get_by_role("button", name="新建用户").click()
    check_page(admin)
    admin.get_by_label("用户名", exact=True).fill("yh1.new")
    admin.get_by_label("姓名", exact=True).fill("新同事")
    admin.get_by_label("角色", exact=True).select_option(label="经办人")
    admin.get_by_label("所在处室", exact=True).select_option(label="银行一处")
    admin.get_by_label("密码（新建必填；修改时留空则不变）", exact=True).fill("a-long-password-1")
    with admin.expect_navigation():
        admin.get_by_role("button", name="保存").click()
    assert "yh1.new" in admin.locator("main").inner_text()
    check_page(admin)
    for path in ("/admin/", "/admin/divisions", "/admin/channels", "/admin/routing"):
        visit(admin, live_server, path)


def test_a_failed_sign_in_says_so(open_page, live_server):
    page = open_page()
    visit(page, live_server, "/login")
    page.get_by_label("用户名", exact=True).fill("admin")
    page.get_by_label("密码", exact=True).fill("not-the-password")
    with page.expect_navigation():
        page.get_by_label("密码", exact=True).press("Enter")
    assert page.title().startswith("错误：")
    summary = page.locator(".error-summary")
    assert "用户名或密码错误" in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")
    check_page(page)
