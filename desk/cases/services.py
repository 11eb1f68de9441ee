"""The case services other code calls: intake from any channel, and each action through the lifecycle.

Intake makes a case; every later change is `lifecycle.apply`, which checks who may act and in
which state, runs the step, records the event and sends the signals. Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desk.cases.attachments import CheckedUpload, attach_files
from desk.cases.deadlines import set_deadline, sync_milestones, working_days_for
from desk.cases.errors import CaseError
from desk.cases.events import record_event
from desk.cases.kinds import kind_spec
from desk.cases.lifecycle import apply
from desk.cases.numbering import next_case_number
from desk.cases.querycode import hash_query_code, new_query_code
from desk.cases.signals import case_received
from desk.cases.steps import required_text
from desk.extensions import db
from desk.models import Case, CaseState, Channel, ConsentSource, Division, PublicationConsent, Role, User
from desk.timeutil import local_date, utcnow

__all__ = ["CaseError", "Letter", "required_text", "submit_letter"]


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
    route: bool = True,
) -> tuple[Case, str]:
    """Register a letter as a new case; returns the case and its query code (shown only once).

    A channel message comes with the number and code its passive reply already gave out. The
    case is announced (`case_received`) so that routing can suggest a division.
    """
    spec = kind_spec(letter.kind)
    received_at = received_at or utcnow()
    received_on = local_date(received_at)
    code = code or new_query_code()
    code_hash = hash_query_code(code)  # slow on purpose: before the day's number row is locked
    case = Case(
        number=number or next_case_number(spec.code, received_on),
        kind=spec.code,
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
        deadline_days=working_days_for(spec.code),
        extension_days=0,
        recorded_by_id=recorded_by.id if recorded_by else None,
        intake_key=intake_key,
        pauses=[],
    )
    set_deadline(case)
    db.session.add(case)
    db.session.flush()
    if case.consent_publish:  # the first consent record: the box on the letter form
        db.session.add(
            PublicationConsent(case_id=case.id, given_at=received_at, given_on=ConsentSource.LETTER)
        )
    note = f"渠道：{Channel(channel).label}"
    if attachments:
        attach_files(case, list(attachments))
        note += f"；附件 {len(attachments)} 个"
    record_event(case, "received", recorded_by, note=note)
    if route:
        case_received.send("receive", case=case)
    return case, code


def record_phone_call(
    actor: User, letter: Letter, answer: str | None, *, intake_key: str | None = None
) -> tuple[Case, str]:
    """Record a phone call as a case of its own.

    An answer given on the phone is the case's reply at once, kept by the recorder's division.
    A division member's unanswered call stays with the division; the office's goes to triage.
    """
    answer = (answer or "").strip()
    kept = bool(actor.division_id) and (bool(answer) or actor.role in (Role.STAFF, Role.HEAD))
    case, code = submit_letter(
        letter, channel=Channel.PHONE, recorded_by=actor, intake_key=intake_key, route=not kept
    )
    if kept:
        apply(case, "take_call", actor)
    if answer:
        apply(case, "reply_on_phone", actor, answer=answer)
    return case, code


def register_office_case(
    actor: User,
    *,
    kind: str,
    subject: str,
    content: str,
    division: Division,
    grade: str | None = None,
    details: dict | None = None,
    attachments: Sequence[CheckedUpload] = (),
    received_at: datetime | None = None,
    co_divisions: Sequence[Division] = (),
    intake_key: str | None = None,
) -> Case:
    """The office registers a case of one of its own kinds (舆情 …) and dispatches it at once.

    The kind's facts (`details`, e.g. source link and platform) and classification are kept on the
    case; its clock and milestones start at `received_at` (now by default).
    """
    require_office(actor)
    spec = kind_spec(kind)
    if spec.public_form or spec.reclassifiable:
        raise CaseError("该类别由来信产生，不在此登记")
    code = spec.grade_code(grade or "") if spec.grades else None
    if spec.grades and code is None:
        raise CaseError("请选择级别", status=400)
    missing = [
        label
        for name, label in spec.details
        if name not in spec.optional_details and not str((details or {}).get(name) or "").strip()
    ]
    if missing:
        raise CaseError("请填写" + "、".join(missing), status=400)
    letter = Letter(kind=spec.code, subject=subject, content=content, citizen_name="", phone="")
    case, _code = submit_letter(
        letter,
        channel=Channel.OFFICE,
        received_at=received_at,
        recorded_by=actor,
        attachments=attachments,
        intake_key=intake_key,
        route=False,
    )
    case.grade = code
    case.details = {name: str(details[name]).strip() for name, _ in spec.details if details.get(name)}
    sync_milestones(case)
    apply(case, "assign", actor, division=division)
    co = [d for d in dict.fromkeys(co_divisions) if d is not None and d.id != division.id]
    if co and not spec.co_divisions:
        raise CaseError("该类别没有会办处室", status=400)
    if co:
        case.co_divisions = co
        db.session.flush()
        record_event(
            case,
            "co_divisions_set",
            actor,
            from_state=case.state,
            note="会办处室：" + "、".join(d.name for d in co),
        )
    return case


# --- every other action, by name (the lifecycle checks who and when) -------------------------


def assign_case(actor: User, case: Case, division: Division, note: str | None = None) -> None:
    """Accept a new case and send it to the division that answers it."""
    apply(case, "assign", actor, division=division, note=note)


def refuse_case(actor: User, case: Case, reason: str) -> None:
    """Not accept a case (不予受理), with a reason the citizen reads."""
    apply(case, "refuse", actor, reason=reason)


def reclassify_case(actor: User, case: Case, kind: str) -> None:
    """Change the kind of an open case; the deadline is recomputed from the same receipt date."""
    apply(case, "reclassify", actor, kind=str(kind))


def transfer_case(actor: User, case: Case, division: Division, reason: str) -> None:
    """Move a case being handled to another division (转办)."""
    apply(case, "transfer", actor, division=division, reason=reason)


def set_joint_review(actor: User, case: Case, wanted: bool) -> None:
    """Ask (or stop asking) legal counsel to read and comment on the draft."""
    if case.joint_review != wanted:
        apply(case, "joint_review", actor, wanted=wanted)


def comment_as_counsel(actor: User, case: Case, comment: str) -> None:
    """Legal counsel's comment on a case marked for joint review."""
    apply(case, "counsel_comment", actor, comment=comment)


def hand_back(actor: User, case: Case, reason: str) -> None:
    """Return a misrouted case to the integrated office, with a reason."""
    apply(case, "hand_back", actor, reason=reason)


def save_draft(actor: User, case: Case, body: str):
    """Save the division's reply draft (答复拟稿)."""
    return apply(case, "save_draft", actor, body=body)


def submit_for_signoff(actor: User, case: Case, body: str) -> None:
    """Send the draft to the division head for sign-off (审签)."""
    apply(case, "submit", actor, body=body)


def sign_off(actor: User, case: Case, body: str | None = None) -> None:
    """The head signs the reply off; it is published to the citizen and the case is replied."""
    apply(case, "sign_off", actor, body=body)


def send_back(actor: User, case: Case, comment: str) -> None:
    """The head returns the draft with a comment."""
    apply(case, "send_back", actor, comment=comment)


def close_case(actor: User, case: Case, note: str | None = None) -> None:
    """The office files a replied case as finished (办结)."""
    apply(case, "close", actor, note=note)


def request_extension(actor: User, case: Case, days: int, reason: str):
    """A division asks the office for more days (延期); returns the request."""
    return apply(case, "request_extension", actor, days=days, reason=reason)


def decide_extension(actor: User, request, approve: bool, note: str | None = None) -> None:
    """The office approves or refuses an extension request."""
    apply(request_case(request), "decide_extension", actor, request=request, approve=approve, note=note)


def rate_case(case: Case, level: str, comment: str | None):
    """The citizen rates the reply (after proving the query code); returns the rating."""
    return apply(case, "rate", None, level=level, comment=comment)


def reopen_case(actor: User, case: Case, note: str) -> None:
    """The office reopens a case the citizen was not satisfied with; the clock starts again."""
    apply(case, "reopen", actor, note=note)


def request_case(request) -> Case:
    """The case an extension request belongs to."""
    return db.session.get(Case, request.case_id)


def reveal_contact(actor: User, case: Case) -> None:
    """Log that a staff member looked at the citizen's full contact details."""
    record_event(case, "contact_viewed", actor, from_state=case.state, note="查看完整联系方式")


def require_office(actor: User) -> None:
    """Refuse anyone but the integrated office (for office work outside a case's life)."""
    if actor.role != Role.OFFICE:
        raise CaseError("仅综合处可进行此操作", status=403)
