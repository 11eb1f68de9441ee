"""One table from the case page's forms to lifecycle actions, and the one view that runs them all.

Each row names the URL (kept stable for bookmarks and tests), the form, how its data becomes the
action's arguments and what the user is told. The view validates the form, calls
`lifecycle.apply`, commits once and redirects; a refused action is the CaseError's 4xx with its
Chinese message, after a rollback, so nothing is written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from desk.cases.errors import CaseError
from desk.cases.kinds import kind_spec
from desk.cases.lifecycle import apply
from desk.cases.queries import case_for, division_by_id, division_choices
from desk.extensions import db
from desk.models import Case, Role
from desk.supervision.queries import extension_for_update
from desk.timeutil import today
from desk.web.access import DIVISION_ROLES, roles_required
from desk.web.acting import act_and_redirect
from desk.web.disclosure.forms import (
    ConsultForm,
    CorrectedForm,
    CorrectionForm,
    DecisionForm,
    FeeForm,
    NoteForm,
    PaymentForm,
    RedirectForm,
)
from desk.web.office.forms import AssignForm, JointReviewForm, ReclassifyForm, RefuseForm, TransferForm
from desk.web.office.kind_forms import ContactForm, GradeForm, MilestoneForm, OutcomeForm, PublishForm
from desk.web.published.forms import ApproveForm, ProposeForm, ReasonForm
from desk.web.staff.forms import ActionForm, CommentForm, DraftForm, SignOffForm
from desk.web.supervision.forms import DecideExtensionForm, ExtensionForm
from desk.web.validators import choices


def _comment(prefix: str, label: str | None = None) -> Callable[[Case], FlaskForm]:
    return lambda case: CommentForm(prefix=prefix, label=label)


def _assign_form(case: Case) -> FlaskForm:
    form = AssignForm(prefix="assign")
    form.division_id.choices = choices([("", "请选择处室"), *division_choices()])
    return form


def _transfer_form(case: Case) -> FlaskForm:
    form = TransferForm(prefix="transfer")
    form.division_id.choices = choices([("", "请选择处室"), *division_choices(exclude=case.division_id)])
    return form


def _reclassify_form(case: Case) -> FlaskForm:
    form = ReclassifyForm(prefix="reclassify")
    form.kind.choices = [c for c in form.kind.choices if c.value != case.kind]
    return form


def _grade_form(case: Case) -> FlaskForm:
    form = GradeForm(prefix="grade")
    form.grade.choices = choices(
        [("", "请选择级别"), *(g for g in kind_spec(case.kind).grades if g[0] != case.grade)]
    )
    return form


def _milestone_form(case: Case) -> FlaskForm:
    form = MilestoneForm(prefix="milestone")
    form.code.choices = choices((m.code, m.label) for m in case.milestones if m.met_at is None)
    return form


def _outcome_form(case: Case) -> FlaskForm:
    form = OutcomeForm(prefix="outcome")
    form.outcome.choices = choices(
        (code, f"{label}（{follows}）") for code, label, follows in kind_spec(case.kind).outcomes
    )
    return form


def _draft_form(case: Case) -> FlaskForm:
    return DraftForm(body=case.reply.body if case.reply else "", seen=draft_version(case))


def draft_version(case: Case) -> str:
    """A mark of the draft's text now, so that a form left open can tell it was changed since."""
    body = case.reply.body if case.reply else ""
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def _signoff_form(case: Case) -> FlaskForm:
    return SignOffForm(body=case.reply.body if case.reply else "", seen=draft_version(case))


def _draft_data(form: FlaskForm, case: Case) -> dict[str, Any]:
    """Save over the draft the page started from: a colleague's save since is shown, not wiped."""
    reply = case.reply
    if (
        form.seen.data
        and form.seen.data != draft_version(case)
        and reply is not None
        and reply.author_id != current_user.id
    ):
        form.seen.data = draft_version(case)  # the page shows both texts; saving again is deliberate
        author = reply.author.display_name if reply.author else "其他同事"
        raise CaseError(f"{author}已修改并保存了答复稿，您的修改尚未保存：请对照下方已保存的版本核改后再保存")
    return {"body": form.body.data or ""}


def _sign_off_data(form: FlaskForm, case: Case) -> dict[str, Any]:
    """The head signs off the draft they read: one resubmitted since is shown again instead."""
    if form.seen.data and form.seen.data != draft_version(case):
        form.body.data, form.seen.data = case.reply.body, draft_version(case)
        raise CaseError("经办人已重新提交答复稿，内容已更新，请阅读下方最新稿后再审签")
    return {"body": form.body.data}


def _approve_form(case: Case) -> FlaskForm:
    """The reviewer starts from the de-identified preview kept when the letter was proposed."""
    from desk.publishing.letters import letter_of

    record = letter_of(case)
    if record is None:
        return ApproveForm(prefix="approve")
    return ApproveForm(prefix="approve", title=record.title, letter=record.letter, reply=record.reply)


def _reason(prefix: str, label: str) -> Callable[[Case], FlaskForm]:
    return lambda case: ReasonForm(prefix=prefix, label=label)


@dataclass(frozen=True)
class CaseAction:
    """One form of the case page and the lifecycle action it asks for."""

    name: str  # the URL's last part and the endpoint's name
    blueprint: str
    roles: tuple[Role, ...]
    action: str | Callable[[FlaskForm], str]  # the lifecycle action (or chosen by the form)
    form: Callable[[Case], FlaskForm]
    context_key: str  # the name the case page knows the form by
    data: Callable[[FlaskForm, Case], dict[str, Any]]
    success: str | Callable[[FlaskForm, Case], str]
    then: Callable[[Case], str] | None = None  # where to go afterwards (default: the case)
    endpoint: str | None = None  # when it is not the name with underscores

    @property
    def endpoint_name(self) -> str:
        return self.endpoint or self.name.replace("-", "_")

    def lifecycle_action(self, form: FlaskForm) -> str:
        return self.action(form) if callable(self.action) else self.action


OFFICE = (Role.OFFICE,)
HEAD = (Role.HEAD,)

ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(
        "assign",
        "office",
        OFFICE,
        "assign",
        _assign_form,
        "assign_form",
        lambda f, c: {"division": division_by_id(f.division_id.data), "note": f.note.data},
        lambda f, c: f"已受理并交{c.division.name}办理",
    ),
    CaseAction(
        "refuse",
        "office",
        OFFICE,
        "refuse",
        lambda c: RefuseForm(prefix="refuse"),
        "refuse_form",
        lambda f, c: {"reason": f.reason.data},
        "已不予受理，来信人可在查询页面看到理由",
    ),
    CaseAction(
        "reclassify",
        "office",
        OFFICE,
        "reclassify",
        _reclassify_form,
        "reclassify_form",
        lambda f, c: {"kind": f.kind.data},
        "类别已调整，办理期限已重新计算",
    ),
    CaseAction(
        "transfer",
        "office",
        OFFICE,
        "transfer",
        _transfer_form,
        "transfer_form",
        lambda f, c: {"division": division_by_id(f.division_id.data), "reason": f.reason.data},
        lambda f, c: f"已转{c.division.name}办理",
    ),
    CaseAction(
        "joint-review",
        "office",
        OFFICE,
        "joint_review",
        lambda c: JointReviewForm(prefix="joint", wanted="0" if c.joint_review else "1"),
        "joint_form",
        lambda f, c: {"wanted": f.wanted.data == "1"},
        lambda f, c: "已提交法律顾问会商" if c.joint_review else "已结束会商",
    ),
    CaseAction(
        "grade",
        "office",
        OFFICE,
        "grade",
        _grade_form,
        "grade_form",
        lambda f, c: {"grade": f.grade.data},
        "级别已调整，办理节点已按收到时间重新计算",
    ),
    CaseAction(
        "milestone",
        "staff",
        (*DIVISION_ROLES, Role.OFFICE),
        "meet_milestone",
        _milestone_form,
        "milestone_form",
        lambda f, c: {"code": f.code.data, "note": f.note.data},
        "办理节点已报告完成",
    ),
    CaseAction(
        "outcome",
        "staff",
        DIVISION_ROLES,
        "classify_response",
        _outcome_form,
        "outcome_form",
        lambda f, c: {"outcome": f.outcome.data, "note": f.note.data},
        "核实结论已记录",
    ),
    CaseAction(
        "co-opinion",
        "staff",
        DIVISION_ROLES,
        "co_opinion",
        _comment("co", "会办意见"),
        "co_form",
        lambda f, c: {"comment": f.comment.data},
        "会办意见已提交主办处室",
    ),
    CaseAction(
        "contact-proposer",
        "staff",
        DIVISION_ROLES,
        "contact_proposer",
        lambda c: ContactForm(prefix="contact"),
        "contact_form",
        lambda f, c: {"note": f.note.data},
        "沟通联系情况已记录",
    ),
    CaseAction(
        "publish",
        "office",
        OFFICE,
        "publish_reply",
        lambda c: PublishForm(prefix="publish"),
        "publish_form",
        lambda f, c: {"mode": f.mode.data, "summary": f.summary.data},
        "答复已公开（姓名、联系方式和抄送范围不公开）",
    ),
    CaseAction(
        "leave-group",
        "office",
        OFFICE,
        "leave_group",
        _comment("leave", "移出理由"),
        "leave_group_form",
        lambda f, c: {"note": f.comment.data},
        "已移出集中反映，该件单独答复",
    ),
    CaseAction(
        "close",
        "office",
        OFFICE,
        "close",
        lambda c: ActionForm(prefix="close"),
        "close_form",
        lambda f, c: {},
        "已办结归档",
    ),
    CaseAction(
        "draft",
        "staff",
        DIVISION_ROLES,
        lambda f: "submit" if f.submit_review.data else "save_draft",
        _draft_form,
        "draft_form",
        _draft_data,
        lambda f, c: "已提交审签" if f.submit_review.data else "草稿已保存",
    ),
    CaseAction(
        "sign-off",
        "staff",
        HEAD,
        "sign_off",
        _signoff_form,
        "signoff_form",
        _sign_off_data,
        "已签发，答复已发布",
    ),
    CaseAction(
        "send-back",
        "staff",
        HEAD,
        "send_back",
        _comment("sendback"),
        "sendback_form",
        lambda f, c: {"comment": f.comment.data},
        "已退回修改",
    ),
    CaseAction(
        "hand-back",
        "staff",
        DIVISION_ROLES,
        "hand_back",
        _comment("handback"),
        "handback_form",
        lambda f, c: {"reason": f.comment.data},
        lambda f, c: f"{c.number} 已退回综合处",
        then=lambda c: url_for("staff.queue"),  # the case is no longer the division's to open
    ),
    CaseAction(
        "counsel-comment",
        "staff",
        (Role.COUNSEL,),
        "counsel_comment",
        _comment("counsel"),
        "counsel_form",
        lambda f, c: {"comment": f.comment.data},
        "意见已提交",
    ),
    CaseAction(
        "extension",
        "supervision",
        DIVISION_ROLES,
        "request_extension",
        lambda c: ExtensionForm(prefix="extension"),
        "extension_form",
        lambda f, c: {"days": f.days.data, "reason": f.reason.data},
        "延期申请已提交综合处",
        endpoint="request_extension",
    ),
    # 信件选登: the division proposes, the office reviews and may take a letter down again
    CaseAction(
        "propose-publication",
        "published",
        DIVISION_ROLES,
        "propose_publication",
        lambda c: ProposeForm(prefix="propose"),
        "propose_form",
        lambda f, c: {"note": f.note.data},
        "已提请公开，待综合处审核去标识化文本",
    ),
    CaseAction(
        "approve-publication",
        "published",
        OFFICE,
        "approve_publication",
        _approve_form,
        "approve_form",
        lambda f, c: {"title": f.title.data, "letter": f.letter.data, "reply": f.reply.data},
        "审核通过，信件及答复已在信件选登公开",
    ),
    CaseAction(
        "refuse-publication",
        "published",
        OFFICE,
        "refuse_publication",
        _reason("refusepub", "不予公开的理由"),
        "refuse_publication_form",
        lambda f, c: {"reason": f.reason.data},
        "已不予公开，理由已告知承办处室",
    ),
    CaseAction(
        "unpublish",
        "published",
        OFFICE,
        "unpublish",
        _reason("unpublish", "撤下的理由"),
        "unpublish_form",
        lambda f, c: {"reason": f.reason.data},
        "已撤下，信件选登不再显示该件",
    ),
    CaseAction(
        "reopen",
        "supervision",
        OFFICE,
        "reopen",
        _comment("reopen", "重新办理的理由"),
        "reopen_form",
        lambda f, c: {"note": f.comment.data},
        "已重新交办",
    ),
    # 政府信息公开申请 (kind disclosure)
    CaseAction(
        "correction",
        "disclosure",
        DIVISION_ROLES,
        "notify_correction",
        lambda c: CorrectionForm(prefix="correction"),
        "correction_form",
        lambda f, c: {"items": f.items.data, "days": f.days.data},
        "已发出补正告知，计时暂停",
    ),
    CaseAction(
        "corrected",
        "disclosure",
        DIVISION_ROLES,
        "record_correction",
        lambda c: CorrectedForm(prefix="corrected", received=today()),
        "corrected_form",
        lambda f, c: {"received": f.received.data},
        lambda f, c: f"已登记补正，答复期限重新计算至 {c.due_date:%Y-%m-%d}",
    ),
    CaseAction(
        "correction-lapsed",
        "disclosure",
        HEAD,
        "correction_lapsed",
        lambda c: NoteForm(prefix="clapse"),
        "correction_lapsed_form",
        lambda f, c: {"note": f.note.data},
        "已按逾期不补正办结，告知书已发布",
    ),
    CaseAction(
        "consult",
        "disclosure",
        DIVISION_ROLES,
        "consult",
        lambda c: ConsultForm(prefix="consult"),
        "consult_form",
        lambda f, c: {"party": f.party.data, "addressee": f.addressee.data},
        "已登记征求意见，所需时间不计入答复期限",
    ),
    CaseAction(
        "consultation-answered",
        "disclosure",
        DIVISION_ROLES,
        "end_consultation",
        lambda c: NoteForm(prefix="answered"),
        "answered_form",
        lambda f, c: {"note": f.note.data},
        lambda f, c: f"已恢复计时，截止日期 {c.due_date:%Y-%m-%d}",
    ),
    CaseAction(
        "fee",
        "disclosure",
        DIVISION_ROLES,
        "notify_fee",
        lambda c: FeeForm(prefix="fee"),
        "fee_form",
        lambda f, c: {"basis": f.basis.data, "quantity": f.quantity.data, "amount": f.amount.data},
        "已发出收费通知，计时暂停",
    ),
    CaseAction(
        "paid",
        "disclosure",
        DIVISION_ROLES,
        "record_payment",
        lambda c: PaymentForm(prefix="paid"),
        "paid_form",
        lambda f, c: {},
        lambda f, c: f"已登记缴费，恢复计时，截止日期 {c.due_date:%Y-%m-%d}",
    ),
    CaseAction(
        "fee-lapsed",
        "disclosure",
        HEAD,
        "fee_lapsed",
        lambda c: NoteForm(prefix="flapse"),
        "fee_lapsed_form",
        lambda f, c: {"note": f.note.data},
        "已按逾期未缴费办结，告知书已发布",
    ),
    CaseAction(
        "redirect",
        "disclosure",
        OFFICE,
        "redirect_petition",
        lambda c: RedirectForm(prefix="redirect"),
        "redirect_form",
        lambda f, c: {"where": f.where.data, "make_complaint": f.make_complaint.data},
        "已按第三十九条告知申请人，不作为信息公开申请处理",
    ),
    CaseAction(
        "decision",
        "disclosure",
        HEAD,
        "decide_disclosure",
        lambda c: DecisionForm(prefix="decision", body=c.reply.body if c.reply else ""),
        "decision_form",
        lambda f, c: {"outcome": f.outcome.data, "body": f.body.data, "withheld": f.withheld.data},
        "已审签，告知书已发布",
    ),
)
# The form the case page shows for each lifecycle action (draft covers both of its actions).
PAGE_FORMS: dict[str, CaseAction] = {
    **{a.action: a for a in ACTIONS if isinstance(a.action, str)},
    "save_draft": next(a for a in ACTIONS if a.name == "draft"),
}


def page_forms(case: Case, allowed: frozenset[str], given: dict[str, FlaskForm]) -> dict[str, FlaskForm]:
    """The forms of the actions the user may take now (a form that failed validation kept)."""
    forms = {}
    for action in sorted(allowed):
        spec = PAGE_FORMS.get(action)
        if spec is not None and spec.context_key not in forms:
            forms[spec.context_key] = given.get(spec.context_key) or spec.form(case)
    if "decide_extension" in allowed:
        forms["decide_form"] = given.get("decide_form") or DecideExtensionForm(prefix="decide")
    return forms


def run_case_action(spec: CaseAction, case: Case, form: FlaskForm, extra: dict[str, Any] | None = None):
    """Validate, apply, commit and redirect; or show the case again with the refusal (4xx)."""
    from desk.web.case_page import render_case_page

    if not form.validate_on_submit():
        return render_case_page(case, status=400, **{spec.context_key: form})
    action = spec.lifecycle_action(form)
    try:
        data = spec.data(form, case) | (extra or {})
        apply(case, action, current_user, **data)
    except CaseError as error:
        db.session.rollback()
        db.session.refresh(case)
        flash(str(error), "error")
        return render_case_page(case, status=error.status, **{spec.context_key: form})
    db.session.commit()
    success = spec.success(form, case) if callable(spec.success) else spec.success
    flash(success, "success")
    return redirect(spec.then(case) if spec.then else url_for("staff.case", case_id=case.id))


def act_on_case(
    case: Case,
    action: Callable[[], Any],
    success: str,
    *,
    then: str | None = None,
    then_after: Callable[[], str] | None = None,
    **forms,
):
    """Run a service on the case (for work outside the table); commit and redirect, or show the refusal.

    `then_after` names the page to go to once the action has run (e.g. a record it created).
    """
    from desk.web.case_page import render_case_page

    return act_and_redirect(
        action,
        success,
        then=lambda: (then_after() if then_after else then) or url_for("staff.case", case_id=case.id),
        refused=lambda error: render_case_page(case, status=error.status, **forms),
        refresh=case,
    )


def _view(spec: CaseAction):
    def view(case_id: int):
        case = case_for(current_user, case_id, for_update=True)
        return run_case_action(spec, case, spec.form(case))

    view.__name__ = spec.endpoint_name
    view.__doc__ = f"POST the case page's {spec.name} form (lifecycle action {spec.action!r})."
    return roles_required(*spec.roles)(view)


def register_case_actions(bp: Blueprint) -> None:
    """Add this blueprint's rows of the table as POST routes /cases/<id>/<name>."""
    for spec in ACTIONS:
        if spec.blueprint == bp.name:
            bp.add_url_rule(
                f"/cases/<int:case_id>/{spec.name}",
                endpoint=spec.endpoint_name,
                view_func=_view(spec),
                methods=["POST"],
            )


def decide_extension_view(request_id: int):
    """The office approves or refuses an extension (its URL names the request, not the case)."""
    extension = extension_for_update(request_id)
    case = case_for(current_user, extension.case_id, for_update=True)
    spec = CaseAction(
        "decide",
        "supervision",
        OFFICE,
        "decide_extension",
        lambda c: DecideExtensionForm(prefix="decide"),
        "decide_form",
        lambda f, c: {"approve": f.decision.data == "approve", "note": f.note.data},
        lambda f, c: "已批准延期" if f.decision.data == "approve" else "已不予批准延期",
    )
    return run_case_action(spec, case, spec.form(case), {"request": extension})
