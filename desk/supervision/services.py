"""Supervision notices, extensions, ratings and reopening. Services flush, never commit."""

from __future__ import annotations

from sqlalchemy import select

from desk.cases.deadlines import load_calendar, set_deadline
from desk.cases.events import record_event
from desk.cases.services import CaseError, require_office, required_text
from desk.extensions import db
from desk.models import (
    OPEN_STATES,
    Case,
    CaseState,
    ExtensionRequest,
    ExtensionState,
    Rating,
    RatingLevel,
    ReplyStatus,
    Role,
    Supervision,
    SupervisionReason,
    SupervisionState,
    User,
)
from desk.supervision.bulk import open_supervisions
from desk.supervision.notices import division_heads, notify, office_users
from desk.supervision.sweep import SUPERVISION_ANSWER_WORKDAYS
from desk.timeutil import local_date, today, utcnow

MAX_EXTENSION_WORKDAYS = 30


# --- supervision notices --------------------------------------------------------------------


def answer_supervision(actor: User, supervision: Supervision, answer: str) -> None:
    """The division head answers a supervision notice (反馈)."""
    if actor.role != Role.HEAD or actor.division_id != supervision.division_id:
        raise CaseError("仅承办处室负责人可反馈督办单")
    if supervision.state == SupervisionState.CLOSED:
        raise CaseError("督办单已销号")
    answer = required_text(answer, "请填写反馈意见")
    supervision.answer = answer
    supervision.answered_at = utcnow()
    supervision.answered_by_id = actor.id
    supervision.state = SupervisionState.ANSWERED
    db.session.flush()
    case = supervision.case
    record_event(case, "supervision_answered", actor, from_state=case.state, note=answer)
    notify(
        office_users(),
        "supervision_answered",
        f"{case.number} 督办单已反馈：{answer[:60]}",
        dedup_key=f"supervision_answered:{supervision.id}:{supervision.answered_at:%Y%m%d%H%M%S%f}",
        case=case,
        supervision_id=supervision.id,
    )


def close_supervision(actor: User, supervision: Supervision, comment: str) -> None:
    """The office closes a supervision notice (销号) with its comment."""
    require_office(actor)
    if supervision.state == SupervisionState.CLOSED:
        raise CaseError("督办单已销号")
    comment = required_text(comment, "请填写销号意见")
    supervision.closing_comment = comment
    supervision.closed_at = utcnow()
    supervision.closed_by_id = actor.id
    supervision.state = SupervisionState.CLOSED
    db.session.flush()
    case = supervision.case
    record_event(case, "supervision_closed", actor, from_state=case.state, note=comment)


def supervise_case(case: Case, reason: SupervisionReason, actor: User | None = None) -> Supervision | None:
    """Open (or reopen) the case's supervision for `reason` now and tell the division head."""
    now = utcnow()
    answer_due = load_calendar().add_workdays(local_date(now), SUPERVISION_ANSWER_WORKDAYS).due_date
    existing = db.session.scalar(
        select(Supervision).where(Supervision.case_id == case.id, Supervision.reason == reason)
    )
    if existing is not None:
        if existing.state != SupervisionState.CLOSED:
            return None
        existing.state = SupervisionState.OPEN  # raised again after it was closed
        existing.division_id, existing.opened_at, existing.answer_due = case.division_id, now, answer_due
        existing.answer = existing.answered_at = existing.answered_by_id = None
        existing.closing_comment = existing.closed_at = existing.closed_by_id = None
        supervision = existing
    else:
        opened = open_supervisions(
            reason,
            select(Case.id).where(Case.id == case.id),
            now=now,
            answer_due=answer_due,
            opened_by_id=actor.id if actor else None,
        )
        if not opened:
            return None  # a sweep opened it a moment ago
        supervision = db.session.get(Supervision, opened[0][0])
    db.session.flush()
    record_event(
        case,
        "supervised",
        actor,
        from_state=case.state,
        note=f"{reason.label}，挂牌督办，请于 {answer_due:%Y-%m-%d} 前反馈",
    )
    notify(
        division_heads(case.division_id),
        "supervision",
        f"{case.number} {reason.label}，已挂牌督办，请于 {answer_due:%Y-%m-%d} 前反馈",
        dedup_key=f"supervision:{supervision.id}:{now:%Y%m%d%H%M%S%f}",
        case=case,
        supervision_id=supervision.id,
    )
    return supervision


# --- extensions -----------------------------------------------------------------------------


def request_extension(actor: User, case: Case, days: int, reason: str) -> ExtensionRequest:
    """A division asks the office for more working days (延期)."""
    if actor.role not in (Role.STAFF, Role.HEAD) or actor.division_id != case.division_id:
        raise CaseError("仅承办处室人员可申请延期")
    if case.state not in (CaseState.ASSIGNED, CaseState.IN_REVIEW):
        raise CaseError("只有办理中的来信可以申请延期")
    if not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise CaseError(f"延期天数应为 1 至 {MAX_EXTENSION_WORKDAYS} 个工作日")
    reason = required_text(reason, "请填写延期理由")
    if pending_extension(case) is not None:
        raise CaseError("该件已有待审批的延期申请")
    request = ExtensionRequest(
        case_id=case.id,
        days=days,
        reason=reason,
        state=ExtensionState.PENDING,
        requested_by_id=actor.id,
        requested_at=utcnow(),
        old_due_date=case.due_date,
    )
    db.session.add(request)
    db.session.flush()
    record_event(
        case, "extension_requested", actor, from_state=case.state, note=f"申请延期 {days} 个工作日：{reason}"
    )
    notify(
        office_users(),
        "extension_requested",
        f"{case.number} 申请延期 {days} 个工作日：{reason[:60]}",
        dedup_key=f"extension_requested:{request.id}",
        case=case,
    )
    return request


def decide_extension(actor: User, request: ExtensionRequest, approve: bool, note: str | None) -> None:
    """The office approves (the due date moves, the citizen sees why) or refuses an extension."""
    require_office(actor)
    if request.state != ExtensionState.PENDING:
        raise CaseError("该延期申请已审批")
    case = db.session.get(Case, request.case_id)
    note = (note or "").strip() or None
    request.decided_by_id, request.decided_at, request.decision_note = actor.id, utcnow(), note
    if approve:
        if case.state not in OPEN_STATES:
            raise CaseError("该件已答复或办结，无需延期")
        request.state = ExtensionState.APPROVED
        case.extension_days += request.days
        set_deadline(case)
        request.new_due_date = case.due_date
        db.session.flush()
        public = (
            f"经批准延期 {request.days} 个工作日，截止日期由 {request.old_due_date:%Y-%m-%d} "
            f"调整为 {case.due_date:%Y-%m-%d}。延期理由：{request.reason}"
        )
        record_event(case, "extended", actor, from_state=case.state, note=note, public_note=public)
        text = f"{case.number} 延期申请已批准，新的截止日期 {case.due_date:%Y-%m-%d}"
    else:
        request.state = ExtensionState.REFUSED
        db.session.flush()
        record_event(case, "extension_refused", actor, from_state=case.state, note=note)
        text = f"{case.number} 延期申请未获批准" + (f"：{note}" if note else "")
    notify(
        [db.session.get(User, request.requested_by_id)],
        "extension_decided",
        text,
        dedup_key=f"extension_decided:{request.id}",
        case=case,
    )


def pending_extension(case: Case) -> ExtensionRequest | None:
    """The case's extension request waiting for the office, if any."""
    return db.session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.case_id == case.id, ExtensionRequest.state == ExtensionState.PENDING
        )
    )


# --- ratings and reopening ------------------------------------------------------------------


def can_rate(case: Case) -> bool:
    """Whether the citizen may rate the case's current reply now."""
    if case.state not in (CaseState.REPLIED, CaseState.CLOSED) or case.reply is None:
        return False
    if case.reply.status != ReplyStatus.APPROVED or case.reply.signed_at is None:
        return False
    return current_rating(case) is None


def current_rating(case: Case) -> Rating | None:
    """The rating of the case's current reply, if the citizen gave one."""
    if case.reply is None or case.reply.signed_at is None:
        return None
    return db.session.scalar(
        select(Rating).where(Rating.case_id == case.id, Rating.reply_signed_at == case.reply.signed_at)
    )


def rate_case(case: Case, level: RatingLevel | str, comment: str | None) -> Rating:
    """The citizen rates the reply; 满意/基本满意 closes a replied case, 不满意 goes to supervision."""
    level = RatingLevel(level)
    if not can_rate(case):
        raise CaseError("该件暂不能评价，或已评价")
    comment = (comment or "").strip() or None
    rating = Rating(
        case_id=case.id, level=level, comment=comment, rated_at=utcnow(), reply_signed_at=case.reply.signed_at
    )
    db.session.add(rating)
    db.session.flush()
    record_event(
        case,
        "rated",
        None,
        from_state=case.state,
        note=f"群众评价：{level.label}" + (f"。{comment}" if comment else ""),
        public_note=f"您的评价：{level.label}",
    )
    if level.counts_as_satisfied:
        if case.state == CaseState.REPLIED:
            case.state, case.closed_at = CaseState.CLOSED, utcnow()
            db.session.flush()
            record_event(case, "closed", None, from_state=CaseState.REPLIED, note="群众评价后办结")
    else:
        supervise_case(case, SupervisionReason.DISSATISFIED)
    return rating


def reopen_case(actor: User, case: Case, note: str) -> None:
    """The office reopens a replied case the citizen was not satisfied with; the clock restarts."""
    require_office(actor)
    if case.state not in (CaseState.REPLIED, CaseState.CLOSED):
        raise CaseError("只有已答复或已办结的来信可以重新办理")
    if case.division_id is None:
        raise CaseError("该件没有承办处室，请先交办")
    note = required_text(note, "请填写重新办理的理由")
    previous = case.state
    case.state = CaseState.ASSIGNED
    case.closed_at = None
    case.reopened_on = today()
    case.extension_days = 0
    set_deadline(case)
    if case.reply is not None:
        case.reply.status = ReplyStatus.DRAFT
        case.reply.review_comment = f"重新办理：{note}"
    db.session.flush()
    record_event(
        case,
        "reopened",
        actor,
        from_state=previous,
        note=note,
        public_note=f"已重新办理，新的截止日期 {case.due_date:%Y-%m-%d}",
    )
