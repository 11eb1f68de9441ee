"""Importing a past register (CSV): every line checked first, then all of it or nothing.

Columns `申请编号,收到日期,申请人类型,申请内容,办理结果,办结日期`; 申请人类型 is a column of the
table (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他); 办理结果 a leaf row's label
as the table writes it, empty together with 办结日期 while the request is open. A 申请编号 already
imported is updated from the line, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desk.disclosure.taxonomy import APPLICANT_BY_LABEL, COLUMNS, outcome_by_label
from desk.extensions import db
from desk.models import DisclosureRequest

HEADER = ("申请编号", "收到日期", "申请人类型", "申请内容", "办理结果", "办结日期")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")


class RegisterError(Exception):
    """A register file that cannot be imported; the message names the line."""


@dataclass(frozen=True)
class RegisterLine:
    """One checked line of the register."""

    line: int
    number: str
    received_on: date
    applicant_type: str
    summary: str
    outcome: str | None
    decided_on: date | None


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: int
    updated: int
    unchanged: int


def _date(text: str, line: int, name: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RegisterError(f"第{line}行：{name}“{text}”不是有效日期（应为 YYYY-MM-DD）")


def parse_register(data: bytes | str) -> list[RegisterLine]:
    """Every line of the file checked; the first bad one is reported by its line number."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                data = data.decode("gb18030")
            except UnicodeDecodeError:
                raise RegisterError("文件编码无法识别，请保存为 UTF-8 编码的 CSV") from None
    reader = csv.reader(io.StringIO(data.lstrip("\ufeff")))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != HEADER:
        raise RegisterError(f"第1行：表头应为 {','.join(HEADER)}")
    lines, seen = [], set()
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            raise RegisterError(f"第{line}行：应有{len(HEADER)}列，实有{len(row)}列")
        number, received, applicant, summary, result, decided = (cell.strip() for cell in row)
        if not number or len(number) > 32:
            raise RegisterError(f"第{line}行：申请编号为空或超过32个字符")
        if number in seen:
            raise RegisterError(f"第{line}行：申请编号“{number}”在文件中重复")
        seen.add(number)
        received_on = _date(received, line, "收到日期")
        if applicant not in APPLICANT_BY_LABEL:
            raise RegisterError(f"第{line}行：申请人类型“{applicant}”应为 {'、'.join(COLUMNS[:-1])} 之一")
        if bool(result) != bool(decided):
            raise RegisterError(f"第{line}行：办理结果和办结日期应同时填写，或同时留空（尚未办结）")
        outcome = outcome_by_label(result) if result else None
        if result and outcome is None:
            raise RegisterError(f"第{line}行：办理结果“{result}”不是年度报告表格中的办理结果")
        decided_on = _date(decided, line, "办结日期") if decided else None
        if decided_on is not None and decided_on < received_on:
            raise RegisterError(f"第{line}行：办结日期早于收到日期")
        lines.append(
            RegisterLine(
                line=line,
                number=number,
                received_on=received_on,
                applicant_type=APPLICANT_BY_LABEL[applicant],
                summary=summary,
                outcome=outcome.row if outcome else None,
                decided_on=decided_on,
            )
        )
    return lines


def import_register(data: bytes | str) -> ImportResult:
    """Check the whole file, then add or update its requests (flushes, never commits)."""
    lines = parse_register(data)
    existing = {
        r.number: r
        for r in db.session.scalars(
            select(DisclosureRequest).where(DisclosureRequest.number.in_([x.number for x in lines]))
        )
    }
    added = updated = unchanged = 0
    for line in lines:
        request = existing.get(line.number)
        values = {
            "received_on": line.received_on,
            "applicant_type": line.applicant_type,
            "summary": line.summary,
            "outcome": line.outcome,
            "decided_on": line.decided_on,
        }
        if request is None:
            db.session.add(DisclosureRequest(number=line.number, imported=True, **values))
            added += 1
        elif not request.imported:
            raise RegisterError(f"第{line.line}行：申请编号“{line.number}”是本系统受理的申请，不能由导入覆盖")
        elif any(getattr(request, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(request, key, value)
            updated += 1
        else:
            unchanged += 1
    db.session.flush()
    return ImportResult(added, updated, unchanged)
