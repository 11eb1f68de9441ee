"""The steps of the lifecycle's actions: what each changes besides the state (see lifecycle.TABLE).

A step takes the case, the actor and the action's validated data, checks the data, changes the
case and its own records, flushes, and returns an Outcome (the note of the event, a target state
it chooses, further events). It never checks who may act or in which state: the table did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from desk.cases.deadlines import mark_replied, set_deadline, sync_milestones, working_days_for
from desk.cases.errors import CaseError
from desk.cases.events import record_event
from desk.cases.kinds import kind_spec
from desk.extensions import db
from desk.models import (
    BAD_RATINGS,
    Case,
    CaseGroup,
    CaseState,
    Division,
    ExtensionRequest,
    ExtensionState,
    PublishedReply,
    Rating,
    RatingLevel,
    Reply,
    ReplyStatus,
    User,
)
from desk.timeutil import today, utcnow


@dataclass(frozen=True)
class ExtraEvent:
    """A further event an action writes after its own."""

    event: str
    note: str | None = None
    from_state: str | None = None


@dataclass
class Outcome:
    """What a step tells the lifecycle."""

    note: str | None = None
    public_note: str | None = None
    target: str | None = None  # a state the step chooses (else the table's)
    event: str | None = None  # another event name than the table's
    silent: bool = False  # the step wrote its own event
    then: list[ExtraEvent] = field(default_factory=list)
    result: Any = None  # handed back to the caller of apply()
    signal_data: dict[str, Any] = field(default_factory=dict)  # for the signal handlers


def required_text(text: str | None, message: str) -> str:
    """The text stripped, or a refusal with `message` when it is empty."""
    text = (text or "").strip()
    if not text:
        raise CaseError(message)
    return text


def _active(division: Division | None) -> Division:
    if division is None:
        raise CaseError("请选择处室", status=400)
    if not division.active:
        raise CaseError("该处室已停用")
    return division


# --- triage ----------------------------------------------------------------------------------


def assign(case: Case, actor: User, *, division: Division, note: str | None = None) -> Outcome:
    """Accept the case and send it to the division that answers it."""
    _active(division)
    record_event(case, "accepted", actor, from_state=case.state)
    _lead_by(case, division)
    return Outcome(
        note=f"承办处室：{division.name}" + (f"；{note}" if note else ""),
        signal_data={"division_id": division.id},
    )


def auto_assign(case: Case, actor: None, *, division: Division, confidence: float) -> Outcome:
    """Assign a new case on a confident routing suggestion."""
    _active(division)
    case.division_id = division.id
    case.auto_assigned = True
    return Outcome(note=f"按分办建议自动交办：{division.name}（置信度 {confidence:.0%}）")


def take_call(case: Case, actor: User) -> Outcome:
    """The recorder's own division handles the call it took."""
    case.division_id = actor.division_id
    return Outcome(note="来电由本处室直接办理")


def refuse(case: Case, actor: User, *, reason: str) -> Outcome:
    """Not accept the case (不予受理), with a reason the citizen reads."""
    reason = required_text(reason, "请填写不予受理的理由")
    case.not_accepted_reason = reason
    return Outcome(note=reason, public_note=reason)


def reclassify(case: Case, actor: User, *, kind: str) -> Outcome:
    """Change the kind; the deadline is recomputed from the same receipt date."""
    spec = kind_spec(kind)
    if spec.code == case.kind:
        raise CaseError("类别未变化")
    if not (spec.reclassifiable and kind_spec(case.kind).reclassifiable):
        raise CaseError(
            f"该件不能调整为{spec.label}：政府信息公开申请和综合处登记的事项不与来信互相调整类别", status=400
        )
    old, old_due = kind_spec(case.kind), case.due_date
    case.kind = spec.code
    case.deadline_days = working_days_for(spec.code)
    set_deadline(case)
    note = (
        f"{old.label} → {spec.label}；办理期限 {spec.period(case.deadline_days)}，"
        f"截止日期 {old_due:%Y-%m-%d} → {case.due_date:%Y-%m-%d}"
    )
    return Outcome(note=note, public_note=note)


def transfer(case: Case, actor: User, *, division: Division, reason: str) -> Outcome:
    """Move the case to another division (转办)."""
    _active(division)
    if division.id == case.division_id:
        raise CaseError("已在该处室办理")
    reason = required_text(reason, "请填写转办理由")
    old = case.division.name if case.division else "—"
    _lead_by(case, division)
    _reset_draft(case)
    return Outcome(note=f"{old} → {division.name}：{reason}")


def joint_review(case: Case, actor: User, *, wanted: bool) -> Outcome:
    """Ask (or stop asking) legal counsel to comment on the draft."""
    if case.joint_review == wanted:
        raise CaseError("已提交法律顾问会商" if wanted else "该件未提交会商")
    case.joint_review = wanted
    return Outcome(event="joint_review_requested" if wanted else "joint_review_ended")


def counsel_comment(case: Case, actor: User, *, comment: str) -> Outcome:
    """Legal counsel's comment on a case marked for joint review."""
    return Outcome(note=required_text(comment, "请填写意见"))


# --- the division's work ---------------------------------------------------------------------


def hand_back(case: Case, actor: User, *, reason: str) -> Outcome:
    """Return a misrouted case to the integrated office."""
    reason = required_text(reason, "请填写退回理由")
    old = case.division.name if case.division else "—"
    case.division_id = None
    _reset_draft(case)
    return Outcome(note=f"{old}退回：{reason}")


def save_draft(case: Case, actor: User, *, body: str) -> Outcome:
    """Save the reply draft (答复拟稿)."""
    return Outcome(result=_write_draft(case, actor, body))


def submit(case: Case, actor: User, *, body: str) -> Outcome:
    """Send the draft to the head for sign-off (审签): the text is saved first."""
    _require_contact(case)
    reply = _write_draft(case, actor, body)
    record_event(case, "draft_saved", actor, from_state=case.state)
    if not reply.body:
        raise CaseError("答复内容不能为空")
    reply.status = ReplyStatus.SUBMITTED
    reply.submitted_at = utcnow()
    return Outcome(result=reply)


def send_back(case: Case, actor: User, *, comment: str) -> Outcome:
    """The head returns the draft with a comment."""
    comment = required_text(comment, "请填写退回修改意见")
    reply = _reply_of(case, actor)
    reply.status = ReplyStatus.RETURNED
    reply.reviewer_id = actor.id
    reply.review_comment = comment
    return Outcome(note=comment)


def sign_off(case: Case, actor: User, *, body: str | None = None) -> Outcome:
    """The head signs the reply off; it is published to the citizen."""
    spec = kind_spec(case.kind)
    if spec.outcomes and not case.detail("outcome"):
        raise CaseError("请先完成核实定性（" + "、".join(label for _, label, _ in spec.outcomes) + "）")
    _require_contact(case)
    reply = _reply_of(case, actor)
    if body is not None and body.strip():
        reply.body = body.strip()
    if not reply.body:
        raise CaseError("答复内容不能为空")
    _publish(case, reply, actor)
    return Outcome(note="审签通过，答复已发布", result=reply)


def reply_on_phone(case: Case, actor: User, *, answer: str) -> Outcome:
    """An answer given on the phone is the case's reply at once."""
    reply = _reply_of(case, actor)
    reply.body = required_text(answer, "请填写答复内容")
    _publish(case, reply, actor)
    return Outcome(note="电话中已当场答复（口头答复记录）", result=reply)


def close(case: Case, actor: User, *, note: str | None = None) -> Outcome:
    """The office files a replied case as finished (办结)."""
    return Outcome(note=note or "办结归档")


def join_message(case: Case, actor: None, *, text: str, heading: str) -> Outcome:
    """A later message of the same sender joins the open case."""
    case.content = f"{case.content}\n\n【{heading} 补充】{text}"
    return Outcome(note=text[:200], signal_data={"heading": heading})


# --- classifications, milestones and findings (舆情) ------------------------------------------


def grade(case: Case, actor: User, *, grade: str) -> Outcome:
    """The office changes the case's classification; its milestones follow from the receipt."""
    spec = kind_spec(case.kind)
    code = spec.grade_code(grade or "")
    if code is None:
        raise CaseError("请选择级别", status=400)
    if code == case.grade:
        raise CaseError("级别未变化")
    old = spec.grade_label(case.grade)
    case.grade = code
    sync_milestones(case)
    return Outcome(note=f"{old or '—'} → {spec.grade_label(code)}", signal_data={"grade": code})


def meet_milestone(case: Case, actor: User, *, code: str, note: str) -> Outcome:
    """Record that a milestone was met (the check reported, the statement published …), with what was done."""
    row = next((m for m in case.milestones if m.code == code), None)
    if row is None:
        raise CaseError("没有这一办理节点", status=404)
    if row.met_at is not None:
        raise CaseError("该节点已报告完成")
    row.note = required_text(note, "请填写报告内容")
    row.met_at, row.met_by_id = utcnow(), actor.id
    late = "（已超时）" if row.late(row.met_at) else ""
    return Outcome(note=f"{row.label}{late}：{row.note}", signal_data={"milestone": code})


def classify_response(case: Case, actor: User, *, outcome: str, note: str) -> Outcome:
    """The division's finding (属实 → 处置, 夸大 → 澄清, 恶意虚假 → 移交), before the reply is signed off."""
    spec = kind_spec(case.kind)
    if outcome not in {code for code, _, _ in spec.outcomes}:
        raise CaseError("请选择核实结论", status=400)
    note = required_text(note, "请填写核实情况")
    case.set_detail("outcome", outcome)
    return Outcome(note=f"{spec.outcome_label(outcome)}：{note}", signal_data={"outcome": outcome})


# --- 人大代表建议 / 政协委员提案 ----------------------------------------------------------------


def co_opinion(case: Case, actor: User, *, comment: str) -> Outcome:
    """A co-handling division's opinion (会办意见) for the lead division's reply."""
    return Outcome(
        note=f"{actor.division.name if actor.division else ''}会办意见："
        + required_text(comment, "请填写会办意见")
    )


def contact_proposer(case: Case, actor: User, *, note: str) -> Outcome:
    """The division records its contact with the deputy (or member) before the reply (答复前沟通)."""
    note = required_text(note, "请填写沟通联系的方式和情况")
    case.set_detail("contacted_at", utcnow().isoformat())
    case.set_detail("contact_note", note)
    return Outcome(note=note)


def publish_reply(case: Case, actor: User, *, mode: str, summary: str | None = None) -> Outcome:
    """The office publishes the reply in full or as a summary; the public page de-identifies it."""
    if mode not in ("full", "summary"):
        raise CaseError("请选择公开全文或摘要", status=400)
    summary = (summary or "").strip()
    if mode == "summary" and not summary:
        raise CaseError("摘要公开须填写摘要", status=400)
    case.set_detail("published_mode", mode)
    case.set_detail("published_summary", summary if mode == "summary" else None)
    case.set_detail("published_at", utcnow().isoformat())
    return Outcome(note="公开答复全文" if mode == "full" else "公开答复摘要", signal_data={"mode": mode})


def _require_contact(case: Case) -> None:
    spec = kind_spec(case.kind)
    if spec.contact_before_reply and not case.detail("contacted_at"):
        raise CaseError(f"答复前须先与{spec.detail_label('proposer')}沟通联系并记录")


# --- 集中反映 -------------------------------------------------------------------------------


def join_group(case: Case, actor: User, *, group: CaseGroup) -> Outcome:
    """Link the case into a group on the same matter; it keeps its own number, clock and record."""
    if case.group_id == group.id:
        raise CaseError("该件已在此集中反映中")
    if case.group_id is not None:
        raise CaseError("该件已并入另一集中反映，请先移出")
    if group.answered_at is not None:
        raise CaseError("该集中反映已统一答复，不能再并入")
    case.group_id = group.id
    case.group = group
    return Outcome(
        note=f"并入集中反映“{group.title}”（第 {group.id} 组）", signal_data={"group_id": group.id}
    )


def leave_group(case: Case, actor: User, *, note: str | None = None) -> Outcome:
    """Take the case out of its group (it is answered on its own again)."""
    title = case.group.title if case.group else ""
    group_id, case.group_id, case.group = case.group_id, None, None
    return Outcome(
        note=f"移出集中反映“{title}”" + (f"：{note}" if note else ""), signal_data={"group_id": group_id}
    )


def group_answer(case: Case, actor: User, *, group: CaseGroup) -> Outcome:
    """The group's signed joint answer becomes this member's reply, published on its own page and channel."""
    if case.group_id != group.id:
        raise CaseError("该件不在此集中反映中", status=404)
    body = (group.answer or "").strip()
    if not body:
        raise CaseError("统一答复内容不能为空")
    reply = _reply_of(case, actor)
    reply.body = body
    _publish(case, reply, actor)
    return Outcome(note=f"集中反映“{group.title}”统一答复，审签通过并发布", result=reply)


# --- the clock: extensions -------------------------------------------------------------------


def pending_extension(case: Case) -> ExtensionRequest | None:
    """The case's extension request waiting for the office, if any."""
    return db.session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.case_id == case.id, ExtensionRequest.state == ExtensionState.PENDING
        )
    )


def approved_extensions(case: Case) -> int:
    """How many extensions of the case the office approved."""
    return len(
        db.session.scalars(
            select(ExtensionRequest.id).where(
                ExtensionRequest.case_id == case.id, ExtensionRequest.state == ExtensionState.APPROVED
            )
        ).all()
    )


def request_extension(case: Case, actor: User, *, days: int, reason: str) -> Outcome:
    """A division asks the office for more days (延期)."""
    spec = kind_spec(case.kind)
    limit = spec.max_extension_days
    if days is None or not 1 <= days <= limit:
        raise CaseError(f"延期天数应为 1 至 {limit} 个工作日", status=400)
    if spec.max_extensions is not None and approved_extensions(case) >= spec.max_extensions:
        raise CaseError(f"{spec.label}只能延期{spec.max_extensions}次，已经延期")
    reason = required_text(reason, "请填写延期理由")
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
    return Outcome(
        note=f"申请延期 {days} 个工作日：{reason}", result=request, signal_data={"request_id": request.id}
    )


def decide_extension(
    case: Case, actor: User, *, request: ExtensionRequest, approve: bool, note: str | None = None
) -> Outcome:
    """The office approves (the due date moves, the citizen sees why) or refuses an extension."""
    if request.case_id != case.id or request.state != ExtensionState.PENDING:
        raise CaseError("该延期申请已审批")
    note = (note or "").strip() or None
    request.decided_by_id, request.decided_at, request.decision_note = actor.id, utcnow(), note
    data = {"request_id": request.id, "approved": approve}
    if not approve:
        request.state = ExtensionState.REFUSED
        return Outcome(note=note, event="extension_refused", signal_data=data)
    request.state = ExtensionState.APPROVED
    request.old_due_date = case.due_date  # the deadline in force now (a reclassification may have moved it)
    case.extension_days += request.days
    set_deadline(case)
    request.new_due_date = case.due_date
    public = (
        f"经批准延期 {request.days} 个工作日，截止日期由 {request.old_due_date:%Y-%m-%d} "
        f"调整为 {case.due_date:%Y-%m-%d}。延期理由：{request.reason}"
    )
    return Outcome(note=note, public_note=public, signal_data=data)


# --- ratings and reopening -------------------------------------------------------------------


def current_rating(case: Case) -> Rating | None:
    """The rating of the case's current reply, if the citizen gave one."""
    if case.reply is None or case.reply.signed_at is None:
        return None
    return db.session.scalar(
        select(Rating).where(Rating.case_id == case.id, Rating.reply_signed_at == case.reply.signed_at)
    )


def can_rate(case: Case) -> bool:
    """Whether the citizen may rate the case's current reply now."""
    if case.state not in (CaseState.REPLIED, CaseState.CLOSED) or case.reply is None:
        return False
    if "rate" in kind_spec(case.kind).without_actions:
        return False
    if case.reply.status != ReplyStatus.APPROVED or case.reply.signed_at is None:
        return False
    return current_rating(case) is None


def was_dissatisfied(case: Case) -> bool:
    """Whether the citizen gave a reply of this case a 差评 (不满意 or 非常不满意)."""
    return (
        db.session.scalar(
            select(Rating.id).where(Rating.case_id == case.id, Rating.level.in_(BAD_RATINGS)).limit(1)
        )
        is not None
    )


def rate(case: Case, actor: None, *, level: str, comment: str | None = None) -> Outcome:
    """The citizen rates the reply in five levels; 非常满意/满意/基本满意 close a replied case.

    A 差评 (不满意/非常不满意) leaves the case as it is: the follow-up it opens (supervision's
    subscriber) is closed by the office with what was done.
    """
    try:
        level = RatingLevel(level)
    except ValueError:
        raise CaseError("请选择满意程度", status=400) from None
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
    outcome = Outcome(silent=True, result=rating, signal_data={"level": level.value})
    if level.counts_as_satisfied and case.state == CaseState.REPLIED:
        outcome.target = CaseState.CLOSED
        outcome.then.append(ExtraEvent("closed", "群众评价后办结", from_state=CaseState.REPLIED))
    return outcome


def reopen(case: Case, actor: User, *, note: str) -> Outcome:
    """Reopen a case the citizen was not satisfied with: the clock starts again today.

    The published reply stays on the citizen's page; the division drafts the new one.
    """
    if case.division_id is None:
        raise CaseError("该件没有承办处室，请先交办")
    note = required_text(note, "请填写重新办理的理由")
    case.reopened_on = today()
    case.extension_days = 0
    set_deadline(case)
    if case.reply is not None:
        case.reply.status = ReplyStatus.DRAFT
        case.reply.review_comment = f"重新办理：{note}"
    return Outcome(note=note, public_note=f"已重新办理，新的截止日期 {case.due_date:%Y-%m-%d}")


# --- helpers ---------------------------------------------------------------------------------


def _reply_of(case: Case, actor: User) -> Reply:
    if case.reply is None:
        case.reply = Reply(case_id=case.id, body="", author_id=actor.id, status=ReplyStatus.DRAFT)
        db.session.add(case.reply)
    return case.reply


def _write_draft(case: Case, actor: User, body: str) -> Reply:
    reply = _reply_of(case, actor)
    reply.body = (body or "").strip()
    reply.author_id = actor.id
    if reply.status == ReplyStatus.RETURNED:
        reply.status = ReplyStatus.DRAFT
    return reply


def _lead_by(case: Case, division: Division) -> None:
    """Make `division` the lead: a co-handling division that now leads no longer co-handles (会办)."""
    case.division_id = division.id
    if any(d.id == division.id for d in case.co_divisions):
        case.co_divisions = [d for d in case.co_divisions if d.id != division.id]


def _reset_draft(case: Case) -> None:
    if case.reply is not None and case.reply.status != ReplyStatus.APPROVED:
        case.reply.status = ReplyStatus.DRAFT


def _publish(case: Case, reply: Reply, actor: User) -> None:
    """Sign the reply and keep what the citizen is told, as told."""
    reply.status = ReplyStatus.APPROVED
    reply.reviewer_id = actor.id
    reply.signed_at = utcnow()
    mark_replied(case, reply.signed_at)
    db.session.add(
        PublishedReply(case_id=case.id, body=reply.body, signed_at=reply.signed_at, reviewer_id=actor.id)
    )
