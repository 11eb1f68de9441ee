"""Requests for government information on the case core: intake, the clock's waits and the outcomes.

The steps below are the lifecycle's disclosure-only actions (`lifecycle.TABLE`, kinds {"disclosure"}),
registered here because this package owns their records. Each stops or restarts the case's Clock
through `clock_pauses` rows and the restart date, or fixes the request's outcome and publishes its
notice (告知书) through the core's sign-off. Services flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app, render_template
from sqlalchemy import func, select

from desk.cases import steps
from desk.cases.deadlines import load_calendar, set_deadline
from desk.cases.errors import CaseError
from desk.cases.lifecycle import register_step
from desk.cases.services import Letter, submit_letter
from desk.cases.steps import Outcome, required_text
from desk.disclosure.taxonomy import (
    APPLICANT_LABELS,
    DELIVERY_LABELS,
    ID_TYPE_LABELS,
    OUTCOME_BY_ROW,
    REMEDIES,
    SIGN_OFF_OUTCOMES,
)
from desk.extensions import db
from desk.models import Case, Channel, ClockPause, DisclosureRequest, User
from desk.timeutil import today

KIND = "disclosure"
CONSULTATION_WORKDAYS = 15  # arts. 32, 34: a third party or another agency has 15 working days
FEE_PAYMENT_WORKDAYS = 20  # 国办函〔2020〕109号: the fee is paid within 20 working days of the notice
CONSULTED = {"third_party": "第三方（第三十二条）", "agency": "其他机关（第三十四条）"}


@dataclass(frozen=True)
class Application:
    """A request for government information as the public form validated it."""

    applicant_type: str  # a code of taxonomy.APPLICANT_TYPES
    name: str  # the person's name, or the organisation's
    id_type: str
    id_number: str
    phone: str
    subject: str  # the information sought, by name
    description: str  # its description (document, number, other features)
    delivery: str  # paper / electronic / post / pickup
    email: str | None = None
    address: str | None = None
    contact_person: str | None = None  # an organisation's contact


def submit_request(application: Application, *, attachments=(), intake_key: str | None = None):
    """File a request as a case of kind disclosure with its register row; returns (case, query code)."""
    if application.applicant_type not in APPLICANT_LABELS:
        raise CaseError("请选择申请人类型", status=400)
    if application.delivery == "post" and not (application.address or "").strip():
        raise CaseError("选择邮寄的，请填写通讯地址", status=400)
    organisation = None if application.applicant_type == "natural" else application.name.strip()
    letter = Letter(
        kind=KIND,
        subject=application.subject,
        content=application.description,
        citizen_name=(application.contact_person or application.name).strip()
        if organisation
        else application.name,
        phone=application.phone,
        email=application.email,
    )
    case, code = submit_letter(letter, channel=Channel.WEB, attachments=attachments, intake_key=intake_key)
    db.session.add(
        DisclosureRequest(
            number=case.number,
            case_id=case.id,
            received_on=case.received_on,
            applicant_type=application.applicant_type,
            summary=case.subject,
            organisation=organisation,
            id_type=application.id_type,
            id_number=application.id_number.strip().upper(),
            address=(application.address or "").strip() or None,
            delivery=application.delivery,
        )
    )
    db.session.flush()
    return case, code


def request_of(case: Case) -> DisclosureRequest:
    """The register row of a disclosure case."""
    request = db.session.scalar(select(DisclosureRequest).where(DisclosureRequest.case_id == case.id))
    if request is None:
        raise CaseError("该件没有政府信息公开申请登记", status=404)
    return request


# --- 补正 (art. 30) -----------------------------------------------------------------------------


@register_step("notify_correction")
def notify_correction(case: Case, actor: User, *, items: str, days: int) -> Outcome:
    """Ask the applicant once to correct the request: the clock stops until the correction arrives."""
    items = required_text(items, "请写明需要补正的事项")
    if days is None or not 1 <= days <= 30:
        raise CaseError("补正期限应为 1 至 30 个工作日", status=400)
    calendar, now = load_calendar(), today()  # the table's guard kept the 7 working days
    due = calendar.add_workdays(now, days).due_date
    case.pauses.append(ClockPause(case_id=case.id, reason="correction", started_on=now, due_on=due))
    set_deadline(case, calendar)
    text = (
        f"请于 {due:%Y-%m-%d} 前补正：{items}。答复期限自收到补正之日起重新计算；"
        "无正当理由逾期不补正的，视为放弃申请。"
    )
    return Outcome(note=text, public_note=text)


@register_step("record_correction")
def record_correction(case: Case, actor: User, *, received: date | None = None) -> Outcome:
    """The corrected request arrived: a new 20 working days from its arrival."""
    received = received or today()
    pause = _running(case, "correction")
    if received < pause.started_on or received > today():
        raise CaseError("补正收到日期应在补正告知之后、不晚于今天", status=400)
    pause.ended_on = received
    case.reopened_on = received  # the clock starts again: a new 20 days from the correction's arrival
    set_deadline(case)
    text = f"已收到补正（{received:%Y-%m-%d}），答复期限重新计算，截止日期 {case.due_date:%Y-%m-%d}"
    return Outcome(note=text, public_note=text)


@register_step("correction_lapsed")
def correction_lapsed(case: Case, actor: User, *, note: str | None = None) -> Outcome:
    """Not corrected in time (逾期不补正, the table's guard saw the time run out): not processed further."""
    _running(case, "correction").ended_on = today()
    return _decide(case, actor, "三(六)1", body=note)


# --- 征求意见 (arts. 32, 34) ----------------------------------------------------------------------


@register_step("consult")
def consult(case: Case, actor: User, *, party: str, addressee: str) -> Outcome:
    """Ask a third party or another agency: up to 15 working days that do not count."""
    if party not in CONSULTED:
        raise CaseError("请选择征求意见的对象", status=400)
    addressee = required_text(addressee, "请填写征求意见的对象名称")
    calendar, now = load_calendar(), today()
    until = calendar.add_workdays(now, CONSULTATION_WORKDAYS).due_date
    # The pause ends by itself when the 15 working days are up; an earlier answer ends it sooner.
    case.pauses.append(ClockPause(case_id=case.id, reason=party, started_on=now, ended_on=until))
    set_deadline(case, calendar)
    text = (
        f"征求{CONSULTED[party]}意见：{addressee}。所需时间不计入答复期限（最长至 {until:%Y-%m-%d}），"
        f"截止日期 {case.due_date:%Y-%m-%d}"
    )
    public = f"征求{'第三方' if party == 'third_party' else '其他机关'}意见，所需时间不计入答复期限"
    return Outcome(note=text, public_note=public)


@register_step("end_consultation")
def end_consultation(case: Case, actor: User, *, note: str | None = None) -> Outcome:
    """The consulted party answered: the clock runs again from tomorrow."""
    pause = _running(case, "third_party", "agency")
    pause.ended_on = today()
    set_deadline(case)
    text = f"征求意见已返回，恢复计时，截止日期 {case.due_date:%Y-%m-%d}"
    return Outcome(note=text + (f"；{note.strip()}" if note and note.strip() else ""), public_note=text)


# --- 信息处理费 (art. 42; 国办函〔2020〕109号) ----------------------------------------------------------


def fee_for(basis: str, quantity: int) -> int | None:
    """The fee in 元: by count (the applicant's n-th request this month) or by volume (pages).

    By count: up to 10 a month free, the 11th to 30th 100 元 each, beyond 30 by agreement (None).
    By volume: up to 30 pages free, pages 31–100 at 10 元, 101–200 at 20 元, beyond 200 at 40 元.
    """
    if quantity is None or quantity < 1:
        raise CaseError("请填写件数或页数", status=400)
    if basis == "count":
        return 0 if quantity <= 10 else 100 if quantity <= 30 else None
    if basis == "volume":
        bands = ((30, 0), (100, 10), (200, 20), (None, 40))
        fee, lower = 0, 0
        for upper, price in bands:
            top = quantity if upper is None else min(quantity, upper)
            if top > lower:
                fee += (top - lower) * price
            if upper is None or quantity <= upper:
                break
            lower = upper
        return fee
    raise CaseError("请选择计收方式", status=400)


def monthly_request_count(case: Case) -> int:
    """How many requests the applicant (same credential) filed in the month of this one, this one included."""
    request = request_of(case)
    month = case.received_on.replace(day=1)
    return db.session.scalar(
        select(func.count())
        .select_from(DisclosureRequest)
        .where(
            DisclosureRequest.id_number == request.id_number,
            DisclosureRequest.received_on >= month,
            DisclosureRequest.received_on <= case.received_on,
        )
    )


@register_step("notify_fee")
def notify_fee(case: Case, actor: User, *, basis: str, quantity: int, amount: int | None = None) -> Outcome:
    """Send a fee notice: the clock stops until the applicant pays."""
    computed = fee_for(basis, quantity)
    amount = computed if computed is not None else amount
    if amount is None or amount <= 0:
        raise CaseError("按规定不需收费，或请填写协商确定的金额", status=400)
    calendar, now = load_calendar(), today()
    request = request_of(case)
    request.fee_amount = amount
    due = calendar.add_workdays(now, FEE_PAYMENT_WORKDAYS).due_date
    case.pauses.append(ClockPause(case_id=case.id, reason="fee", started_on=now, due_on=due))
    set_deadline(case, calendar)
    how = f"按件计收（本月第{quantity}件）" if basis == "count" else f"按量计收（{quantity}页）"
    text = (
        f"收费通知：信息处理费 {amount} 元，{how}。请于 {due:%Y-%m-%d} 前缴纳；"
        "缴费期间不计入答复期限，逾期未缴纳的，不再处理该申请。"
    )
    return Outcome(note=text, public_note=text)


@register_step("record_payment")
def record_payment(case: Case, actor: User) -> Outcome:
    """The fee was paid: the clock runs again."""
    _running(case, "fee").ended_on = today()
    set_deadline(case)
    text = f"已缴纳信息处理费，恢复计时，截止日期 {case.due_date:%Y-%m-%d}"
    return Outcome(note=text, public_note=text)


@register_step("fee_lapsed")
def fee_lapsed(case: Case, actor: User, *, note: str | None = None) -> Outcome:
    """Not paid in time (逾期未缴费, the table's guard saw the time run out): not processed further."""
    _running(case, "fee").ended_on = today()
    return _decide(case, actor, "三(六)2", body=note)


# --- art. 39 and the outcome at sign-off ------------------------------------------------------


@register_step("redirect_petition")
def redirect_petition(case: Case, actor: User, *, where: str, make_complaint: bool = False) -> Outcome:
    """A petition, complaint or report filed as a request (art. 39): say where to go, or open a complaint."""
    where = (where or "").strip()
    if not where and not make_complaint:
        raise CaseError("请写明应通过的渠道，或转为投诉件办理", status=400)
    request = request_of(case)
    body = where
    if make_complaint:
        complaint, _ = submit_letter(
            Letter(
                kind="complaint",
                subject=case.subject,
                content=case.content,
                citizen_name=case.citizen_name,
                phone=case.phone,
                email=case.email,
            ),
            channel=case.channel,
            received_at=case.received_at,
        )
        complaint.query_code_hash = case.query_code_hash  # the same query code opens it
        request.redirect_case_id = complaint.id
        body = f"本机关已将您的来信转为监督投诉件办理，编号 {complaint.number}，可凭原查询码查询。" + (
            f"{where}" if where else ""
        )
    return _decide(case, actor, "三(五)1", body=body)


@register_step("decide_disclosure")
def decide_disclosure(
    case: Case, actor: User, *, outcome: str, body: str | None = None, withheld: str | None = None
) -> Outcome:
    """The head chooses the statutory outcome and signs the notice off (审签)."""
    if outcome not in {o.row for o in SIGN_OFF_OUTCOMES}:
        raise CaseError("请选择答复结果", status=400)
    if outcome == "三(二)" and not (withheld or "").strip():
        raise CaseError("部分公开的，请写明不予公开的内容及理由", status=400)
    body = body if body is not None and body.strip() else (case.reply.body if case.reply else "")
    return _decide(case, actor, outcome, body=body, withheld=withheld)


def notice_text(
    case: Case, request: DisclosureRequest, row: str, body: str | None, withheld: str | None
) -> str:
    """The notice (告知书) of an outcome: the decision, its legal basis and the applicant's remedies."""
    return render_template(
        "disclosure/notice.txt",
        bureau=current_app.config["DESK_BUREAU_NAME"],
        case=case,
        request=request,
        outcome=OUTCOME_BY_ROW[row],
        applicant=request.organisation or case.citizen_name,
        delivery=DELIVERY_LABELS.get(request.delivery or ""),
        body=(body or "").strip(),
        withheld=(withheld or "").strip(),
        remedies=REMEDIES,
        day=today(),
    ).strip()


def _decide(case: Case, actor: User, row: str, *, body: str | None, withheld: str | None = None) -> Outcome:
    request = request_of(case)
    request.outcome, request.decided_on = row, today()
    request.withheld = (withheld or "").strip() or None
    signed = steps.sign_off(case, actor, body=notice_text(case, request, row, body, withheld))
    outcome = OUTCOME_BY_ROW[row]
    return Outcome(
        note=f"答复结果：{outcome.heading}；{signed.note}",
        public_note=f"已作出答复：{outcome.heading}",
        result=signed.result,
        signal_data={"outcome": row},
    )


def _running(case: Case, *reasons: str) -> ClockPause:
    now = today()
    for pause in case.pauses:
        if pause.reason in reasons and (pause.ended_on is None or pause.ended_on > now):
            return pause
    raise CaseError("该件没有正在进行的暂停计时")


def id_type_label(code: str | None) -> str:
    """The credential's Chinese name."""
    return ID_TYPE_LABELS.get(code or "", code or "—")
