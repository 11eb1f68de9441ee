"""Set-based writes shared by the sweep and single-case services: idempotent under concurrency.

Every insert here is `INSERT ... SELECT ... WHERE NOT EXISTS ... ON CONFLICT DO NOTHING`: the
NOT EXISTS keeps a steady-state sweep cheap, the unique constraint keeps two sweeps running at
once from writing anything twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Select, String, and_, cast, exists, literal, null, or_, select

from desk.database import dialect_insert
from desk.extensions import db
from desk.models import Case, CaseEvent, Notification, Role, Supervision, SupervisionReason, User
from desk.models.types import UTCDateTime

CHUNK = 5000
# More new supervision records than this for one division at once: one summary notice.
DIGEST_OVER = 20


def open_supervisions(
    reason: SupervisionReason,
    case_ids: Select,
    *,
    now: datetime,
    answer_due: date,
    opened_by_id: int | None = None,
) -> list[tuple[int, int, int | None]]:
    """Open a supervision for each case in `case_ids` (a select of one id column) that has none for `reason`.

    Returns (supervision id, case id, division id) of the records this call created. The cases still
    without a record are read first and inserted by id in chunks: an INSERT … SELECT with the NOT
    EXISTS inside would, on a first run over an empty table, be planned as a nested loop over the very
    table it fills (seen: 2 minutes for 100k cases instead of seconds).
    """
    candidate = case_ids.subquery()
    (column,) = candidate.c
    missing = select(column).where(
        ~exists().where(Supervision.case_id == column, Supervision.reason == reason.value)
    )
    ids = list(dict.fromkeys(db.session.scalars(missing)))
    created: list[tuple[int, int, int | None]] = []
    for chunk in chunks(ids):
        rows = select(
            Case.id,
            literal(reason.value, String),
            literal("open", String),
            Case.division_id,
            literal(now, UTCDateTime),
            literal(opened_by_id) if opened_by_id is not None else null(),
            literal(answer_due),
        ).where(Case.id.in_(chunk))
        stmt = (
            dialect_insert(Supervision)
            .from_select(
                ["case_id", "reason", "state", "division_id", "opened_at", "opened_by_id", "answer_due"], rows
            )
            .on_conflict_do_nothing(index_elements=["case_id", "reason"])
            .returning(Supervision.id, Supervision.case_id, Supervision.division_id)
        )
        created.extend(tuple(row) for row in db.session.execute(stmt).all())
    return created


def record_supervision_events(supervision_ids: Sequence[int], *, now: datetime, note_prefix: str) -> None:
    """One 'supervised' event per new supervision, on its case."""
    for chunk in chunks(supervision_ids):
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


def notify_supervision(
    opened: Sequence[tuple[int, int, int | None]], *, now: datetime, text: str, digest_text: str
) -> int:
    """Tell the division heads (the office when no division is set) about new supervisions.

    One notice per record; a division with more than DIGEST_OVER new records at once (a backlog,
    or the first sweep of a new installation) gets one summary notice instead of a flood.
    """
    by_division: dict[int | None, list[int]] = {}
    for supervision_id, _case_id, division_id in opened:
        by_division.setdefault(division_id, []).append(supervision_id)
    created = 0
    single = [i for ids in by_division.values() if len(ids) <= DIGEST_OVER for i in ids]
    for chunk in chunks(single):
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
    for division_id, ids in by_division.items():
        if len(ids) <= DIGEST_OVER:
            continue
        recipient = (
            and_(User.role == Role.HEAD, User.division_id == division_id)
            if division_id is not None
            else User.role == Role.OFFICE
        )
        rows = select(
            User.id,
            literal("supervision", String),
            null(),
            null(),
            literal(digest_text.format(count=len(ids)), String),
            literal(f"supervision-digest:{min(ids)}-{max(ids)}", String),
            literal(now, UTCDateTime),
        ).where(User.active.is_(True), recipient)
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


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    """Slices of at most CHUNK ids."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
