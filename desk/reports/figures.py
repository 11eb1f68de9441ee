"""Handling figures for a period and, optionally, one division: counted by the database.

Every count is a grouped SQL query over the cases (never cases loaded into Python); the few
grouped rows are summed here. The definitions are in `DEFINITIONS`, shown under every table.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from sqlalchemy import and_, case, func, or_, select

from desk.cases.deadlines import DueWindow
from desk.cases.kinds import KINDS
from desk.extensions import db
from desk.models import (
    OPEN_STATES,
    Case,
    CaseState,
    Channel,
    Division,
    Rating,
    RatingLevel,
    Supervision,
    SupervisionReason,
    SupervisionState,
)
from desk.reports.periods import Period, month_end
from desk.reports.sql import month_of

DEFINITIONS = [
    ("收信", "统计期间内收到的来信（按收信日期，北京时间），含不予受理"),
    ("答复", "统计期间内发布答复的来信（按答复日期），不论何时收到"),
    (
        "按时答复率",
        "按时答复件数 ÷（答复件数 + 超期未答复件数）。按时答复：统计期间内答复、"
        "答复日期不晚于答复时的截止日期（含批准的延期；按小时计时的舆情以截止时刻为准）；超期未答复：截止日期在统计期间内、至今已超期仍未答复的在办来信，"
        "已超期未答复的在办来信计为未按时",
    ),
    ("平均办理工作日", "答复件从收信次日起至答复日的工作日数（答复时按当时的工作日历确定）的平均值"),
    ("不予受理", "统计期间内收到、目前状态为不予受理的来信"),
    (
        "满意率",
        "按国办发〔2019〕51号五级评价：统计期间内收到的评价中（“非常满意”+“满意”+“基本满意”）÷ 评价总数，"
        "按来信的承办处室归属",
    ),
    ("差评", "统计期间内收到的“不满意”和“非常不满意”评价；每条差评都立一份回访整改督办单"),
    (
        "差评整改率",
        "统计期间内收到的差评中，回访整改督办单已由综合处销号（填写整改情况）的件数 ÷ 差评件数",
    ),
    (
        "建议提案",
        "人大代表建议、政协委员提案：交办（按交办日期）、答复（按答复日期）、按期答复（自交办之日起三个日历月内）、"
        "已公开（全文或摘要，去除姓名、联系方式和抄送范围）",
    ),
    ("新增督办", "统计期间内新立的督办单（超期未办结、群众差评回访整改）"),
    ("在督", "目前尚未销号的督办单（待处室反馈或处室已反馈）"),
    ("在办 / 即将到期 / 已超期", "当前值，不受统计期间限制：在办来信；剩余不超过2个工作日；已过截止日期"),
]

OPEN_SUPERVISION_STATES = (SupervisionState.OPEN, SupervisionState.ANSWERED)


def replied_on_time():
    """The reply came by the deadline in force when it was given: on an hour clock (舆情) by its
    moment, else by its date (rows written without it: the case's due date)."""
    return or_(
        and_(Case.replied_due_at.is_not(None), Case.replied_at <= Case.replied_due_at),
        and_(
            Case.replied_due_at.is_(None),
            Case.replied_on <= func.coalesce(Case.replied_due_date, Case.due_date),
        ),
    )


def late_open(start: date, end: date, window: DueWindow):
    """Open cases whose deadline fell between ``start`` and ``end`` and has passed: due before today,
    or on an hour clock due earlier today."""
    passed = Case.due_date.between(start, min(end, window.today - timedelta(days=1)))
    if window.now is not None and start <= window.today <= end:
        passed = or_(passed, window.passed_today())
    return and_(Case.state.in_(OPEN_STATES), passed)


@dataclass
class Row:
    """The figures of one division (or of all, as the totals row)."""

    division_id: int | None = None
    name: str = "合计"
    received: int = 0
    not_accepted: int = 0
    replied: int = 0
    on_time: int = 0
    late_open: int = 0  # open cases whose deadline fell in the period and has passed: late already
    workdays_total: int = 0
    workdays_count: int = 0
    ratings: int = 0
    satisfied: int = 0  # 非常满意 + 满意 + 基本满意
    bad_ratings: int = 0  # 不满意 + 非常不满意 (差评)
    bad_rectified: int = 0  # 差评 whose follow-up the office has closed
    supervisions_opened: int = 0
    supervisions_open: int = 0
    open_now: int = 0
    due_soon: int = 0
    overdue: int = 0

    @property
    def due(self) -> int:
        """Cases that had to be answered: the period's replies and its deadlines missed so far."""
        return self.replied + self.late_open

    @property
    def late(self) -> int:
        """Replied late, or not replied and overdue (the complement of `on_time` in `due`)."""
        return self.due - self.on_time

    @property
    def on_time_rate(self) -> float | None:
        """On time ÷ (replied + open and overdue with a deadline in the period); None without either.

        An overdue case still open is late already: leaving it out would make a desk that stops
        answering look punctual.
        """
        return self.on_time / self.due if self.due else None

    @property
    def avg_workdays(self) -> float | None:
        """Average handling working days of the replies; None without replies."""
        return self.workdays_total / self.workdays_count if self.workdays_count else None

    @property
    def satisfaction_rate(self) -> float | None:
        """(非常满意 + 满意 + 基本满意) ÷ ratings; None without ratings."""
        return self.satisfied / self.ratings if self.ratings else None

    @property
    def rectification_rate(self) -> float | None:
        """差评 with their follow-up closed ÷ 差评 (国办发〔2019〕51号 差评整改率); None without 差评."""
        return self.bad_rectified / self.bad_ratings if self.bad_ratings else None

    def add(self, other: Row) -> None:
        """Add another row's counts to this one (for totals)."""
        for f in fields(self):
            if f.type == "int":
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class Figures:
    """Everything the dashboard and the circular show for a period."""

    period: Period
    window: DueWindow
    by_state: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    by_rating: dict[str, int] = field(default_factory=dict)  # the period's ratings by level
    proposals: list[ProposalRow] = field(default_factory=list)  # 人大建议 / 政协提案, one row a kind
    rows: list[Row] = field(default_factory=list)
    total: Row = field(default_factory=Row)
    months: list[Month] = field(default_factory=list)


def period_figures(
    period: Period,
    window: DueWindow,
    *,
    division_id: int | None = None,
    trend: list[date] = (),
) -> Figures:
    """The figures for `period`, for one division or all, with today's open counts.

    With `trend` (first days of consecutive months), `Figures.months` holds the letters received
    and replied in each of those months.
    """
    rows: dict[int | None, Row] = {}

    def row(division: int | None) -> Row:
        return rows.setdefault(division, Row(division_id=division))

    by_state, by_kind, by_channel, months = _count_cases(period, trend, division_id, row)
    by_rating = _add_ratings(period, division_id, row)
    _add_supervisions(period, division_id, row)
    _add_open_now(window, division_id, row)
    _add_late_open(period, window, division_id, row)

    figures = Figures(
        period=period,
        window=window,
        by_state={s.value: by_state[s.value] for s in CaseState},
        by_kind={code: by_kind[code] for code in KINDS},
        by_channel={c.value: by_channel[c.value] for c in Channel},
        by_rating={level.value: by_rating[level.value] for level in RatingLevel},
        months=months,
    )
    figures.proposals = _count_proposals(period, division_id)
    figures.rows = _named_rows(rows, division_id)
    for r in figures.rows:
        figures.total.add(r)
    return figures


def _count_cases(period: Period, trend: list[date], division_id: int | None, row):
    """Received and replied cases: the period's rows and counters, and the trend's months.

    The period is counted in one grouped pass per family; the trend's months are summed here
    from counts per day, which PostgreSQL reads off ix_cases_received_on / ix_cases_replied_on
    alone (a per-row month expression costs more than the counting itself at a million cases).
    """
    by_state, by_kind, by_channel = Counter(), Counter(), Counter()
    received = (
        select(Case.division_id, Case.state, Case.kind, Case.channel, func.count())
        .where(Case.received_on.between(period.start, period.end))
        .group_by(Case.division_id, Case.state, Case.kind, Case.channel)
    )
    for division, state, kind, channel, count in db.session.execute(_scoped(received, division_id)):
        r = row(division)
        r.received += count
        if state == CaseState.NOT_ACCEPTED:
            r.not_accepted += count
        by_state[state] += count
        by_kind[kind] += count
        by_channel[channel] += count

    replied = (
        select(
            Case.division_id,
            func.count(),
            func.sum(case((replied_on_time(), 1), else_=0)),
            func.sum(Case.handling_workdays),
            func.count(Case.handling_workdays),
        )
        .where(Case.replied_on.between(period.start, period.end))
        .group_by(Case.division_id)
    )
    for division, count, on_time, days_total, days_count in db.session.execute(_scoped(replied, division_id)):
        r = row(division)
        r.replied += count
        r.on_time += on_time or 0
        r.workdays_total += days_total or 0
        r.workdays_count += days_count

    months = {f"{m:%Y-%m}": Month(month=m) for m in trend}
    if trend:
        start, end = trend[0], month_end(trend[-1])
        for day, count in _per_day(Case.received_on, start, end, division_id):
            months[f"{day:%Y-%m}"].received += count
        for day, count in _per_day(Case.replied_on, start, end, division_id):
            months[f"{day:%Y-%m}"].replied += count
    return by_state, by_kind, by_channel, list(months.values())


def _scoped(stmt, division_id: int | None, column=Case.division_id):
    return stmt if division_id is None else stmt.where(column == division_id)


def _per_day(column, start: date, end: date, division_id: int | None):
    """(day, count) of cases whose date `column` falls from `start` to `end`."""
    stmt = select(column, func.count()).where(column.between(start, end)).group_by(column)
    return db.session.execute(_scoped(stmt, division_id))


def monthly_figures(period: Period, trend: list[date]) -> tuple[list[Month], dict[str, int]]:
    """The public page's months (received, replied, outcome so far) and letters by channel.

    Bucketed by month in SQL (`month_of`), over every division. Only letters count: the office's
    own registers (舆情, deputies' suggestions, channel "office") are not letters from the public.
    """
    letters = Case.channel != Channel.OFFICE
    months = {f"{m:%Y-%m}": Month(month=m) for m in trend}
    start, end = trend[0], month_end(trend[-1])
    received_month = month_of(Case.received_on)
    received = (
        select(
            received_month,
            func.count(),
            func.sum(case((Case.state == CaseState.NOT_ACCEPTED, 1), else_=0)),
            func.count(Case.replied_on),
        )
        .where(Case.received_on.between(start, end), letters)
        .group_by(received_month)
    )
    for key, count, not_accepted, with_reply in db.session.execute(received):
        months[key].received, months[key].not_accepted = count, not_accepted or 0
        months[key].received_replied = with_reply
    replied_month = month_of(Case.replied_on)
    replied = (
        select(
            replied_month, func.count(), func.sum(Case.handling_workdays), func.count(Case.handling_workdays)
        )
        .where(Case.replied_on.between(start, end), letters)
        .group_by(replied_month)
    )
    for key, count, days_total, days_count in db.session.execute(replied):
        months[key].replied, months[key].workdays_total, months[key].workdays_count = (
            count,
            days_total or 0,
            days_count,
        )
    channels = dict(
        db.session.execute(
            select(Case.channel, func.count())
            .where(Case.received_on.between(period.start, period.end), letters)
            .group_by(Case.channel)
        ).all()
    )
    return list(months.values()), {c.value: channels.get(c.value, 0) for c in Channel if c != Channel.OFFICE}


@dataclass
class ProposalRow:
    """The period's deputies' suggestions (or members' proposals): assigned, replied, on time, published."""

    kind: str
    label: str
    received: int = 0  # assigned (交办) in the period
    replied: int = 0  # replied in the period
    on_time: int = 0  # of those, by the deadline (three calendar months of 交办)
    published: int = 0  # of those, published (in full or summary)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.replied if self.replied else None


def _count_proposals(period: Period, division_id: int | None) -> list[ProposalRow]:
    """One row per kind whose replies are published (人大代表建议, 政协委员提案)."""
    kinds = [spec for spec in KINDS.values() if spec.publish_reply]
    rows = {spec.code: ProposalRow(spec.code, spec.label) for spec in kinds}
    if not rows:
        return []
    received = select(Case.kind, func.count()).where(
        Case.kind.in_(rows), Case.received_on.between(period.start, period.end)
    )
    for kind, count in db.session.execute(_scoped(received, division_id).group_by(Case.kind)):
        rows[kind].received = count
    published = Case.details["published_mode"].as_string().is_not(None)
    replied = select(
        Case.kind,
        func.count(),
        func.sum(case((replied_on_time(), 1), else_=0)),
        func.sum(case((published, 1), else_=0)),
    ).where(Case.kind.in_(rows), Case.replied_on.between(period.start, period.end))
    for kind, count, on_time, shown in db.session.execute(_scoped(replied, division_id).group_by(Case.kind)):
        rows[kind].replied, rows[kind].on_time, rows[kind].published = count, on_time or 0, shown or 0
    return list(rows.values())


def _add_ratings(period: Period, division_id: int | None, row) -> Counter:
    """Ratings given in the period, attributed to the case's division; returns them by level.

    A 差评 counts as rectified when the case's follow-up (its "dissatisfied" supervision record)
    was closed after the rating.
    """
    since, until = period.utc_bounds()
    rectified = and_(Supervision.state == SupervisionState.CLOSED, Supervision.closed_at >= Rating.rated_at)
    stmt = (
        select(Case.division_id, Rating.level, func.count(), func.sum(case((rectified, 1), else_=0)))
        .join(Case, Case.id == Rating.case_id)
        .outerjoin(
            Supervision,
            and_(Supervision.case_id == Rating.case_id, Supervision.reason == SupervisionReason.DISSATISFIED),
        )
        .where(Rating.rated_at >= since, Rating.rated_at < until)
        .group_by(Case.division_id, Rating.level)
    )
    if division_id is not None:
        stmt = stmt.where(Case.division_id == division_id)
    by_level = Counter()
    for division, level, count, closed in db.session.execute(stmt):
        r = row(division)
        r.ratings += count
        by_level[level] += count
        if RatingLevel(level).counts_as_satisfied:
            r.satisfied += count
        else:
            r.bad_ratings += count
            r.bad_rectified += closed or 0
    return by_level


def _add_supervisions(period: Period, division_id: int | None, row) -> None:
    """Supervision notices opened in the period, and those not closed yet."""
    since, until = period.utc_bounds()
    opened_in_period = and_(Supervision.opened_at >= since, Supervision.opened_at < until)
    still_open = Supervision.state.in_(OPEN_SUPERVISION_STATES)
    stmt = (
        select(
            Supervision.division_id,
            func.sum(case((opened_in_period, 1), else_=0)),
            func.sum(case((still_open, 1), else_=0)),
        )
        .where(opened_in_period | still_open)
        .group_by(Supervision.division_id)
    )
    if division_id is not None:
        stmt = stmt.where(Supervision.division_id == division_id)
    for division, opened, open_now in db.session.execute(stmt):
        r = row(division)
        r.supervisions_opened += opened or 0
        r.supervisions_open += open_now or 0


def _add_open_now(window: DueWindow, division_id: int | None, row) -> None:
    """Open cases now, and the overdue and due-soon ones, by division.

    Overdue and due soon only read index entries due up to `window.soon`: the division list is
    spelled out (`division_id IN (...)`, plus the unassigned ones) so PostgreSQL can walk
    ix_cases_division_state_due by ranges instead of reading every open case.
    """
    is_open = Case.state.in_(OPEN_STATES)
    urgent = select(
        Case.division_id,
        func.sum(case((Case.due_date < window.today, 1), else_=0)),
        func.sum(case((Case.due_date >= window.today, 1), else_=0)),
    ).where(is_open, Case.due_date <= window.soon)
    if division_id is not None:
        parts = [urgent.where(Case.division_id == division_id)]
    else:
        parts = [
            urgent.where(Case.division_id.in_(select(Division.id).scalar_subquery())),
            urgent.where(Case.division_id.is_(None)),
        ]
    for part in parts:
        for division, overdue, due_soon in db.session.execute(part.group_by(Case.division_id)):
            r = row(division)
            r.overdue += overdue or 0
            r.due_soon += due_soon or 0
    if window.now is not None:  # an hour clock whose deadline passed earlier today is overdue already
        passed = select(Case.division_id, func.count()).where(is_open, window.passed_today())
        for division, count in db.session.execute(_scoped(passed, division_id).group_by(Case.division_id)):
            r = row(division)
            r.overdue, r.due_soon = r.overdue + count, r.due_soon - count
    counts = select(Case.division_id, func.count()).where(is_open).group_by(Case.division_id)
    if division_id is not None:
        counts = counts.where(Case.division_id == division_id)
    for division, count in db.session.execute(counts):
        row(division).open_now += count


def _add_late_open(period: Period, window: DueWindow, division_id: int | None, row) -> None:
    """Open cases whose deadline fell in the period and has passed (``late_open``), by division."""
    stmt = (
        select(Case.division_id, func.count())
        .where(late_open(period.start, period.end, window))
        .group_by(Case.division_id)
    )
    for division, count in db.session.execute(_scoped(stmt, division_id)):
        row(division).late_open += count


def _named_rows(rows: dict[int | None, Row], division_id: int | None) -> list[Row]:
    """One row per division in the bureau's order (every active one), then unassigned cases."""
    stmt = select(Division.id, Division.name, Division.active).order_by(Division.sort_order, Division.id)
    if division_id is not None:
        stmt = stmt.where(Division.id == division_id)
    named = []
    for div_id, name, active in db.session.execute(stmt):
        r = rows.pop(div_id, None)
        if r is None and not active:
            continue
        r = r or Row(division_id=div_id)
        r.name = name
        named.append(r)
    unassigned = rows.pop(None, None)
    if unassigned is not None:
        unassigned.name = "未分办（综合处待受理或不予受理）"
        named.append(unassigned)
    return named


@dataclass
class Month:
    """One month of the trend: received and replied, and the received cases' outcome so far."""

    month: date
    received: int = 0
    not_accepted: int = 0
    received_replied: int = 0  # of the cases received this month, how many have a reply now
    replied: int = 0
    workdays_total: int = 0
    workdays_count: int = 0

    @property
    def key(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def label(self) -> str:
        return f"{self.month.year}年{self.month.month}月"

    @property
    def short_label(self) -> str:
        return f"{self.month.month}月"

    @property
    def reply_rate(self) -> float | None:
        """Replied so far ÷ accepted (received less not accepted) among this month's letters."""
        accepted = self.received - self.not_accepted
        return self.received_replied / accepted if accepted else None

    @property
    def avg_workdays(self) -> float | None:
        """Average handling working days of this month's replies."""
        return self.workdays_total / self.workdays_count if self.workdays_count else None
