"""The report pages: figures as counted, role isolation, XLSX, bad periods, a chart without script."""

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desk.cases.deadlines import load_calendar
from desk.demo.seed import load_demo
from desk.models import OPEN_STATES, Case, Division, Rating, RatingLevel, Role, Supervision, SupervisionState
from tests.clock import frozen_time
from tests.conftest import utc
from tests.reports.conftest import NOW

TODAY = date(2026, 11, 20)
FIGURE_RE = re.compile(r'data-figure="(\w+)">([^<]*)<')


def get(browser, url):
    with frozen_time(NOW):
        return browser.get(url)


def tiles(html: str) -> dict[str, str]:
    return dict(FIGURE_RE.findall(html))


def division_rows(html: str) -> dict[str, list[str]]:
    """The per-division table: name → the cells after it."""
    table = html.split('id="divisions"')[1].split("</tbody>")[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


def pct(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator * 100:.1f}%" if denominator else "—"


def test_dashboard_figures_match_a_hand_count_on_the_demo_data(browser, db, login_as):
    with frozen_time(NOW):
        assert load_demo() > 50
        db.session.commit()
    cases = db.session.scalars(select(Case)).all()
    # More ratings on unrated demo replies (the demo rates some itself): two satisfied, one basic, one not.
    rated = set(db.session.scalars(select(Rating.case_id)))
    unrated = [c for c in cases if c.replied_on and c.id not in rated]
    for case, level in zip(unrated[:4], ["satisfied", "satisfied", "basic", "dissatisfied"], strict=True):
        db.session.add(
            Rating(case_id=case.id, level=level, rated_at=utc(2026, 11, 19), reply_signed_at=case.replied_at)
        )
    db.session.commit()
    login_as(Role.OFFICE)
    html = get(browser, "/office/dashboard").get_data(as_text=True)

    # Counted again by hand, in Python, from the ORM objects.
    start, end = date(2025, 12, 1), date(2026, 11, 30)
    received = [c for c in cases if start <= c.received_on <= end]
    replied = [c for c in cases if c.replied_on and start <= c.replied_on <= end]
    on_time = [c for c in replied if c.replied_on <= c.due_date]
    open_cases = [c for c in cases if c.state in OPEN_STATES]
    soon = load_calendar().add_workdays(TODAY, 2).due_date
    assert len(received) == len(cases) > 50
    shown = tiles(html)
    assert shown["received"] == str(len(received))
    assert shown["open"] == str(len(open_cases))
    assert shown["overdue"] == str(sum(c.due_date < TODAY for c in open_cases))
    assert shown["due_soon"] == str(sum(TODAY <= c.due_date <= soon for c in open_cases))
    # Open cases past a deadline that fell in the period count as late (not answered on time).
    late_open = [c for c in cases if c.state in OPEN_STATES and start <= c.due_date < TODAY]
    assert shown["on_time_rate"] == pct(len(on_time), len(replied) + len(late_open))
    days = sum(c.handling_workdays for c in replied) / len(replied)
    assert shown["avg_workdays"] == f"{days:.1f}"
    ratings = db.session.scalars(select(Rating)).all()
    good = [r for r in ratings if RatingLevel(r.level).counts_as_satisfied]
    assert shown["satisfaction_rate"] == pct(len(good), len(ratings))
    supervisions = db.session.scalars(select(Supervision)).all()
    closed = {s.case_id for s in supervisions if s.state == SupervisionState.CLOSED}
    assert shown["rectification_rate"] == pct(
        sum(r.case_id in closed for r in ratings if r not in good), len(ratings) - len(good)
    )
    assert shown["supervisions_open"] == str(sum(s.state != SupervisionState.CLOSED for s in supervisions))

    rows = division_rows(html)
    for division in db.session.scalars(select(Division)):
        mine_received = [c for c in received if c.division_id == division.id]
        mine_replied = [c for c in replied if c.division_id == division.id]
        mine_overdue = [c for c in open_cases if c.division_id == division.id and c.due_date < TODAY]
        cells = rows[division.name]
        assert cells[0] == str(len(mine_received)), division.name
        assert cells[1] == str(len(mine_replied)), division.name
        mine_late_open = [c for c in late_open if c.division_id == division.id]
        mine_on_time = sum(c.replied_on <= c.due_date for c in mine_replied)
        assert cells[2] == pct(mine_on_time, len(mine_replied) + len(mine_late_open)), division.name
        assert cells[4] == str(len(mine_overdue)), division.name
    unassigned = [c for c in received if c.division_id is None]
    assert rows["未分办（综合处待受理或不予受理）"][0] == str(len(unassigned))
    for state in ("received", "not_accepted", "assigned", "in_review", "replied", "closed"):
        count = sum(c.state == state for c in received)
        label = {
            "received": "待受理",
            "not_accepted": "不予受理",
            "assigned": "办理中",
            "in_review": "待审签",
            "replied": "已答复",
            "closed": "已办结",
        }[state]
        assert re.search(
            rf'<td>{label}</td><td class="num"><a href="[^"]*state={state}[^"]*">{count}</a></td>', html
        )


def test_dashboard_shows_the_definitions_and_a_chart_without_script_or_style(browser, bureau, login_as):
    login_as(bureau.office)
    response = get(browser, "/office/dashboard")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<svg" in html and "<polyline" in html and html.count('class="bar"') == 12
    assert "<script" not in html and "style=" not in html
    assert "已超期未答复的在办来信计为未按时" in html
    assert "统计口径" in html and "按时答复率" in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    for period in ("month", "quarter", "year", "12m"):
        assert get(browser, f"/office/dashboard?period={period}").status_code == 200
    response = get(browser, "/office/dashboard?period=week")
    assert response.status_code == 400 and "统计期间" in response.get_data(as_text=True)


def test_the_head_sees_only_the_divisions_figures(browser, bureau, login_as):
    login_as(bureau.bank_head)
    html = get(browser, "/reports/division").get_data(as_text=True)
    shown = tiles(html)
    assert (shown["received"], shown["open"], shown["overdue"], shown["due_soon"]) == ("3", "2", "1", "1")
    assert list(division_rows(html)) == ["银行一处"]
    assert "金融稳定处" not in html and "统计</a>" in html
    assert get(browser, "/office/dashboard").status_code == 404
    assert get(browser, "/office/circulars").status_code == 404
    assert get(browser, "/office/circulars.xlsx").status_code == 404


@pytest.mark.parametrize(
    "url", ["/reports/division", "/office/dashboard", "/office/circulars", "/office/circulars.xlsx"]
)
def test_staff_get_404_on_reports(browser, bureau, login_as, url):
    login_as(bureau.bank_staff)
    assert get(browser, url).status_code == 404


def test_the_office_has_no_division_view(browser, bureau, login_as):
    login_as(bureau.office)
    assert get(browser, "/reports/division").status_code == 404


def test_citizens_see_the_public_page_only(client, bureau):
    for url in ("/office/dashboard", "/reports/division", "/office/circulars", "/office/circulars.xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    with frozen_time(NOW):
        response = client.get("/statistics")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script" not in html and "style=" not in html and "<svg" in html
    # No personal data and no division names.
    for case in bureau.cases.values():
        assert case.citizen_name not in html and case.subject not in html and case.number not in html
    assert "银行一处" not in html and "金融稳定处" not in html
    november = re.search(r"<td>2026年11月</td>(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r'<td class="num">([^<]*)</td>', november)
    # 4 received in November (1 not accepted, 0 of 3 accepted replied), 1 reply (46 working days).
    assert cells == ["4", "1", "0.0%", "46.0"]
    channels = dict(
        re.findall(r"<tr><td>(\S+)</td><td class=\"num\">(\d+)</td></tr>", html.split('id="channels"')[1])
    )
    assert channels == {"网站": "5", "电话": "0", "微信": "1", "微博": "0"}
    assert "办理情况统计" in client.get("/").get_data(as_text=True)


def test_circular_page_and_xlsx_agree(browser, bureau, login_as):
    login_as(bureau.office)
    html = get(browser, "/office/circulars?period=2026-11").get_data(as_text=True)
    assert "来信办理月度统计（2026年11月）" in html
    footer = html.split("<tfoot>")[1]
    page_totals = dict(re.findall(r'data-col="(\w+)">([^<]*)<', footer))
    assert page_totals["received"] == "4" and page_totals["replied"] == "1"
    assert page_totals["on_time_rate"] == "0.0%" and page_totals["satisfaction_rate"] == "0.0%"

    response = get(browser, "/office/circulars.xlsx?period=2026-11")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    assert "%E6%9D%A5%E4%BF%A1" in disposition  # 来信
    sheet = load_workbook(BytesIO(response.data)).active
    assert "2026年11月" in sheet["A1"].value
    rows = list(sheet.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "处室")
    totals = dict(zip(header, next(r for r in rows if r[0] == "合计"), strict=True))
    assert totals["收信"] == int(page_totals["received"]) == 4
    assert totals["答复"] == int(page_totals["replied"])
    assert totals["不予受理"] == int(page_totals["not_accepted"]) == 1
    assert totals["按时答复率"] == 0.0 and totals["满意率"] == 0.0
    assert totals["平均办理工作日"] == 46
    total_row = next(r for r in sheet.iter_rows() if r[0].value == "合计")
    assert total_row[header.index("按时答复率")].number_format == "0.0%"
    assert any(str(r[0]).startswith("按时答复率：") for r in rows if r[0])
    assert sheet.column_dimensions["A"].width == 30

    quarter = get(browser, "/office/circulars.xlsx?period=2026-Q4")
    totals_q4 = next(
        r for r in load_workbook(BytesIO(quarter.data)).active.iter_rows(values_only=True) if r[0] == "合计"
    )
    q4 = dict(zip(header, totals_q4, strict=True))
    # 1 on time of 2 replies and 1 open case past its deadline (11-12): the late one counts.
    assert (q4["收信"], q4["超期未答复"], q4["按时答复率"]) == (5, 1, 1 / 3)


@pytest.mark.parametrize("period", ["2026-13", "2026-Q5", "last", "2026/10", "'; drop"])
def test_a_bad_period_is_a_400_in_chinese(browser, bureau, login_as, period):
    login_as(bureau.office)
    for url in ("/office/circulars", "/office/circulars.xlsx"):
        response = get(browser, f"{url}?period={period}")
        assert response.status_code == 400
        assert "统计期间格式不正确" in response.get_data(as_text=True)


def test_the_circular_defaults_to_last_month(browser, bureau, login_as):
    login_as(bureau.office)
    assert "2026年10月" in get(browser, "/office/circulars").get_data(as_text=True)
    assert "统计</a>" in get(browser, "/office/").get_data(as_text=True)


def test_dashboard_figures_are_reused_for_the_cache_lifetime(app, browser, bureau, login_as, make_case):
    from desk.reports import cache

    login_as(bureau.office)
    app.config["REPORTS_CACHE_SECONDS"] = 60
    try:
        cache.clear()
        assert tiles(get(browser, "/office/dashboard").get_data(as_text=True))["received"] == "6"
        with frozen_time(NOW):
            make_case(received_at=utc(2026, 11, 19, 2, 0))
        assert tiles(get(browser, "/office/dashboard").get_data(as_text=True))["received"] == "6"
        cache.clear()
        assert tiles(get(browser, "/office/dashboard").get_data(as_text=True))["received"] == "7"
    finally:
        del app.config["REPORTS_CACHE_SECONDS"]
        cache.clear()
    with frozen_time(NOW):
        make_case(received_at=utc(2026, 11, 19, 3, 0))
    assert tiles(get(browser, "/office/dashboard").get_data(as_text=True))["received"] == "8"


def listed(browser, url) -> list[str]:
    """The case numbers a figure's list shows."""
    response = get(browser, url)
    assert response.status_code == 200, url
    return re.findall(
        r'<td class="number" data-label="编号"><a [^>]*>([^<]+)</a>', response.get_data(as_text=True)
    )


def test_every_dashboard_number_opens_the_cases_it_counts(browser, bureau, login_as):
    login_as(bureau.office)
    html = get(browser, "/office/dashboard").get_data(as_text=True)
    found = re.findall(r'<a href="([^"]+)" data-figure="(\w+)">', html)
    links = {figure: href.replace("&amp;", "&") for href, figure in found}
    shown = tiles(html)
    for figure in ("received", "open", "due_soon", "overdue"):
        assert len(listed(browser, links[figure])) == int(shown[figure]), figure
    c = bureau.cases
    assert listed(browser, links["on_time_rate"]) == [c["on_time"].number]
    late = listed(browser, "/reports/cases?figure=late&period=12m")
    assert sorted(late) == sorted([c["late"].number, c["overdue"].number]), "late replies and open overdue"
    by_division = listed(browser, f"/reports/cases?figure=received&period=12m&division={bureau.bank.id}")
    assert len(by_division) == 3
    assert listed(browser, "/reports/cases?figure=received&period=12m&state=not_accepted") == [
        c["refused"].number
    ]
    assert get(browser, "/reports/cases?figure=bogus").status_code == 400
    assert get(browser, "/reports/cases?figure=received&period=week").status_code == 400


def test_a_heads_lists_hold_the_divisions_cases_only(browser, bureau, login_as):
    login_as(bureau.bank_head)
    html = get(browser, "/reports/division").get_data(as_text=True)
    assert "/reports/cases?figure=received" in html
    numbers = listed(browser, f"/reports/cases?figure=received&period=12m&division={bureau.stability.id}")
    assert sorted(numbers) == sorted(
        c.number
        for c in bureau.cases.values()
        if c.division_id == bureau.bank.id and c.received_on >= date(2025, 12, 1)
    )
    login_as(bureau.bank_staff)
    assert get(browser, "/reports/cases?figure=received").status_code == 404
