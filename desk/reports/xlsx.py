"""The circular as an XLSX workbook (openpyxl): numbers as numbers, rates as percentages."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desk.reports.circulars import circular_columns
from desk.reports.figures import DEFINITIONS, Figures

NUMBER_FORMATS = {"int": "0", "rate": "0.0%", "days": "0.0"}
WIDTHS = {"text": 30, "int": 10, "rate": 12, "days": 14}


def circular_workbook(figures: Figures, title: str) -> bytes:
    """The per-division table of the period with a totals row, its title and definitions."""
    columns = circular_columns()
    book = Workbook()
    sheet = book.active
    sheet.title = figures.period.key.replace(":", "-")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"统计期间：{figures.period.start:%Y-%m-%d} 至 {figures.period.end:%Y-%m-%d}"])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append([c.header for c in columns])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        cell.border = Border(bottom=Side(style="thin"))
    for row in [*figures.rows, figures.total]:
        sheet.append([c.value(row) for c in columns])
        for column, cell in zip(columns, sheet[sheet.max_row], strict=True):
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.border = Border(top=Side(style="thin"))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[column.kind]
    sheet.append([])
    sheet.append(["口径说明：比率无分母时留空。"])
    for name, meaning in DEFINITIONS:
        sheet.append([f"{name}：{meaning}"])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
