"""The annual report's table (2021 format) from an imported register, the CLI, the check, the import."""

from __future__ import annotations

import json
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import func, select

from desk.disclosure.annual import annual_report
from desk.disclosure.taxonomy import COLUMNS, ROWS
from desk.models import DisclosureRequest

HEADER = "申请编号,收到日期,申请人类型,申请内容,办理结果,办结日期"


def tianjin_2020_register() -> str:
    """The Tianjin bureau's 2020 register as its annual report counts it.

    71 new and 3 carried from 2019; 27 公开, 3 过程性信息, 30 不掌握, 8 需另行制作, 1 重复申请,
    5 其他; none carried on. Two of the 公开 came from companies, one 不掌握 from a law firm.
    """
    lines = [HEADER]
    for n in range(3):  # carried over from 2019
        lines.append(f"TJ2019-{n + 1:03d},2019-12-{20 + n},自然人,往年申请{n},予以公开,2020-01-{6 + n:02d}")
    outcomes = (
        [("予以公开", "自然人")] * 22
        + [("予以公开", "商业企业")] * 2
        + [("属于四类过程性信息", "自然人")] * 3
        + [("本机关不掌握相关政府信息", "自然人")] * 29
        + [("本机关不掌握相关政府信息", "法律服务机构")]
        + [("没有现成信息需要另行制作", "自然人")] * 8
        + [("重复申请", "自然人")]
        + [("其他", "自然人")] * 5
    )
    assert len(outcomes) == 71
    for n, (outcome, applicant) in enumerate(outcomes):
        month, day = 1 + n // 7, 1 + (n % 7) * 3
        received, decided = f"2020-{month:02d}-{day:02d}", f"2020-{month + 1:02d}-{day:02d}"
        lines.append(f"TJ2020-{n + 1:03d},{received},{applicant},申请{n},{outcome},{decided}")
    return "\n".join(lines) + "\n"


def expected_2020() -> dict:
    table = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}

    def put(row, natural=0, business=0, legal=0):
        table[row].update({"自然人": natural, "商业企业": business, "法律服务机构": legal})
        table[row]["总计"] = natural + business + legal

    put("一", 68, 2, 1)
    put("二", 3)
    put("三(一)", 25, 2)
    put("三(三)6", 3)
    put("三(四)1", 29, 0, 1)
    put("三(四)2", 8)
    put("三(五)2", 1)
    put("三(六)3", 5)
    put("三(七)", 71, 2, 1)
    return {"三": table}


def _import(app, tmp_path, text: str, name: str = "register.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return app.test_cli_runner().invoke(args=["desk", "disclosure", "import", "--file", str(path)])


def _table(app, year: int) -> dict:
    result = app.test_cli_runner().invoke(
        args=["desk", "disclosure", "annual-table", "--year", str(year), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_tianjin_2020_register_gives_exactly_its_annual_table(app, db, tmp_path):
    result = _import(app, tmp_path, tianjin_2020_register())
    assert result.exit_code == 0, result.output
    assert "added=74" in result.output
    table = _table(app, 2020)
    assert table == expected_2020()
    three = table["三"]
    assert three["一"]["总计"] == 71 and three["二"]["总计"] == 3 and three["四"]["总计"] == 0
    assert three["三(一)"]["总计"] == 27 and three["三(四)1"]["总计"] == 30 and three["三(七)"]["总计"] == 74
    # Every row and column is there, zeros included.
    assert list(three) == list(ROWS) and all(list(cells) == list(COLUMNS) for cells in three.values())
    # The year before carries the three requests on.
    assert _table(app, 2019)["三"]["四"]["自然人"] == 3


def test_importing_the_same_register_twice_changes_nothing(app, db, tmp_path):
    assert _import(app, tmp_path, tianjin_2020_register()).exit_code == 0
    again = _import(app, tmp_path, tianjin_2020_register())
    assert again.exit_code == 0 and "added=0 updated=0 unchanged=74" in again.output
    assert db.session.scalar(select(func.count()).select_from(DisclosureRequest)) == 74
    assert _table(app, 2020) == expected_2020()


def test_a_bad_line_is_reported_by_number_and_nothing_is_imported(app, db, tmp_path):
    lines = tianjin_2020_register().splitlines()
    lines[5] = lines[5].replace("自然人", "个体户")
    result = _import(app, tmp_path, "\n".join(lines))
    assert result.exit_code != 0
    assert "第6行" in result.output and "个体户" in result.output
    assert db.session.scalar(select(func.count()).select_from(DisclosureRequest)) == 0
    for broken, message in (
        ("X1,2020-02-30,自然人,申请,予以公开,2020-03-01", "不是有效日期"),
        ("X1,2020-02-03,自然人,申请,予以公开,", "同时填写"),
        ("X1,2020-02-03,自然人,申请,不清楚,2020-03-01", "不是年度报告表格中的办理结果"),
        ("X1,2020-02-03,自然人,申请,予以公开,2020-01-01", "早于收到日期"),
    ):
        result = _import(app, tmp_path, f"{HEADER}\nOK1,2020-01-02,自然人,申请,,\n{broken}\n")
        assert result.exit_code != 0 and "第3行" in result.output and message in result.output
    assert db.session.scalar(select(func.count()).select_from(DisclosureRequest)) == 0


def test_requests_carried_into_the_next_year_agree_across_the_two_years(app, db, tmp_path):
    register = "\n".join(
        [
            HEADER,
            "A1,2021-03-01,自然人,申请,予以公开,2021-03-20",
            "A2,2021-12-20,商业企业,申请,部分公开,2022-01-10",  # decided in the new year
            "A3,2021-12-30,自然人,申请,,",  # still open
            "A4,2021-12-31,科研机构,申请,属于国家秘密,2022-02-01",
            "A5,2022-01-05,社会公益组织,申请,逾期不补正,2022-02-20",
            'A6,2022-06-01,其他,申请,危及"三安全一稳定",2022-06-20',
        ]
    )
    assert _import(app, tmp_path, register).exit_code == 0
    y2021, y2022 = _table(app, 2021)["三"], _table(app, 2022)["三"]
    assert y2021["四"] == y2022["二"]
    assert y2021["四"]["总计"] == 3 and y2022["四"]["总计"] == 1  # A3 still open
    assert y2022["三(二)"]["商业企业"] == 1 and y2022["三(六)1"]["社会公益组织"] == 1
    assert y2022["三(三)3"]["其他"] == 1
    for table in (y2021, y2022):
        for column in COLUMNS:
            assert table["一"][column] + table["二"][column] == table["三(七)"][column] + table["四"][column]


def test_the_office_reads_the_table_as_a_page_xlsx_and_json(app, db, tmp_path, browser, login_as):
    assert _import(app, tmp_path, tianjin_2020_register()).exit_code == 0
    login_as("office")
    page = browser.get("/disclosure/annual?year=2020").get_data(as_text=True)
    assert "校验通过" in page and 'data-row="三(七)" data-column="总计">74<' in page
    assert browser.get("/disclosure/annual/2020.json").get_json() == expected_2020()
    response = browser.get("/disclosure/annual/2020.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.data))["三 依申请公开"]
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows["三(七)"][-1] == 74 and rows["一"][2] == 68 and rows["三(四)1"][-1] == 30


def test_a_table_that_fails_the_check_is_shown_and_not_given_out(app, db, browser, login_as):
    from datetime import date

    # A row written around the import's checks (decided before it was received) breaks the balance.
    db.session.add(
        DisclosureRequest(
            number="BAD1",
            imported=True,
            received_on=date(2021, 1, 10),
            applicant_type="natural",
            summary="",
            outcome="三(一)",
            decided_on=date(2020, 12, 20),
        )
    )
    db.session.commit()
    assert not annual_report(2020).balanced
    login_as("office")
    page = browser.get("/disclosure/annual?year=2020").get_data(as_text=True)
    assert "校验未通过" in page and "自然人" in page
    assert browser.get("/disclosure/annual/2020.json").status_code == 409
    assert browser.get("/disclosure/annual/2020.xlsx").status_code == 409
    result = app.test_cli_runner().invoke(args=["desk", "disclosure", "annual-table", "--year", "2020"])
    assert result.exit_code != 0 and "校验未通过" in result.output


def test_staff_enter_sections_two_and_four(db, browser, login_as):
    login_as("office")
    url = "/disclosure/annual/2025/section/四"
    saved = browser.post(url, {"c0": "2", "c1": "1", "c3": "1"}, token_from=url)
    assert saved.status_code == 400  # every cell must be filled in
    fields = {f"c{i}": "0" for i in range(12)} | {"c0": "2", "c1": "1", "c3": "1"}
    assert browser.post(url, fields, token_from=url).status_code == 302
    report = annual_report(2025)
    assert report.section_four["行政复议"] == {
        "结果维持": 2,
        "结果纠正": 1,
        "其他结果": 0,
        "尚未审结": 1,
        "总计": 4,
    }
    url = "/disclosure/annual/2025/section/二"
    fields = {f"c{i}": "0" for i in range(10)} | {"c0": "3", "c9": "1.25"}
    assert browser.post(url, fields, token_from=url).status_code == 302
    assert annual_report(2025).section_two["规章"]["本年制发件数"] == 3
    assert annual_report(2025).section_two["行政事业性收费"]["本年收费金额（万元）"] == 1.25
    refused = browser.post(url, fields | {"c1": "-1"}, token_from=url)
    assert refused.status_code == 400 and "不能为负数" in refused.get_data(as_text=True)


def test_the_due_date_command_knows_the_disclosure_clock(app, db):
    result = app.test_cli_runner().invoke(
        args=["desk", "due-date", "--kind", "disclosure", "--received", "2026-01-20"]
    )
    assert result.exit_code == 0 and result.output.strip() == "2026-02-24"


def test_the_office_imports_a_register_on_the_page(db, browser, login_as):
    login_as("office")
    bad = f"{HEADER}\nW1,2020-01-02,自然人,申请,予以公开,2020-01-20\nW2,2020-01-03,自然人,申请,予以公开\n"
    response = browser.client.post(
        "/disclosure/import",
        data={
            "csrf_token": browser.token("/disclosure/import"),
            "register": (BytesIO(bad.encode()), "r.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "第3行" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(DisclosureRequest)) == 0
    good = tianjin_2020_register().encode("utf-8-sig")
    response = browser.client.post(
        "/disclosure/import",
        data={"csrf_token": browser.token("/disclosure/import"), "register": (BytesIO(good), "r.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert annual_report(2020).as_json() == expected_2020()


def test_year_boundaries_are_shanghai_years(db):
    from desk.cases import lifecycle, services
    from tests.clock import frozen_time
    from tests.conftest import utc
    from tests.disclosure.conftest import disclosure_case
    from tests.supervision.conftest import make_team

    team = make_team(suffix="yb")
    # 17:00 UTC on 31 December 2025 is 01:00 on 1 January 2026 in Shanghai.
    case = disclosure_case(team, utc(2025, 12, 31, 17, 0))
    assert annual_report(2025).section_three["一"]["总计"] == 0
    assert annual_report(2026).section_three["一"]["自然人"] == 1
    with frozen_time(utc(2026, 1, 5, 2, 0)):
        services.submit_for_signoff(team.staff, case, "现予以公开。")
    # Signed off at 00:30 on 1 January 2027 in Shanghai: carried on from 2026, decided in 2027.
    with frozen_time(utc(2026, 12, 31, 16, 30)):
        lifecycle.apply(case, "decide_disclosure", team.head, outcome="三(一)")
    y2026, y2027 = annual_report(2026).section_three, annual_report(2027).section_three
    assert y2026["四"]["总计"] == 1 and y2026["三(七)"]["总计"] == 0
    assert y2027["二"]["总计"] == 1 and y2027["三(一)"]["自然人"] == 1 and y2027["四"]["总计"] == 0
