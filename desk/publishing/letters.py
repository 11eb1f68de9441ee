"""Publishing a letter and its reply (信件选登) through the case lifecycle: propose, review, unpublish.

The division proposes a replied case whose writer consented; the office reviews a de-identified
preview (every masked span shown, the text editable) and approves or refuses it with a reason;
only the approved text is ever public. The office takes a letter down with a reason in one action,
and a writer who withdraws consent on /track takes it down at once. A writer who withdrew may
consent again on /track: a new consent record (the withdrawn one stays as it was), and a letter the
withdrawal took down goes back to the office's review; nothing is public again until approved.
The steps are registered on the lifecycle's table (desk.cases.lifecycle), so `apply()` stays the
only way any of it happens.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desk.cases.errors import CaseError
from desk.cases.lifecycle import ANSWERED, register_step
from desk.cases.signals import case_changed
from desk.cases.steps import Outcome, required_text
from desk.extensions import db
from desk.knowledge.services import known_names
from desk.models import Case, ConsentSource, LetterState, PublicationConsent, PublishedLetter, User
from desk.supervision.notices import notify, office_users
from desk.timeutil import utcnow
from knowledge_base import Finding, Redaction, find_personal_data, redact

TITLE_LENGTH = 100
TAKEN_DOWN_BY_WITHDRAWAL = "来信人撤回公开同意"  # the reason a withdrawal gives for its take-down
KIND_LABELS = {
    "name": "姓名",
    "address": "地址",
    "mobile": "手机号",
    "landline": "固定电话",
    "id_card": "身份证号",
    "bank_card": "银行卡号",
    "email": "邮箱",
    "plate": "车牌号",
    "wechat": "微信号",
    "qq": "QQ号",
}


def letter_of(case: Case) -> PublishedLetter | None:
    """The case's publication record, if it was ever proposed."""
    return db.session.scalar(select(PublishedLetter).where(PublishedLetter.case_id == case.id))


def consents_of(case: Case) -> list[PublicationConsent]:
    """Every consent the writer gave, oldest first; a withdrawn one stays in the list, closed."""
    return list(
        db.session.scalars(
            select(PublicationConsent)
            .where(PublicationConsent.case_id == case.id)
            .order_by(PublicationConsent.given_at, PublicationConsent.id)
        )
    )


def reply_text(case: Case) -> str:
    """The reply as the citizen was told it (the latest signed-off one)."""
    if case.published_replies:
        return case.published_replies[-1].body
    return case.reply.body if case.reply else ""


# --- the preview the office reviews ---------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A piece of the original text: kept as it is, or masked (with what replaces it)."""

    text: str
    finding: Finding | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.finding.kind, self.finding.kind) if self.finding else ""


@dataclass(frozen=True)
class Part:
    """One text of the letter (title, letter or reply): the original with its masks, and the result."""

    original: str
    redaction: Redaction

    @property
    def segments(self) -> list[Segment]:
        """The original cut into kept and masked pieces, so the reviewer sees every masked span."""
        pieces, last = [], 0
        for f in self.redaction.findings:
            if f.start > last:
                pieces.append(Segment(self.original[last : f.start]))
            pieces.append(Segment(f.text, f))
            last = f.end
        if last < len(self.original):
            pieces.append(Segment(self.original[last:]))
        return pieces


@dataclass(frozen=True)
class Preview:
    """The de-identified title, letter and reply of a case, with what was masked in each."""

    title: Part
    letter: Part
    reply: Part

    @property
    def masked_count(self) -> int:
        return sum(len(p.redaction.findings) for p in (self.title, self.letter, self.reply))


def preview(case: Case) -> Preview:
    """De-identify the case's subject, letter and reply with the names its writer gave."""
    names = known_names([case])
    parts = [
        (text, redact(text, known_names=names)) for text in (case.subject, case.content, reply_text(case))
    ]
    return Preview(*(Part(original, redaction) for original, redaction in parts))


def residue(case: Case, text: str) -> list[str]:
    """Personal data still in a text meant for the public: findings, or the writer's own details."""
    names = known_names([case])
    found = [
        f"{KIND_LABELS.get(f.kind, f.kind)}“{f.hint}”" for f in find_personal_data(text, known_names=names)
    ]
    for label, value in (("姓名", case.citizen_name), ("电话", case.phone), ("邮箱", case.email)):
        if value and len(value) >= 2 and value in text:
            found.append(f"来信人{label}")
    return found


# --- guards: what the publication record allows ---------------------------------------------


def _can_propose(case: Case) -> str | None:
    letter = letter_of(case)
    if letter is not None and letter.state == LetterState.PROPOSED:
        return "该件已提请公开，待综合处审核"
    if letter is not None and letter.state == LetterState.PUBLISHED:
        return "该件已公开"
    return None


def _proposed(case: Case) -> str | None:
    letter = letter_of(case)
    return None if letter is not None and letter.state == LetterState.PROPOSED else "该件没有待审核的公开申请"


def _withdrawn_before(case: Case) -> str | None:
    if any(consent.withdrawn_at is not None for consent in consents_of(case)):
        return None
    return "只有撤回过公开同意的来信可以在查询页面重新同意公开"


def _published(case: Case) -> str | None:
    letter = letter_of(case)
    return None if letter is not None and letter.state == LetterState.PUBLISHED else "该件未公开"


# --- the steps ------------------------------------------------------------------------------


@register_step("propose_publication", guard=_can_propose)
def propose(case: Case, actor: User, *, note: str | None = None) -> Outcome:
    """The division proposes a replied, consented case; the de-identified preview is kept for review."""
    letter = letter_of(case) or PublishedLetter(case_id=case.id)
    masked = _put_up_for_review(case, letter, proposed_by_id=actor.id, note=note)
    return Outcome(note=letter.proposal_note or f"已去除个人信息 {masked} 处，待综合处审核")


@register_step("approve_publication", guard=_proposed)
def approve(case: Case, actor: User, *, title: str, letter: str, reply: str) -> Outcome:
    """The office approves the reviewed text; only this text is public. Refused if personal data remains."""
    texts = {
        "标题": required_text(title, "请填写公开标题"),
        "来信": required_text(letter, "请填写公开的来信内容"),
        "答复": required_text(reply, "请填写公开的答复内容"),
    }
    left = [f"{where}：{'、'.join(items)}" for where, text in texts.items() if (items := residue(case, text))]
    if left:
        raise CaseError("审核文本中仍有疑似个人信息，请改为占位符后再通过（" + "；".join(left) + "）")
    record = letter_of(case)
    record.title = _clip(texts["标题"], TITLE_LENGTH)
    record.letter, record.reply = texts["来信"], texts["答复"]
    record.received_on, record.replied_on = case.received_on, case.replied_on
    record.kind, record.division_id = case.kind, case.division_id
    record.state = LetterState.PUBLISHED
    record.reviewer_id, record.reviewed_at = actor.id, utcnow()
    record.published_at, record.unpublished_at, record.unpublish_reason = utcnow(), None, None
    record.taken_down_by = None
    db.session.flush()
    return Outcome(note=f"公开标题：{record.title}")


@register_step("refuse_publication", guard=_proposed)
def refuse(case: Case, actor: User, *, reason: str) -> Outcome:
    """The office refuses the proposal, with a reason the division reads."""
    reason = required_text(reason, "请填写不予公开的理由")
    record = letter_of(case)
    record.state = LetterState.REFUSED
    record.reviewer_id, record.reviewed_at, record.refusal_reason = actor.id, utcnow(), reason
    db.session.flush()
    return Outcome(note=reason)


@register_step("unpublish", guard=_published)
def unpublish(case: Case, actor: User, *, reason: str) -> Outcome:
    """Take a published letter down at once, with a reason."""
    reason = required_text(reason, "请填写撤下的理由")
    _take_down(letter_of(case), reason, by="office")
    return Outcome(note=reason)


@register_step("withdraw_consent")
def withdraw_consent(case: Case, actor: None) -> Outcome:
    """The writer withdraws consent (on /track): nothing of the letter stays or becomes public."""
    case.consent_publish = False
    now = utcnow()
    held = [consent for consent in consents_of(case) if consent.withdrawn_at is None]
    if not held:  # a consent the letter came with before consents had records of their own
        held = [PublicationConsent(case_id=case.id, given_at=case.received_at, given_on=ConsentSource.LETTER)]
        db.session.add_all(held)
    for consent in held:
        consent.withdrawn_at = now
    record = letter_of(case)
    if record is not None and record.state in (LetterState.PUBLISHED, LetterState.PROPOSED):
        _take_down(record, TAKEN_DOWN_BY_WITHDRAWAL, by="writer")
    db.session.flush()
    return Outcome(note="来信人在查询页面撤回了公开同意；已公开的内容已撤下")


@register_step("give_consent", guard=_withdrawn_before)
def give_consent(case: Case, actor: None) -> Outcome:
    """The writer consents again (on /track): a new consent; nothing is public before the office approves.

    A letter the withdrawal took down goes back to the office's review, with the text the office
    approved before (its hand corrections kept) unless the case was answered again since; a letter
    of a case reopened and not yet answered waits for the division to propose it again, and one the
    office had taken down or refused stays as it is.
    """
    case.consent_publish = True
    db.session.add(PublicationConsent(case_id=case.id, given_at=utcnow(), given_on=ConsentSource.TRACK))
    record = letter_of(case)
    note = "来信人在查询页面重新同意公开；须经提请公开和综合处审核后方可公开"
    if (
        record is not None
        and record.state == LetterState.UNPUBLISHED
        and record.taken_down_by == "writer"
        and case.state in ANSWERED
    ):
        again = "来信人重新同意公开，请重新审核去标识化文本"
        if _reviewed_text_stands(case, record):
            _back_to_review(record, note=again)
        else:  # answered again since the review: the new reply needs a preview of its own
            _put_up_for_review(case, record, proposed_by_id=None, note=again)
        note = "来信人在查询页面重新同意公开；信件已退回综合处重新审核，审核通过前不公开"
    db.session.flush()
    return Outcome(note=note)


def _reviewed_text_stands(case: Case, record: PublishedLetter) -> bool:
    """Whether the text the office approved is still the letter and the reply the citizen was given."""
    if record.reviewed_at is None or not record.letter:
        return False
    latest = case.published_replies[-1].signed_at if case.published_replies else None
    return latest is None or latest <= record.reviewed_at


def _back_to_review(
    record: PublishedLetter, *, proposed_by_id: int | None = None, note: str | None = None
) -> None:
    """The letter's stored text goes before the office for review; an earlier decision is cleared."""
    record.state = LetterState.PROPOSED
    record.proposed_by_id, record.proposed_at = proposed_by_id, utcnow()
    record.proposal_note = (note or "").strip() or None
    record.reviewer_id = record.reviewed_at = record.refusal_reason = None
    record.unpublished_at = record.unpublish_reason = record.taken_down_by = None


@case_changed.connect_via("propose_publication")
def _tell_the_office(sender, *, case: Case, actor, change) -> None:
    """The office learns in its inbox that a letter waits for review."""
    record = letter_of(case)
    notify(
        office_users(),
        "publication_proposed",
        f"{case.number} 由{case.division.name if case.division else '承办处室'}提请公开，请审核去标识化文本",
        dedup_key=f"publication-proposed:{case.id}:{record.proposed_at.isoformat()}",
        case=case,
    )


@case_changed.connect_via("give_consent")
def _tell_the_office_again(sender, *, case: Case, actor, change) -> None:
    """The office learns that a letter the writer had withdrawn waits for its review again."""
    record = letter_of(case)
    if record is None or record.state != LetterState.PROPOSED:
        return
    notify(
        office_users(),
        "publication_proposed",
        f"{case.number} 来信人重新同意公开，请重新审核去标识化文本",
        dedup_key=f"publication-proposed:{case.id}:{record.proposed_at.isoformat()}",
        case=case,
    )


@case_changed.connect_via("approve_publication")
@case_changed.connect_via("refuse_publication")
def _tell_the_proposer(sender, *, case: Case, actor, change) -> None:
    """Whoever proposed the letter learns what the office decided."""
    record = letter_of(case)
    if record.proposed_by is None:
        return
    decided = (
        "已审核通过并在信件选登公开"
        if sender == "approve_publication"
        else f"不予公开：{record.refusal_reason}"
    )
    notify(
        [record.proposed_by],
        "publication_decided",
        f"{case.number} {decided}",
        dedup_key=f"publication-decided:{case.id}:{record.reviewed_at.isoformat()}",
        case=case,
    )


def _put_up_for_review(
    case: Case, letter: PublishedLetter, *, proposed_by_id: int | None, note: str | None
) -> int:
    """Put the case's de-identified preview before the office for review; returns how much was masked."""
    shown = preview(case)  # before a new record joins the session: the preview queries
    db.session.add(letter)
    letter.kind, letter.division_id = case.kind, case.division_id
    letter.title = _clip(shown.title.redaction.text, TITLE_LENGTH)
    letter.letter, letter.reply = shown.letter.redaction.text, shown.reply.redaction.text
    letter.received_on, letter.replied_on = case.received_on, case.replied_on
    _back_to_review(letter, proposed_by_id=proposed_by_id, note=note)
    db.session.flush()
    return shown.masked_count


def _take_down(record: PublishedLetter, reason: str, *, by: str) -> None:
    record.state = LetterState.UNPUBLISHED
    record.unpublished_at, record.unpublish_reason, record.taken_down_by = utcnow(), reason, by
    db.session.flush()


def _clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[:length]
    opening = cut.rfind("[")
    if opening > cut.rfind("]"):
        cut = cut[:opening]
    return cut.rstrip()
