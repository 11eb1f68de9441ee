"""What every browser test checks on every page it visits, and how a role signs in."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from desk.demo.seed import DEMO_PASSWORD

BLOCKING = ("serious", "critical")
_axe = Axe()


def sign_in(page, server, username: str) -> None:
    """Sign in through the login form with the keyboard, as a demo account."""
    page.goto(f"{server.url}/login")
    page.fill("#username", username)
    page.fill("#password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("#password", "Enter")
    assert "/login" not in page.url, f"{username} could not sign in"


def check_page(page) -> None:
    """The page a person sees: no serious or critical axe-core violation, no horizontal scrolling.

    The page must fit its viewport's width (390 px on a phone): tables scroll inside their own box.
    """
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide on a {width}px screen"
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in _axe.run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    assert not violations, f"{page.url}: " + " | ".join(violations)
    assert page.locator("a.skip-link[href='#main']").count() == 1, f"{page.url} has no skip link"


def visit(page, server, path: str) -> None:
    """Open a page of the desk and check it."""
    response = page.goto(f"{server.url}{path}")
    assert response is not None and response.status < 400, f"{path}: {response and response.status}"
    check_page(page)


def first_case_link(page, selector: str = "table.cases td.number a") -> str:
    """The path of the first case listed on the page."""
    return page.locator(selector).first.get_attribute("href")


def write_letter(page, server, *, kind: str = "consultation", subject: str, content: str) -> tuple[str, str]:
    """A citizen writes a letter through the form; returns (case number, query code) from the receipt."""
    page.goto(f"{server.url}/write/{kind}")
    page.get_by_label("姓名", exact=True).fill("李卫东")
    page.get_by_label("手机号码", exact=True).fill("13912345678")
    page.get_by_label("标题", exact=True).fill(subject)
    page.get_by_label("内容", exact=True).fill(content)
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/write/done")
    number = page.locator(".receipt-codes dd.code").nth(0).inner_text().strip()
    code = page.locator(".receipt-codes dd.code").nth(1).inner_text().strip()
    return number, code


def open_case(page, server, number: str) -> str:
    """The office finds a case by its number and opens it; returns the case page's path."""
    page.goto(f"{server.url}/office/cases?number={number}")
    page.get_by_role("link", name=number).first.click()
    page.wait_for_url("**/staff/cases/*")
    return page.url.removeprefix(server.url)


def assign(page, server, number: str, division: str) -> str:
    """The office accepts a case and assigns it to a division; returns the case page's path."""
    path = open_case(page, server, number)
    form = page.locator("form[action$='/assign']").last
    form.get_by_label("承办处室", exact=True).select_option(label=division)
    with page.expect_navigation():
        form.get_by_role("button", name="受理并交办").click()
    return path


def submit_draft(page, server, path: str, text: str) -> None:
    """Division staff write the reply and submit it for sign-off."""
    page.goto(f"{server.url}{path}")
    page.get_by_label("答复内容", exact=True).fill(text)
    with page.expect_navigation():
        page.get_by_role("button", name="提交审签").click()


def sign_off(page, server, path: str) -> None:
    """The division head signs the reply off, which publishes it to the citizen."""
    page.goto(f"{server.url}{path}")
    with page.expect_navigation():
        page.get_by_role("button", name="审签通过并发布").click()
