"""The case lifecycle: intake, triage, drafting, sign-off. Services flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desk.cases.attachments import CheckedUpload, attach_files
from desk.cases.deadlines import mark_replied, set_deadline, working_days_for
from desk.cases.events import record_event
from desk.cases.numbering import next_case_number
from desk.cases.querycode import hash_query_code, new_query_code
from desk.extensions import db
from desk.models import Case, CaseKind, CaseState, Channel, Division, Reply, ReplyStatus, Role, User
from desk.timeutil import local_date, utcnow


class CaseError(Exception):
    """An action the case's state or the user's role does not allow; the message is for the user."""


@dataclass(frozen=True)
class Letter:
    """What a citizen wrote, already validated."""

    kind: str
    subject: str
    content: str
    citizen_name: str
    phone: str
    email: str | None = None
    consent_publish: bool = False


def submit_letter(
    letter: Letter,
    *,
    channel: Channel = Channel.WEB,
    received_at: datetime | None = None,
    recorded_by: User | None = None,
    attachments: Sequence[CheckedUpload] = (),
    intake_key: str | None = None,
    number: str | None = None,
    code: str | None = None,
) -> tuple[Case, str]:
    """Register a letter as a new case; returns the case and its query code (shown only once).

    A channel message comes with the number and code its passive reply already gave out.
    """
    kind = CaseKind(letter.kind)
    received_at = received_at or utcnow()
    received_on = local_date(received_at)
    code = code or new_query_code()
    code_hash = hash_query_code(code)  # slow on purpose: before the day's number row is locked
    case = Case(
        number=number or next_case_number(kind, received_on),
        kind=kind,
        channel=channel,
        state=CaseState.RECEIVED,
        subject=letter.subject.strip(),
        content=letter.content.strip(),
        citizen_name=letter.citizen_name.strip(),
        phone=letter.phone.strip(),
        email=(letter.email or "").strip() or None,
        consent_publish=letter.consent_publish,
        query_code_hash=code_hash,
        received_at=received_at,
        received_on=received_on,
        deadline_days=working_days_for(kind),
        extension_days=0,
        recorded_by_id=recorded_by.id if recorded_by else None,
        intake_key=intake_key,
    )
    set_deadline(case)
    db.session.add(case)
    db.session.flush()
    note = f"渠道：{Channel(channel).label}"
    if attachments:
        attach_files(case, list(attachments))
        note += f"；附件 {len(attachments)} 个"
    record_event(case, "received", recorded_by, note=note)
    if channel != Channel.PHONE:  # a call is routed by whoever records it
        from desk.knowledge.routing import route_new_case

        route_new_case(case)
    return case, code


def record_phone_call(actor: User, letter: Letter, answer: str | None) -> tuple[Case, str]:
    """Record a phone call as a case of its own.

    An answer given on the phone is the case's reply at once, kept by the recorder's division.
    A division member's unanswered call stays with the division; the office's goes to triage.
    """
    case, code = submit_letter(letter, channel=Channel.PHONE, recorded_by=actor)
    answer = (answer or "").strip()
    if not actor.division_id or not (answer or actor.role in (Role.STAFF, Role.HEAD)):
        from desk.knowledge.routing import route_new_case

        route_new_case(case)  # it goes to triage
    if actor.division_id and (answer or actor.role in (Role.STAFF, Role.HEAD)):
        case.division_id = actor.division_id
        _move(case, CaseState.ASSIGNED, "assigned", actor, note="来电由本处室直接办理")
    if answer:
        now = utcnow()
        reply = Reply(
            case_id=case.id,
            body=answer,
            author_id=actor.id,
            reviewer_id=actor.id,
            status=ReplyStatus.APPROVED,
            signed_at=now,
        )
        db.session.add(reply)
        mark_replied(case, now)
        _move(case, CaseState.REPLIED, "replied", actor, note="电话中已当场答复（口头答复记录）")
    return case, code


# --- triage (integrated office) -------------------------------------------------------------


def assign_case(actor: User, case: Case, division: Division, note: str | None = None) -> None:
    """Accept a new case and send it to the division that answers it."""
    require_office(actor)
    _require_state(case, CaseState.RECEIVED)
    _require_active_division(division)
    record_event(case, "accepted", actor, from_state=case.state)
    from desk.knowledge.routing import note_assignment

    note_assignment(case, division)
    case.division_id = division.id
    detail = f"承办处室：{division.name}" + (f"；{note}" if note else "")
    _move(case, CaseState.ASSIGNED, "assigned", actor, note=detail)


def refuse_case(actor: User, case: Case, reason: str) -> None:
    """Not accept a case (不予受理), with a reason the citizen reads."""
    require_office(actor)
    _require_state(case, CaseState.RECEIVED)
    reason = required_text(reason, "请填写不予受理的理由")
    case.not_accepted_reason = reason
    _move(case, CaseState.NOT_ACCEPTED, "not_accepted", actor, note=reason, public_note=reason)


def reclassify_case(actor: User, case: Case, kind: CaseKind | str) -> None:
    """Change the kind of an open case; the deadline is recomputed from the same receipt date."""
    require_office(actor)
    if not case.is_open:
        raise CaseError("已办结的来信不能调整类别")
    kind = CaseKind(kind)
    if kind == case.kind_enum:
        raise CaseError("类别未变化")
    old_kind, old_due = case.kind_enum, case.due_date
    case.kind = kind
    case.deadline_days = working_days_for(kind)
    set_deadline(case)
    db.session.flush()
    note = (
        f"{old_kind.label} → {kind.label}；办理期限 {case.deadline_days} 个工作日，"
        f"截止日期 {old_due:%Y-%m-%d} → {case.due_date:%Y-%m-%d}"
    )
    record_event(case, "reclassified", actor, from_state=case.state, note=note, public_note=note)


def transfer_case(actor: User, case: Case, division: Division, reason: str) -> None:
    """Move a case being handled to another division (转办)."""
    require_office(actor)
    _require_state(case, CaseState.ASSIGNED, CaseState.IN_REVIEW)
    _require_active_division(division)
    if division.id == case.division_id:
        raise CaseError("已在该处室办理")
    reason = required_text(reason, "请填写转办理由")
    old = case.division.name if case.division else "—"
    from desk.knowledge.routing import note_misroute

    note_misroute(case)
    case.division_id = division.id
    _reset_draft(case)
    _move(case, CaseState.ASSIGNED, "transferred", actor, note=f"{old} → {division.name}：{reason}")


def set_joint_review(actor: User, case: Case, wanted: bool) -> None:
    """Ask (or stop asking) legal counsel to read and comment on the draft."""
    require_office(actor)
    if not case.is_open:
        raise CaseError("已办结的来信无需会商")
    if case.joint_review == wanted:
        return
    case.joint_review = wanted
    db.session.flush()
    action = "joint_review_requested" if wanted else "joint_review_ended"
    record_event(case, action, actor, from_state=case.state)


def comment_as_counsel(actor: User, case: Case, comment: str) -> None:
    """Legal counsel's comment on a case marked for joint review."""
    if actor.role != Role.COUNSEL or not case.joint_review:
        raise CaseError("仅法律顾问可对会商件提出意见")
    if not case.is_open:
        raise CaseError("该件已办结，不再征求意见")
    comment = required_text(comment, "请填写意见")
    record_event(case, "counsel_comment", actor, from_state=case.state, note=comment)


# --- the division's work --------------------------------------------------------------------


def hand_back(actor: User, case: Case, reason: str) -> None:
    """Return a misrouted case to the integrated office, with a reason."""
    _require_division_member(actor, case)
    _require_state(case, CaseState.ASSIGNED, CaseState.IN_REVIEW)
    reason = required_text(reason, "请填写退回理由")
    old = case.division.name if case.division else "—"
    from desk.knowledge.routing import note_misroute

    note_misroute(case)
    case.division_id = None
    _reset_draft(case)
    _move(case, CaseState.RECEIVED, "handed_back", actor, note=f"{old}退回：{reason}")


def save_draft(actor: User, case: Case, body: str) -> Reply:
    """Save the division's reply draft (答复拟稿)."""
    _require_division_member(actor, case)
    _require_state(case, CaseState.ASSIGNED)
    reply = _reply_of(case, actor)
    reply.body = body.strip()
    reply.author_id = actor.id
    if reply.status == ReplyStatus.RETURNED:
        reply.status = ReplyStatus.DRAFT
    db.session.flush()
    record_event(case, "draft_saved", actor, from_state=case.state)
    return reply


def submit_for_signoff(actor: User, case: Case, body: str) -> None:
    """Send the draft to the division head for sign-off (审签)."""
    reply = save_draft(actor, case, body)
    if not reply.body:
        raise CaseError("答复内容不能为空")
    reply.status = ReplyStatus.SUBMITTED
    reply.submitted_at = utcnow()
    _move(case, CaseState.IN_REVIEW, "submitted", actor)


def sign_off(actor: User, case: Case, body: str | None = None) -> None:
    """The head signs the reply off; it is published to the citizen and the case is replied."""
    _require_head(actor, case)
    _require_state(case, CaseState.IN_REVIEW)
    reply = _reply_of(case, actor)
    if body is not None and body.strip():
        reply.body = body.strip()
    if not reply.body:
        raise CaseError("答复内容不能为空")
    reply.status = ReplyStatus.APPROVED
    reply.reviewer_id = actor.id
    reply.signed_at = utcnow()
    mark_replied(case, reply.signed_at)
    _move(case, CaseState.REPLIED, "replied", actor, note="审签通过，答复已发布")
    from desk.channels.delivery import plan_delivery  # the reply also goes back on WeChat/Weibo

    plan_delivery(case)


def send_back(actor: User, case: Case, comment: str) -> None:
    """The head returns the draft with a comment."""
    _require_head(actor, case)
    _require_state(case, CaseState.IN_REVIEW)
    comment = required_text(comment, "请填写退回修改意见")
    reply = _reply_of(case, actor)
    reply.status = ReplyStatus.RETURNED
    reply.reviewer_id = actor.id
    reply.review_comment = comment
    _move(case, CaseState.ASSIGNED, "sent_back", actor, note=comment)


def reveal_contact(actor: User, case: Case) -> None:
    """Log that a staff member looked at the citizen's full contact details."""
    record_event(case, "contact_viewed", actor, from_state=case.state, note="查看完整联系方式")


# --- helpers --------------------------------------------------------------------------------


def _move(
    case: Case,
    to: CaseState,
    action: str,
    actor: User | None,
    *,
    note: str | None = None,
    public_note: str | None = None,
) -> None:
    previous = case.state
    case.state = to
    if to == CaseState.CLOSED:
        case.closed_at = utcnow()
    db.session.flush()
    record_event(case, action, actor, from_state=previous, note=note, public_note=public_note)


def _reply_of(case: Case, actor: User) -> Reply:
    if case.reply is None:
        case.reply = Reply(case_id=case.id, body="", author_id=actor.id, status=ReplyStatus.DRAFT)
        db.session.add(case.reply)
    return case.reply


def _reset_draft(case: Case) -> None:
    if case.reply is not None and case.reply.status != ReplyStatus.APPROVED:
        case.reply.status = ReplyStatus.DRAFT


def required_text(text: str | None, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise CaseError(message)
    return text


def _require_state(case: Case, *states: CaseState) -> None:
    if case.state not in states:
        raise CaseError(f"当前状态（{case.state_enum.label}）不能进行此操作")


def require_office(actor: User) -> None:
    if actor.role != Role.OFFICE:
        raise CaseError("仅综合处可进行此操作")


def _require_division_member(actor: User, case: Case) -> None:
    if actor.role not in (Role.STAFF, Role.HEAD) or actor.division_id != case.division_id:
        raise CaseError("仅承办处室人员可进行此操作")


def _require_head(actor: User, case: Case) -> None:
    if actor.role != Role.HEAD or actor.division_id != case.division_id:
        raise CaseError("仅承办处室负责人可审签")


def _require_active_division(division: Division) -> None:
    if not division.active:
        raise CaseError("该处室已停用")


def close_case(actor: User, case: Case, note: str | None = None) -> None:
    """The office files a replied case as finished (办结)."""
    require_office(actor)
    _require_state(case, CaseState.REPLIED)
    _move(case, CaseState.CLOSED, "closed", actor, note=note or "办结归档")
