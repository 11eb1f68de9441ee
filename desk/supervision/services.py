"""Supervision notices (挂牌督办) on the case lifecycle, and the notices that follow a case's changes.

Opening, answering and closing a notice are lifecycle actions whose steps live here; what the case
core announces (a 不满意 rating, a transfer, an extension asked or decided) is handled by the
subscribers at the end, inside the same unit of work. Services flush, never commit.
"""

from __future__ import annotations

from sqlalchemy import select, update

from desk.cases.deadlines import load_calendar
from desk.cases.errors import CaseError
from desk.cases.lifecycle import apply, register_step
from desk.cases.signals import case_changed
from desk.cases.steps import Outcome, required_text
from desk.extensions import db
from desk.models import (
    Case,
    ExtensionRequest,
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
from desk.timeutil import local_date, to_local, utcnow

# --- the lifecycle's supervision actions -----------------------------------------------------


def supervise_case(case: Case, reason: SupervisionReason, actor: User | None = None) -> Supervision | None:
    """Open (or reopen) the case's supervision for `reason` now and tell the division head."""
    return apply(case, "supervise", actor, reason=reason)


def answer_supervision(actor: User, supervision: Supervision, answer: str) -> None:
    """The division head answers a supervision notice (反馈)."""
    apply(supervision.case, "answer_supervision", actor, supervision=supervision, answer=answer)


def close_supervision(actor: User, supervision: Supervision, comment: str) -> None:
    """The office closes a supervision notice (销号) with its comment."""
    apply(supervision.case, "close_supervision", actor, supervision=supervision, comment=comment)


@register_step("supervise")
def _open(case: Case, actor: User | None, *, reason: SupervisionReason) -> Outcome:
    now = utcnow()
    answer_due = load_calendar().add_workdays(local_date(now), SUPERVISION_ANSWER_WORKDAYS).due_date
    existing = db.session.scalar(
        select(Supervision).where(Supervision.case_id == case.id, Supervision.reason == reason)
    )
    if existing is not None:
        if existing.state != SupervisionState.CLOSED:
            return Outcome(silent=True)  # already under supervision for this reason
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
            return Outcome(silent=True)  # a sweep opened it a moment ago
        supervision = db.session.get(Supervision, opened[0][0])
    db.session.flush()
    notify(
        division_heads(case.division_id),
        "supervision",
        f"{case.number} {reason.label}，已挂牌督办，请于 {answer_due:%Y-%m-%d} 前反馈",
        dedup_key=f"supervision:{supervision.id}:{now:%Y%m%d%H%M%S%f}",
        case=case,
        supervision_id=supervision.id,
    )
    return Outcome(note=f"{reason.label}，挂牌督办，请于 {answer_due:%Y-%m-%d} 前反馈", result=supervision)


@register_step("answer_supervision")
def _answer(case: Case, actor: User, *, supervision: Supervision, answer: str) -> Outcome:
    _require_open(supervision, case)
    if actor.division_id != supervision.division_id:
        raise CaseError("仅承办处室负责人可反馈督办单", status=403)
    answer = required_text(answer, "请填写反馈意见")
    supervision.answer, supervision.answered_at, supervision.answered_by_id = answer, utcnow(), actor.id
    supervision.state = SupervisionState.ANSWERED
    db.session.flush()
    notify(
        office_users(),
        "supervision_answered",
        f"{case.number} 督办单已反馈：{answer[:60]}",
        dedup_key=f"supervision_answered:{supervision.id}:{supervision.answered_at:%Y%m%d%H%M%S%f}",
        case=case,
        supervision_id=supervision.id,
    )
    return Outcome(note=answer)


@register_step("close_supervision")
def _close(case: Case, actor: User, *, supervision: Supervision, comment: str) -> Outcome:
    _require_open(supervision, case)
    comment = required_text(comment, "请填写销号意见")
    supervision.closing_comment, supervision.closed_at, supervision.closed_by_id = comment, utcnow(), actor.id
    supervision.state = SupervisionState.CLOSED
    return Outcome(note=comment)


def _require_open(supervision: Supervision, case: Case) -> None:
    if supervision.case_id != case.id:
        raise CaseError("督办单与来信不符", status=404)
    if supervision.state == SupervisionState.CLOSED:
        raise CaseError("督办单已销号")


# --- following the case's life ---------------------------------------------------------------


@case_changed.connect_via("rate")
def _supervise_dissatisfied(sender, *, case: Case, actor, change) -> None:
    """A 差评 (不满意/非常不满意) opens its follow-up at once (the sweep catches up if this failed).

    The follow-up is the case's supervision record for the reason "dissatisfied": the division
    answers with its rectification, the office closes it (销号) with what was done.
    """
    level = change.data.get("level")
    if level and RatingLevel(level).is_bad:
        supervise_case(case, SupervisionReason.DISSATISFIED)


@case_changed.connect_via("transfer")
@case_changed.connect_via("hand_back")
def _follow_the_case(sender, *, case: Case, actor, change) -> None:
    """Open notices go with the case to the division that now answers it (the office's after a hand-back)."""
    if not change.moved_division:
        return
    db.session.execute(
        update(Supervision)
        .where(Supervision.case_id == case.id, Supervision.state != SupervisionState.CLOSED)
        .values(division_id=case.division_id)
        .execution_options(synchronize_session="fetch")
    )


@case_changed.connect_via("assign")
@case_changed.connect_via("transfer")
def _tell_division_of_timed_case(sender, *, case: Case, actor, change) -> None:
    """A case on an hour clock (舆情) is told at once to its division, with the first mark due."""
    pending = [m for m in case.milestones if m.met_at is None]
    if not pending or case.division_id is None:
        return
    first = pending[0]
    members = db.session.scalars(
        select(User).where(
            User.division_id == case.division_id,
            User.role.in_((Role.STAFF, Role.HEAD)),
            User.active.is_(True),
        )
    )
    notify(
        members,
        "dispatched",
        f"{case.number} 已分办本处室，请于 {to_local(first.due_at):%m-%d %H:%M} 前{first.label}",
        dedup_key=f"dispatched:{case.id}:{case.division_id}",
        case=case,
    )


@case_changed.connect_via("join_message")
def _tell_of_added_message(sender, *, case: Case, actor, change) -> None:
    """The writer added to a letter a division already has: whoever drafts its reply is told, and,
    with a draft waiting for sign-off, the heads who would sign it (still in triage: the office reads
    the whole letter when it routes it)."""
    if case.division_id is None:
        return
    reply = case.reply
    if reply is not None and reply.author is not None:
        users = [reply.author]
        if reply.status == ReplyStatus.SUBMITTED:
            users += [u for u in division_heads(case.division_id) if u.id != reply.author.id]
    else:
        users = db.session.scalars(
            select(User).where(
                User.division_id == case.division_id,
                User.role.in_((Role.STAFF, Role.HEAD)),
                User.active.is_(True),
            )
        ).all()
    draft = "，答复稿请对照补充内容核改" if reply is not None and reply.status != ReplyStatus.APPROVED else ""
    notify(
        users,
        "message_joined",
        f"{case.number} 来信人又补充了内容（{change.data['heading']}）{draft}",
        dedup_key=f"message_joined:{case.id}:{change.data['heading']}",
        case=case,
    )


@case_changed.connect_via("request_extension")
def _tell_office_of_extension(sender, *, case: Case, actor, change) -> None:
    request = db.session.get(ExtensionRequest, change.data["request_id"])
    notify(
        office_users(),
        "extension_requested",
        f"{case.number} 申请延期 {request.days} 个工作日：{request.reason[:60]}",
        dedup_key=f"extension_requested:{request.id}",
        case=case,
    )


@case_changed.connect_via("decide_extension")
def _tell_division_of_decision(sender, *, case: Case, actor, change) -> None:
    request = db.session.get(ExtensionRequest, change.data["request_id"])
    if change.data["approved"]:
        text = f"{case.number} 延期申请已批准，新的截止日期 {case.due_date:%Y-%m-%d}"
    else:
        text = f"{case.number} 延期申请未获批准" + (
            f"：{request.decision_note}" if request.decision_note else ""
        )
    notify(
        [db.session.get(User, request.requested_by_id)],
        "extension_decided",
        text,
        dedup_key=f"extension_decided:{request.id}",
        case=case,
    )
