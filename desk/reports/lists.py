"""The cases behind each dashboard number: the same predicates as `figures`, as a list to read.

Every number on the dashboard links here (`/reports/cases?figure=…&period=…`), so whoever reads a
figure can open the cases it counts. A predicate here and its count in `figures` must agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, or_

from desk.cases.deadlines import DueWindow
from desk.cases.kinds import KINDS
from desk.models import (
    BAD_RATINGS,
    OPEN_STATES,
    Case,
    CaseState,
    Channel,
    Rating,
    Supervision,
    SupervisionReason,
    SupervisionState,
)
from desk.reports.figures import late_open, replied_on_time
from desk.reports.periods import Period


@dataclass(frozen=True)
class FigureList:
    """What a figure's list is called and whether it depends on the period."""

    label: str
    in_period: bool = True


FIGURE_LISTS = {
    "received": FigureList("收信"),
    "not_accepted": FigureList("不予受理"),
    "replied": FigureList("答复"),
    "on_time": FigureList("按时答复"),
    "late": FigureList("未按时（超期答复或超期未答复）"),
    "rated": FigureList("收到评价的来信"),
    "bad_rated": FigureList("收到差评（不满意、非常不满意）的来信"),
    "bad_unrectified": FigureList("差评尚未整改销号的来信"),
    "open": FigureList("在办", in_period=False),
    "due_soon": FigureList("即将到期", in_period=False),
    "overdue": FigureList("已超期", in_period=False),
}


class UnknownFigure(ValueError):
    """A figure or filter the lists do not know; the message is shown to the user."""


def figure_cases(
    base: Select,
    figure: str,
    period: Period,
    window: DueWindow,
    *,
    division_id: int | None = None,
    unassigned: bool = False,
    state: str | None = None,
    kind: str | None = None,
    channel: str | None = None,
) -> Select:
    """`base` (the cases the reader may see) narrowed to those `figure` counts, most urgent first."""
    if figure not in FIGURE_LISTS:
        raise UnknownFigure("没有这项统计")
    start, end = period.start, period.end
    received = Case.received_on.between(start, end)
    replied = Case.replied_on.between(start, end)
    is_open = Case.state.in_(OPEN_STATES)
    late = late_open(start, end, window)
    since, until = period.utc_bounds()
    bad_in_period = (
        Rating.case_id == Case.id,
        Rating.rated_at >= since,
        Rating.rated_at < until,
        Rating.level.in_(BAD_RATINGS),
    )
    condition = {
        "received": received,
        "not_accepted": and_(received, Case.state == CaseState.NOT_ACCEPTED),
        "replied": replied,
        "on_time": and_(replied, replied_on_time()),
        "late": or_(and_(replied, ~replied_on_time()), late),
        "rated": exists().where(Rating.case_id == Case.id, Rating.rated_at >= since, Rating.rated_at < until),
        "bad_rated": exists().where(*bad_in_period),
        "bad_unrectified": exists().where(
            *bad_in_period,
            ~exists().where(
                Supervision.case_id == Case.id,
                Supervision.reason == SupervisionReason.DISSATISFIED,
                Supervision.state == SupervisionState.CLOSED,
                Supervision.closed_at >= Rating.rated_at,
            ),
        ),
        "open": is_open,
        "due_soon": and_(is_open, window.due_soon()),
        "overdue": and_(is_open, window.overdue()),
    }[figure]
    stmt = base.where(condition)
    if unassigned:
        stmt = stmt.where(Case.division_id.is_(None))
    elif division_id is not None:
        stmt = stmt.where(Case.division_id == division_id)
    if state:
        stmt = stmt.where(Case.state == _member(CaseState, state))
    if kind:
        if kind not in KINDS:
            raise UnknownFigure("筛选条件无效")
        stmt = stmt.where(Case.kind == kind)
    if channel:
        stmt = stmt.where(Case.channel == _member(Channel, channel))
    return stmt.order_by(Case.due_date, Case.id)


def _member(enum, value: str) -> str:
    try:
        return enum(value).value
    except ValueError:
        raise UnknownFigure("筛选条件无效") from None
