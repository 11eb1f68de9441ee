"""Set-based writes shared by the sweep and single-case services: idempotent under concurrency.

Every insert here is `INSERT ... SELECT ... WHERE NOT EXISTS ... ON CONFLICT DO NOTHING`: the
NOT EXISTS keeps a steady-state sweep cheap, the unique constraint keeps two sweeps running at
once from writing anything twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Select, String, and_, cast, exists, literal, null, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from desk.extensions import db
from desk.models import Case, CaseEvent, Notification, Role, Supervision, SupervisionReason, User
from desk.models.types import UTCDateTime

CHUNK = 5000


def dialect_insert(model):
    """An INSERT for the current dialect, which knows ON CONFLICT DO NOTHING."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def open_supervisions(
    reason: SupervisionReason,
    case_ids: Select,
    *,
    now: datetime,
    answer_due: date,
    opened_by_id: int | None = None,
) -> list[tuple[int, int, int | None]]:
    """Open a supervision for each case in `case_ids` that has none for `reason`.

    Returns (supervision id, case id, division id) of the records this call created.
    """
    candidates = (
        select(
            Case.id,
            literal(reason.value, String),
            literal("open", String),
            Case.division_id,
            literal(now, UTCDateTime),
            literal(opened_by_id) if opened_by_id is not None else null(),
            literal(answer_due),
        )
        .where(Case.id.in_(case_ids))
        .where(~exists().where(Supervision.case_id == Case.id, Supervision.reason == reason.value))
    )
    stmt = (
        dialect_insert(Supervision)
        .from_select(
            ["case_id", "reason", "state", "division_id", "opened_at", "opened_by_id", "answer_due"],
            candidates,
        )
        .on_conflict_do_nothing(index_elements=["case_id", "reason"])
        .returning(Supervision.id, Supervision.case_id, Supervision.division_id)
    )
    return [tuple(row) for row in db.session.execute(stmt).all()]


def record_supervision_events(supervision_ids: Sequence[int], *, now: datetime, note_prefix: str) -> None:
    """One 'supervised' event per new supervision, on its case."""
    for chunk in _chunks(supervision_ids):
        rows = (
            select(
                Supervision.case_id,
                literal(now, UTCDateTime),
                literal("supervised", String),
                Case.state,
                Case.state,
                literal(note_prefix, String)
                + literal("，请于 ", String)
                + cast(Supervision.answer_due, String)
                + literal(" 前反馈", String),
                literal(False),
            )
            .join(Case, Case.id == Supervision.case_id)
            .where(Supervision.id.in_(chunk))
        )
        db.session.execute(
            CaseEvent.__table__.insert().from_select(
                ["case_id", "at", "action", "from_state", "to_state", "note", "public"], rows
            )
        )


def notify_supervision(supervision_ids: Sequence[int], *, now: datetime, text: str) -> int:
    """Tell the division heads (the office when no division is set) about new supervisions."""
    created = 0
    for chunk in _chunks(supervision_ids):
        recipient = or_(
            and_(User.role == Role.HEAD, User.division_id == Supervision.division_id),
            and_(Supervision.division_id.is_(None), User.role == Role.OFFICE),
        )
        rows = (
            select(
                User.id,
                literal("supervision", String),
                Supervision.case_id,
                Supervision.id,
                Case.number + literal(" ", String) + literal(text, String),
                literal("supervision:", String) + cast(Supervision.id, String),
                literal(now, UTCDateTime),
            )
            .join(Case, Case.id == Supervision.case_id)
            .join(User, and_(User.active.is_(True), recipient))
            .where(Supervision.id.in_(chunk))
        )
        created += insert_notifications(rows)
    return created


def insert_notifications(rows: Select) -> int:
    """Insert (user_id, kind, case_id, supervision_id, text, dedup_key, created_at) rows once each."""
    stmt = (
        dialect_insert(Notification)
        .from_select(
            ["user_id", "kind", "case_id", "supervision_id", "text", "dedup_key", "created_at"], rows
        )
        .on_conflict_do_nothing(index_elements=["user_id", "dedup_key"])
        .returning(Notification.id)
    )
    return len(db.session.execute(stmt).all())


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
