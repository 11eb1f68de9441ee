"""依申请公开 in the browser: an applicant files a request on a phone; the desk answers it with a notice."""

from __future__ import annotations

from tests.browser.conftest import DESKTOP
from tests.browser.pages import assign, check_page, submit_draft, visit


def test_a_request_is_filed_answered_with_its_notice_and_counted(open_page, live_server):
    applicant = open_page()
    visit(applicant, live_server, "/")
    applicant.get_by_role("button", name="申请政府信息公开").click()
    applicant.wait_for_url("**/write/disclosure")
    check_page(applicant)
    applicant.get_by_label("姓名或名称", exact=True).fill("蒋一鸣")
    applicant.get_by_label("证件号码", exact=True).fill("11010519491231002X")
    applicant.get_by_label("联系电话", exact=True).fill("13912345678")
    applicant.get_by_label("自行领取", exact=True).check()
    applicant.get_by_label("所需政府信息的名称", exact=True).fill("本局2025年行政许可决定目录")
    applicant.get_by_label("所需政府信息的描述", exact=True).fill(
        "请提供本局2025年作出的融资担保公司设立许可决定目录。"
    )
    applicant.get_by_label("本人承诺所填信息真实，并知悉逾期不补正、逾期未缴费的申请不再处理").check()
    applicant.get_by_role("button", name="提交申请").click()
    applicant.wait_for_url("**/write/done")
    check_page(applicant)
    number = applicant.locator(".receipt-codes dd.code").nth(0).inner_text().strip()
    code = applicant.locator(".receipt-codes dd.code").nth(1).inner_text().strip()
    assert number.startswith("GK")

    office = open_page("office")
    path = assign(office, live_server, number, "政策法规处")
    check_page(office)
    staff = open_page("zcfg.staff")
    visit(staff, live_server, path)
    assert staff.get_by_text("补正告知（第三十条，暂停计时）").is_visible()
    submit_draft(staff, live_server, path, "请于收到本告知书后到本局政务服务窗口领取目录复印件。")
    head = open_page("zcfg.head")
    visit(head, live_server, path)
    head.get_by_label("答复结果", exact=True).select_option(label="予以公开：予以公开")
    with head.expect_navigation():
        head.get_by_role("button", name="审签通过并发布告知书").click()
    check_page(head)

    visit(applicant, live_server, "/track")
    applicant.get_by_label("信件编号", exact=True).fill(number)
    applicant.get_by_label("查询码", exact=True).fill(code)
    with applicant.expect_navigation():
        applicant.keyboard.press("Enter")
    check_page(applicant)
    text = applicant.locator("main").inner_text()
    assert "政府信息公开申请答复告知书" in text and "60日内" in text and "提供方式：自行领取" in text

    table = open_page("office", viewport=DESKTOP)
    visit(table, live_server, "/disclosure/annual")
    assert "校验通过" in table.locator("#check").inner_text()
    phone = open_page("office")
    visit(phone, live_server, "/disclosure/annual")
