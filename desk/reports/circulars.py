"""The monthly statistics and quarterly circular (月统计 / 季通报) to the divisions."""

from __future__ import annotations

from dataclasses import dataclass

from desk.reports.figures import Row

# (header, attribute, kind): kind "int", "rate" or "days".
COLUMNS = [
    ("处室", "name", "text"),
    ("收信", "received", "int"),
    ("不予受理", "not_accepted", "int"),
    ("答复", "replied", "int"),
    ("按时答复", "on_time", "int"),
    ("超期未答复", "late_open", "int"),
    ("按时答复率", "on_time_rate", "rate"),
    ("平均办理工作日", "avg_workdays", "days"),
    ("评价", "ratings", "int"),
    ("满意率", "satisfaction_rate", "rate"),
    ("差评", "bad_ratings", "int"),
    ("差评整改率", "rectification_rate", "rate"),
    ("新增督办", "supervisions_opened", "int"),
]


@dataclass(frozen=True)
class Column:
    """A circular column as the page and the spreadsheet show it."""

    header: str
    attribute: str
    kind: str

    def value(self, row: Row):
        return getattr(row, self.attribute)


def circular_columns() -> list[Column]:
    """The circular's columns, in order."""
    return [Column(*c) for c in COLUMNS]
