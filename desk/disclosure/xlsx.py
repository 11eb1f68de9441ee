"""The annual report's tables as an XLSX workbook (openpyxl): one sheet a section, numbers as numbers."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from desk.disclosure.annual import AnnualReport
from desk.disclosure.taxonomy import COLUMNS, GROUP_TITLES, OUTCOME_BY_ROW, REVIEW_RESULTS, ROW_TITLES, ROWS


def row_title(row: str) -> str:
    """How the table names a row of section 三."""
    if row in ROW_TITLES:
        return ROW_TITLES[row]
    outcome = OUTCOME_BY_ROW[row]
    if row in GROUP_TITLES:
        return f"三、本年度办理结果 {GROUP_TITLES[row]}"
    return f"{GROUP_TITLES[row.rstrip('0123456789')]} {row[-1]}.{outcome.label}"


def annual_workbook(report: AnnualReport, bureau: str) -> bytes:
    """Sections 二, 三 and 四 of the year's report; section 三 ends with the check."""
    book = Workbook()
    two = book.active
    two.title = "二 主动公开"
    two.append([f"{bureau}{report.year}年政府信息公开工作年度报告 二、主动公开政府信息情况"])
    two["A1"].font = Font(bold=True)
    for row, cells in report.section_two.items():
        for column, value in cells.items():
            two.append([row, column, value])

    three = book.create_sheet("三 依申请公开")
    three.append([f"三、收到和处理政府信息公开申请情况（{report.year}年）"])
    three["A1"].font = Font(bold=True)
    three.append(["", "申请人情况", *COLUMNS])
    three.append(["行", "", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    for row in ROWS:
        three.append([row, row_title(row), *(report.section_three[row][c] for c in COLUMNS)])
    three.append([])
    three.append(["校验", "一＋二＝三(七)＋四", *("通过" if c.ok else "未通过" for c in report.checks)])
    three.column_dimensions["B"].width = 48
    for cell in three[2]:
        cell.alignment = Alignment(horizontal="center", wrap_text=True)

    four = book.create_sheet("四 复议诉讼")
    four.append(["四、政府信息公开行政复议、行政诉讼情况"])
    four["A1"].font = Font(bold=True)
    four.append(["", *REVIEW_RESULTS, "总计"])
    for row, cells in report.section_four.items():
        four.append([row, *(cells[c] for c in (*REVIEW_RESULTS, "总计"))])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
