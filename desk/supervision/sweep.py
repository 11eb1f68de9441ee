"""The deadline sweep: due-soon notices, supervision of overdue and badly rated cases.

It runs every few minutes, may run twice at once and may be interrupted: every step is one
set-based, idempotent statement, so a second run writes nothing the first has written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, and_, cast, exists, literal, null, select, text

from desk.cases.deadlines import DueWindow, due_window, load_calendar, refresh_paused_deadlines
from desk.extensions import db
from desk.models import (
    BAD_RATINGS,
    OPEN_STATES,
    Case,
    CaseMilestone,
    Notification,
    Rating,
    Role,
    Supervision,
    SupervisionReason,
    SupervisionState,
    User,
)
from desk.models.types import UTCDateTime
from desk.supervision.bulk import (
    DIGEST_OVER,
    chunks,
    insert_notifications,
    notify_supervision,
    open_supervisions,
    record_supervision_events,
)
from desk.supervision.notices import division_heads, notify
from desk.timeutil import local_date, to_local, utcnow

log = logging.getLogger(__name__)

# Working days a division has to answer a supervision notice.
SUPERVISION_ANSWER_WORKDAYS = 3
_SWEEP_LOCK_KEY = 0x6465736B  # "desk": the PostgreSQL advisory lock of the sweep


OVERDUE_NOTICE = "超期未办结，已挂牌督办，请及时办理并反馈"
DISSATISFIED_NOTICE = "群众差评（不满意/非常不满意），已挂牌督办回访整改，请核查整改并反馈"
DUE_SOON_DIGEST = "本处室有 {count} 件来信将于 {soon} 前到期，请在本处室来信中按截止日期办理"
OVERDUE_DIGEST = "本次新增 {count} 件超期未办结来信挂牌督办，请在督办台账中逐件查看并反馈"
MILESTONE_NOTICE = "办理节点已超时未报告，已挂牌督办，请立即报告并反馈"
MILESTONE_DIGEST = "本次新增 {count} 件办理节点超时挂牌督办，请在督办台账中逐件查看并反馈"
DISSATISFIED_DIGEST = "本次新增 {count} 件群众差评来信挂牌督办回访整改，请在督办台账中逐件查看并反馈"


@dataclass(frozen=True)
class SweepResult:
    """What one sweep did."""

    skipped: bool = False  # another sweep held the lock
    overdue_supervised: int = 0
    dissatisfied_supervised: int = 0
    supervision_notices: int = 0
    due_soon_notices: int = 0
    milestone_alerts: int = 0
    milestones_supervised: int = 0


def sweep_deadlines(now: datetime | None = None) -> SweepResult:
    """Turn overdue and 不满意 cases into supervision records and send due-soon notices (no commit)."""
    now = now or utcnow()
    if not _take_lock():
        log.info("another sweep is running; skipped")
        return SweepResult(skipped=True)
    today = local_date(now)
    calendar = load_calendar()
    refresh_paused_deadlines(calendar)  # a stopped clock's due date moves with each paused day
    window = due_window(today, calendar, now=now)
    answer_due = calendar.add_workdays(today, SUPERVISION_ANSWER_WORKDAYS).due_date

    overdue = select(Case.id).where(Case.state.in_(OPEN_STATES), window.overdue())
    opened = open_supervisions(SupervisionReason.OVERDUE, overdue, now=now, answer_due=answer_due)
    record_supervision_events([s for s, _, _ in opened], now=now, note_prefix="超期未办结，挂牌督办")
    notices = notify_supervision(opened, now=now, text=OVERDUE_NOTICE, digest_text=OVERDUE_DIGEST)
    again = _supervise_reopened_overdue(window, now=now, answer_due=answer_due)
    notices += len(again)

    dissatisfied = select(Rating.case_id).where(Rating.level.in_(BAD_RATINGS))
    unhappy = open_supervisions(SupervisionReason.DISSATISFIED, dissatisfied, now=now, answer_due=answer_due)
    record_supervision_events([s for s, _, _ in unhappy], now=now, note_prefix="群众差评，挂牌督办回访整改")
    notices += notify_supervision(unhappy, now=now, text=DISSATISFIED_NOTICE, digest_text=DISSATISFIED_DIGEST)

    late = (
        select(CaseMilestone.case_id)
        .join(Case, Case.id == CaseMilestone.case_id)
        .where(Case.state.in_(OPEN_STATES), CaseMilestone.met_at.is_(None), CaseMilestone.due_at < now)
    )
    late_marks = open_supervisions(SupervisionReason.MILESTONE_LATE, late, now=now, answer_due=answer_due)
    record_supervision_events([s for s, _, _ in late_marks], now=now, note_prefix="办理节点超时，挂牌督办")
    notices += notify_supervision(late_marks, now=now, text=MILESTONE_NOTICE, digest_text=MILESTONE_DIGEST)

    due_soon = _notify_due_soon(window, now)
    result = SweepResult(
        overdue_supervised=len(opened) + len(again),
        dissatisfied_supervised=len(unhappy),
        supervision_notices=notices,
        due_soon_notices=due_soon,
        milestone_alerts=_alert_milestones(now),
        milestones_supervised=len(late_marks),
    )
    log.info("sweep: %s", result)
    return result


def _supervise_reopened_overdue(window, *, now: datetime, answer_due) -> list[Notification]:
    """Overdue again after a reopening: the overdue record closed under the first clock opens again.

    A reopened case keeps its one overdue record, which the office may have closed long before;
    a record opened after the reopening and closed by the office stays closed.
    """
    rows = db.session.execute(
        select(Supervision, Case)
        .join(Case, Case.id == Supervision.case_id)
        .where(
            Supervision.reason == SupervisionReason.OVERDUE,
            Supervision.state == SupervisionState.CLOSED,
            Case.state.in_(OPEN_STATES),
            window.overdue(),
            Case.reopened_on.is_not(None),
        )
    ).all()
    notices = []
    for record, case in rows:
        if local_date(record.opened_at) > case.reopened_on:
            continue  # opened under the new clock: the office closed it, and that stands
        record.state, record.division_id = SupervisionState.OPEN, case.division_id
        record.opened_at, record.opened_by_id, record.answer_due = now, None, answer_due
        record.answer = record.answered_at = record.answered_by_id = None
        record.closing_comment = record.closed_at = record.closed_by_id = None
        db.session.flush()
        record_supervision_events([record.id], now=now, note_prefix="重新办理后再次超期，挂牌督办")
        notices += notify(
            division_heads(case.division_id),
            "supervision",
            f"{case.number} {OVERDUE_NOTICE}",
            dedup_key=f"supervision:{record.id}:{now:%Y%m%d%H%M%S%f}",
            case=case,
            supervision_id=record.id,
        )
    return notices


def _alert_milestones(now: datetime) -> int:
    """Tell the office and the division's heads once when a milestone is about to pass unmet.

    "About to pass": from its alert moment (a quarter of its span before it) until it passes;
    one notice per milestone and person (the dedup key), and the row remembers it was alerted.
    """
    marks = db.session.execute(
        select(CaseMilestone, Case)
        .join(Case, Case.id == CaseMilestone.case_id)
        .where(
            Case.state.in_(OPEN_STATES),
            CaseMilestone.met_at.is_(None),
            CaseMilestone.alerted_at.is_(None),
            CaseMilestone.alert_at <= now,
            CaseMilestone.due_at >= now,
        )
    ).all()
    created = 0
    for mark, case in marks:
        text_ = f"{case.number} {mark.label}将于 {to_local(mark.due_at):%m-%d %H:%M} 到时，尚未报告完成"
        rows = select(
            User.id,
            literal("milestone_due", String),
            literal(case.id),
            null(),
            literal(text_, String),
            literal(f"milestone:{mark.id}", String),
            literal(now, UTCDateTime),
        ).where(
            User.active.is_(True),
            (User.role == Role.OFFICE) | ((User.role == Role.HEAD) & (User.division_id == case.division_id)),
        )
        created += insert_notifications(rows)
        mark.alerted_at = now
    db.session.flush()
    return created


def _notify_due_soon(window: DueWindow, now: datetime) -> int:
    """One notice per due-soon case (and due date) to each member of its division (not for an hour
    clock already past its moment: that one is overdue and supervised).

    The (case, member) pairs still without their notice are read first and inserted in chunks, for
    the same reason as in `open_supervisions`: a first run must not be planned as a nested loop.
    A member with more than DIGEST_OVER such cases gets one summary notice a day instead.
    """
    dedup = (
        literal("due_soon:", String)
        + cast(Case.id, String)
        + literal(":", String)
        + cast(Case.due_date, String)
    )
    pairs = db.session.execute(
        select(User.id, Case.id)
        .join(
            User,
            and_(
                User.division_id == Case.division_id,
                User.active.is_(True),
                User.role.in_([Role.STAFF, Role.HEAD]),
            ),
        )
        .where(Case.state.in_(OPEN_STATES), window.due_soon())
        .where(~exists().where(Notification.user_id == User.id, Notification.dedup_key == dedup))
    ).all()
    created = 0
    by_user: dict[int, list[int]] = {}
    for user_id, case_id in pairs:
        by_user.setdefault(user_id, []).append(case_id)
    for user_id, case_ids in by_user.items():
        if len(case_ids) > DIGEST_OVER:
            rows = select(
                literal(user_id),
                literal("due_soon", String),
                null(),
                null(),
                literal(DUE_SOON_DIGEST.format(count=len(case_ids), soon=f"{window.soon:%Y-%m-%d}"), String),
                literal(f"due-soon-digest:{window.today:%Y-%m-%d}", String),
                literal(now, UTCDateTime),
            )
            created += insert_notifications(rows)
            continue
        for chunk in chunks(case_ids):
            rows = select(
                literal(user_id),
                literal("due_soon", String),
                Case.id,
                null(),
                Case.number
                + literal(" 将于 ", String)
                + cast(Case.due_date, String)
                + literal(" 到期", String),
                dedup,
                literal(now, UTCDateTime),
            ).where(Case.id.in_(chunk))
            created += insert_notifications(rows)
    return created


def _take_lock() -> bool:
    """Hold the sweep's lock until the transaction ends (PostgreSQL); SQLite writes one at a time."""
    if db.session.get_bind().dialect.name != "postgresql":
        return True
    return bool(db.session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _SWEEP_LOCK_KEY}))
