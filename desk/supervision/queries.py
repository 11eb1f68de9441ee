"""Reading supervision records and extension requests, scoped like cases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Select, false, select, true

from desk.cases.errors import CaseError
from desk.extensions import db
from desk.models import ExtensionRequest, ExtensionState, Role, Supervision, SupervisionState, User


def supervision_scope(user: User) -> ColumnElement[bool]:
    """The SQL condition for the supervision notices a user may read."""
    if user.role == Role.OFFICE:
        return true()
    if user.role in (Role.STAFF, Role.HEAD) and user.division_id is not None:
        return Supervision.division_id == user.division_id
    return false()


def supervision_for(user: User, supervision_id: int, *, for_update: bool = False) -> Supervision:
    """The notice if the user may read it; otherwise it is not there (404)."""
    stmt = select(Supervision).where(supervision_scope(user), Supervision.id == supervision_id)
    if for_update:
        stmt = stmt.with_for_update(of=Supervision)
    supervision = db.session.scalar(stmt)
    if supervision is None:
        raise CaseError("没有找到这份督办单", status=404)
    return supervision


def supervision_ledger(
    user: User,
    *,
    state: str | None = None,
    reason: str | None = None,
    division_id: int | None = None,
    late_on: date | None = None,
) -> Select:
    """The notices a user may read, filtered; open ones first, oldest first."""
    stmt = select(Supervision).where(supervision_scope(user))
    if state == "active":
        stmt = stmt.where(Supervision.state != SupervisionState.CLOSED)
    elif state:
        stmt = stmt.where(Supervision.state == state)
    if reason:
        stmt = stmt.where(Supervision.reason == reason)
    if division_id:
        stmt = stmt.where(Supervision.division_id == division_id)
    if late_on is not None:
        stmt = stmt.where(Supervision.state == SupervisionState.OPEN, Supervision.answer_due < late_on)
    return stmt.order_by(
        (Supervision.state == SupervisionState.CLOSED), Supervision.opened_at, Supervision.id
    )


def case_supervisions(case_id: int) -> list[Supervision]:
    """A case's supervision notices (the case page checks who reads the case)."""
    return list(db.session.scalars(select(Supervision).where(Supervision.case_id == case_id)))


def pending_extensions() -> Select:
    """Extension requests waiting for the office, oldest first."""
    return (
        select(ExtensionRequest)
        .where(ExtensionRequest.state == ExtensionState.PENDING)
        .order_by(ExtensionRequest.requested_at)
    )


def extension_for_update(request_id: int) -> ExtensionRequest:
    """An extension request for the office to decide (404 when there is none)."""
    request = db.session.scalar(
        select(ExtensionRequest).where(ExtensionRequest.id == request_id).with_for_update()
    )
    if request is None:
        raise CaseError("没有找到这份延期申请", status=404)
    return request
