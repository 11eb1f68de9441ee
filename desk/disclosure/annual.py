"""The annual report's tables (国办公开办函〔2021〕30号): section 三 counted from the register.

Years are Asia/Shanghai years: the register keeps local dates. For year Y a request is in
一 when received in Y; in 二 when received before Y and not decided before Y; in its outcome's row
when decided in Y; in 四 when received by 31 December of Y and not decided by then. The check
一 + 二 = 三(七) + 四 must hold in every column; a table that fails it is not given out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select

from desk.cases.errors import CaseError
from desk.disclosure.taxonomy import (
    APPLICANT_LABELS,
    COLUMNS,
    LEAF_ROWS,
    REVIEW_RESULTS,
    ROWS,
    SECTION_FOUR,
    SECTION_TWO,
)
from desk.extensions import db
from desk.models import DisclosureFigure, DisclosureRequest

Table = dict[str, dict[str, int]]


@dataclass(frozen=True)
class ColumnCheck:
    """一 + 二 against 三(七) + 四 in one column."""

    column: str
    incoming: int
    outgoing: int

    @property
    def ok(self) -> bool:
        return self.incoming == self.outgoing


@dataclass(frozen=True)
class AnnualReport:
    """The year's section 二 and 四 as entered, section 三 as counted, and the check."""

    year: int
    section_two: dict[str, dict[str, float]]
    section_three: Table
    section_four: dict[str, dict[str, int]]
    checks: tuple[ColumnCheck, ...]

    @property
    def balanced(self) -> bool:
        return all(c.ok for c in self.checks)

    def require_balanced(self) -> None:
        """Refuse to give out a table that fails the check."""
        failing = [c.column for c in self.checks if not c.ok]
        if failing:
            raise CaseError(
                f"{self.year}年度表格校验未通过（一＋二≠三(七)＋四）：{'、'.join(failing)}，请核对登记数据"
            )

    def as_json(self) -> dict:
        """{"三": {ROW: {COLUMN: n}}}: every cell present, zeros included."""
        return {"三": self.section_three}


def section_three(year: int) -> Table:
    """Section 三 of `year` counted from the register, every cell present."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    table: Table = {row: dict.fromkeys(COLUMNS, 0) for row in ROWS}
    R = DisclosureRequest

    def count(row: str, condition, group=None) -> None:
        stmt = select(R.applicant_type, *([group] if group is not None else []), func.count()).where(
            condition
        )
        stmt = stmt.group_by(R.applicant_type, *([group] if group is not None else []))
        for values in db.session.execute(stmt):
            column = APPLICANT_LABELS.get(values[0], "其他")
            key = values[1] if group is not None else row
            if key in table:
                table[key][column] += values[-1]

    count("一", R.received_on.between(start, end))
    count("二", and_(R.received_on < start, or_(R.decided_on.is_(None), R.decided_on >= start)))
    count("", and_(R.decided_on.between(start, end), R.outcome.in_(LEAF_ROWS)), group=R.outcome)
    count("四", and_(R.received_on <= end, or_(R.decided_on.is_(None), R.decided_on > end)))
    for row in LEAF_ROWS:
        for column in COLUMNS[:-1]:
            table["三(七)"][column] += table[row][column]
    for cells in table.values():
        cells["总计"] = sum(cells[c] for c in COLUMNS[:-1])
    return table


def _figures(year: int, section: str) -> dict[tuple[str, str], float]:
    rows = db.session.scalars(
        select(DisclosureFigure).where(DisclosureFigure.year == year, DisclosureFigure.section == section)
    )
    return {(f.row, f.column): f.value for f in rows}


def section_two(year: int) -> dict[str, dict[str, float]]:
    """Section 二 (主动公开) as staff entered it, zeros where nothing was entered."""
    entered = _figures(year, "二")
    return {row: {c: entered.get((row, c), 0) for c in columns} for row, columns in SECTION_TWO}


def section_four(year: int) -> dict[str, dict[str, int]]:
    """Section 四 (复议、诉讼) as entered; 总计 is the sum of the four results."""
    entered = _figures(year, "四")
    table = {}
    for row in SECTION_FOUR:
        cells = {c: int(entered.get((row, c), 0)) for c in REVIEW_RESULTS}
        cells["总计"] = sum(cells.values())
        table[row] = cells
    return table


def annual_report(year: int) -> AnnualReport:
    """Everything the year's report table needs."""
    if not 2000 <= year <= 2100:
        raise CaseError("年度不正确", status=400)
    three = section_three(year)
    checks = tuple(
        ColumnCheck(c, three["一"][c] + three["二"][c], three["三(七)"][c] + three["四"][c]) for c in COLUMNS
    )
    return AnnualReport(year, section_two(year), three, section_four(year), checks)


def save_figures(year: int, section: str, values: dict[tuple[str, str], float]) -> None:
    """Store the entered figures of section 二 or 四 for the year (replacing what was there)."""
    allowed = (
        {(row, c) for row, columns in SECTION_TWO for c in columns}
        if section == "二"
        else {(row, c) for row in SECTION_FOUR for c in REVIEW_RESULTS}
    )
    existing = {
        (f.row, f.column): f
        for f in db.session.scalars(
            select(DisclosureFigure).where(DisclosureFigure.year == year, DisclosureFigure.section == section)
        )
    }
    for key, value in values.items():
        if key not in allowed:
            raise CaseError("表格中没有这一栏", status=400)
        if value is None or value < 0:
            raise CaseError("数字不能为负数", status=400)
        figure = existing.get(key)
        if figure is None:
            db.session.add(
                DisclosureFigure(year=year, section=section, row=key[0], column=key[1], value=value)
            )
        else:
            figure.value = value
    db.session.flush()
