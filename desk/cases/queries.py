"""Reading cases: every query applies the reader's scope, so no page can leak another division's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, exists, false, func, or_, select, true
from sqlalchemy.orm import selectinload

from desk.cases.deadlines import DueWindow
from desk.cases.errors import CaseError
from desk.extensions import db
from desk.models import (
    OPEN_STATES,
    Case,
    CaseEvent,
    CaseGroup,
    CaseMilestone,
    CaseState,
    Delivery,
    DeliveryState,
    Division,
    Rating,
    Role,
    User,
    case_co_divisions,
)
from desk.timeutil import bureau_tz


def case_scope(user: User) -> ColumnElement[bool]:
    """The SQL condition for the cases a user may read."""
    if user.role == Role.OFFICE:
        return true()
    if user.role in (Role.STAFF, Role.HEAD) and user.division_id is not None:
        return Case.division_id == user.division_id
    if user.role == Role.COUNSEL:
        return Case.joint_review.is_(True)
    return false()


def visible_cases(user: User) -> Select:
    """A select of the cases the user may read."""
    return select(Case).where(case_scope(user))


def case_for(user: User, case_id: int, *, for_update: bool = False) -> Case:
    """The case if the user may read it; otherwise it is not there (404, whether or not it exists)."""
    readable = case_scope(user)
    if user.role in (Role.STAFF, Role.HEAD) and user.division_id is not None:
        # A co-handling division (会办) reads the case too; it stays out of that division's queues.
        readable = readable | exists().where(
            case_co_divisions.c.case_id == Case.id, case_co_divisions.c.division_id == user.division_id
        )
    stmt = select(Case).where(readable, Case.id == case_id).options(selectinload(Case.reply))
    if for_update:
        stmt = stmt.with_for_update(of=Case)
    case = db.session.scalar(stmt)
    if case is None:
        raise CaseError("没有找到这件来信", status=404)
    return case


def locked_case(case_id: int) -> Case | None:
    """The case, its row locked until the commit (a citizen's action on the case they looked up)."""
    return db.session.scalar(select(Case).where(Case.id == case_id).with_for_update(of=Case))


def case_by_number(number: str) -> Case | None:
    """The case with this number, for the citizen's look-up (which checks the query code)."""
    return db.session.scalar(select(Case).where(Case.number == number.strip().upper()))


def case_by_intake_key(key: str) -> Case | None:
    """The case a submission already made, if any."""
    return db.session.scalar(select(Case).where(Case.intake_key == key))


def co_handled_cases(user: User) -> Select:
    """Open cases the user's division co-handles (会办) for another lead division, the most urgent first."""
    if user.division_id is None:
        return select(Case).where(false())
    return (
        select(Case)
        .join(case_co_divisions, case_co_divisions.c.case_id == Case.id)
        .where(case_co_divisions.c.division_id == user.division_id, Case.state.in_(OPEN_STATES))
        .order_by(Case.due_date, Case.received_at)
    )


def division_queue(user: User, view: str = "open") -> Select:
    """The division's cases to work on, the most urgent first ("open", "review" or "all" with replied)."""
    states = list(OPEN_STATES) + ([CaseState.REPLIED] if view == "all" else [])
    if view == "review":
        states = [CaseState.IN_REVIEW]
    return visible_cases(user).where(Case.state.in_(states)).order_by(Case.due_date, Case.received_at)


def joint_review_queue(user: User) -> Select:
    """The cases legal counsel was asked to read, the most urgent first."""
    return visible_cases(user).order_by(Case.due_date)


def triage_queue() -> Select:
    """New and handed-back cases waiting for the integrated office, oldest first."""
    return (
        select(Case)
        .where(Case.state == CaseState.RECEIVED)
        .options(selectinload(Case.suggested_division))
        .order_by(Case.received_at)
    )


def handed_back_ids(case_ids: list[int]) -> set[int]:
    """Which of these cases a division has handed back to the office at some point."""
    if not case_ids:
        return set()
    stmt = select(CaseEvent.case_id).where(CaseEvent.case_id.in_(case_ids), CaseEvent.action == "handed_back")
    return set(db.session.scalars(stmt.distinct()))


def history(case: Case, *, public_only: bool = False) -> list[CaseEvent]:
    """The case's events, oldest first."""
    stmt = select(CaseEvent).where(CaseEvent.case_id == case.id).options(selectinload(CaseEvent.actor))
    if public_only:
        stmt = stmt.where(CaseEvent.public.is_(True))
    return list(db.session.scalars(stmt.order_by(CaseEvent.at, CaseEvent.id)))


@dataclass(frozen=True)
class SearchCriteria:
    """Filters of the office's case search; every field is optional."""

    number: str | None = None
    text: str | None = None
    state: str | None = None
    kind: str | None = None
    channel: str | None = None
    division_id: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    due: str | None = None  # "overdue" or "due_soon"
    delivery: str | None = None  # a reply sent back on a channel "failed" or was "undeliverable"


def search_cases(
    user: User, criteria: SearchCriteria, *, today: date, soon: date, now: datetime | None = None
) -> Select:
    """The user's cases matching the criteria, newest first."""
    stmt = visible_cases(user)
    if criteria.number:
        stmt = stmt.where(Case.number.contains(criteria.number.strip().upper(), autoescape=True))
    if criteria.text:
        words = criteria.text.split()
        for word in words[:5]:
            stmt = stmt.where(
                or_(
                    Case.subject.contains(word, autoescape=True),
                    Case.content.contains(word, autoescape=True),
                )
            )
    if criteria.state:
        stmt = stmt.where(Case.state == criteria.state)
    if criteria.kind:
        stmt = stmt.where(Case.kind == criteria.kind)
    if criteria.channel:
        stmt = stmt.where(Case.channel == criteria.channel)
    if criteria.division_id:
        stmt = stmt.where(Case.division_id == criteria.division_id)
    if criteria.received_from:
        stmt = stmt.where(Case.received_at >= _local_midnight(criteria.received_from))
    if criteria.received_to:
        stmt = stmt.where(Case.received_at < _local_midnight(criteria.received_to + timedelta(days=1)))
    window = DueWindow(today=today, soon=soon, now=now)
    if criteria.due == "overdue":
        stmt = stmt.where(Case.state.in_(OPEN_STATES), window.overdue())
    elif criteria.due == "due_soon":
        stmt = stmt.where(Case.state.in_(OPEN_STATES), window.due_soon())
    if criteria.delivery:
        stmt = stmt.where(exists().where(Delivery.case_id == Case.id, Delivery.state == criteria.delivery))
    return stmt.order_by(Case.received_at.desc(), Case.id.desc())


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=bureau_tz())


def division_choices(exclude: int | None = None) -> list[tuple[int, str]]:
    """Active divisions (id, name) in their display order, for a select field."""
    divisions = db.session.scalars(
        select(Division).where(Division.active.is_(True)).order_by(Division.sort_order, Division.id)
    )
    return [(d.id, d.name) for d in divisions if d.id != exclude]


def all_divisions() -> list[Division]:
    """Every division in display order (filters of searches and reports)."""
    return list(db.session.scalars(select(Division).order_by(Division.sort_order, Division.id)))


def division_by_id(division_id: int | None) -> Division | None:
    """A division by id (None when there is none)."""
    return db.session.get(Division, division_id) if division_id else None


def case_deliveries(case: Case) -> list[Delivery]:
    """The replies sent back on the case's channel, oldest first."""
    return list(db.session.scalars(select(Delivery).where(Delivery.case_id == case.id).order_by(Delivery.id)))


def case_ratings(case: Case) -> list[Rating]:
    """The citizen's ratings of the case's replies, oldest first."""
    return list(db.session.scalars(select(Rating).where(Rating.case_id == case.id).order_by(Rating.rated_at)))


def failed_delivery_count() -> int:
    """Replies whose last try failed, for the office's triage page."""
    return db.session.scalar(
        select(func.count()).select_from(Delivery).where(Delivery.state == DeliveryState.FAILED)
    )


def provisional_open_count() -> int:
    """Open cases whose deadline rests on a year with no published calendar."""
    return db.session.scalar(
        select(func.count())
        .select_from(Case)
        .where(Case.state.in_(OPEN_STATES), Case.due_provisional.is_(True))
    )


def cases_by_ids(ids: list[int]) -> dict[int, Case]:
    """Cases by id (for pages listing other records of cases the reader already may see)."""
    if not ids:
        return {}
    return {c.id: c for c in db.session.scalars(select(Case).where(Case.id.in_(ids)))}


def kind_ledger(kind: str, *, now: datetime, grade: str | None = None, status: str | None = None) -> Select:
    """The office's ledger of one of its own kinds (舆情), newest first, with each case's milestones.

    `status`: "open" (being handled), "late" (open with a milestone passed unmet), "done"
    (replied or closed).
    """
    stmt = select(Case).where(Case.kind == kind).options(selectinload(Case.milestones))
    if grade:
        stmt = stmt.where(Case.grade == grade)
    if status == "open":
        stmt = stmt.where(Case.state.in_(OPEN_STATES))
    elif status == "done":
        stmt = stmt.where(Case.state.in_((CaseState.REPLIED, CaseState.CLOSED)))
    elif status == "late":
        stmt = stmt.where(
            Case.state.in_(OPEN_STATES),
            exists().where(
                CaseMilestone.case_id == Case.id, CaseMilestone.met_at.is_(None), CaseMilestone.due_at < now
            ),
        )
    return stmt.order_by(Case.received_at.desc(), Case.id.desc())


def proposal_ledger(kinds: list[str], *, kind: str | None = None, status: str | None = None) -> Select:
    """The office's ledger of deputies' suggestions and members' proposals, the earliest due first."""
    stmt = (
        select(Case).where(Case.kind.in_([kind] if kind else kinds)).options(selectinload(Case.co_divisions))
    )
    if status == "open":
        stmt = stmt.where(Case.state.in_(OPEN_STATES))
    elif status == "done":
        stmt = stmt.where(Case.state.in_((CaseState.REPLIED, CaseState.CLOSED)))
    return stmt.order_by(Case.due_date, Case.id)


def answered_cases_of(kinds: list[str]) -> list[Case]:
    """Replied or closed cases of these kinds, newest reply first (the public page keeps the published)."""
    stmt = (
        select(Case)
        .where(Case.kind.in_(kinds), Case.state.in_((CaseState.REPLIED, CaseState.CLOSED)))
        .options(selectinload(Case.reply))
        .order_by(Case.replied_at.desc(), Case.id.desc())
    )
    return list(db.session.scalars(stmt))


def group_for(user: User, group_id: int, *, for_update: bool = False) -> CaseGroup:
    """The group if the user may read it (404 otherwise, whether or not it exists)."""
    from desk.cases.groups import may_read

    stmt = select(CaseGroup).where(CaseGroup.id == group_id)
    if for_update:
        stmt = stmt.with_for_update(of=CaseGroup)
    group = db.session.scalar(stmt)
    if group is None or not may_read(user, group):
        raise CaseError("没有找到这组集中反映", status=404)
    return group


def groups_for(user: User) -> list[CaseGroup]:
    """The groups the user may read (as ``desk.cases.groups.may_read``, in the query), newest first."""
    if user.role in (Role.OFFICE, Role.COUNSEL):
        readable = true()
    elif user.role in (Role.STAFF, Role.HEAD) and user.division_id is not None:
        readable = or_(
            CaseGroup.division_id == user.division_id,
            exists().where(Case.group_id == CaseGroup.id, Case.division_id == user.division_id),
        )
    else:
        readable = false()
    stmt = select(CaseGroup).where(readable).order_by(CaseGroup.created_at.desc(), CaseGroup.id.desc())
    return list(db.session.scalars(stmt.limit(200)))


def open_groups() -> list[CaseGroup]:
    """Groups not yet answered, for the office to link a further case into."""
    stmt = select(CaseGroup).where(CaseGroup.answered_at.is_(None)).order_by(CaseGroup.created_at.desc())
    return list(db.session.scalars(stmt.limit(100)))


def open_letters_by_id(ids: list[int]) -> list[Case]:
    """Open cases with these ids (the office's choice of group members)."""
    if not ids:
        return []
    return list(db.session.scalars(select(Case).where(Case.id.in_(ids), Case.state.in_(OPEN_STATES))))
