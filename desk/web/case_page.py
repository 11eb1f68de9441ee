"""The case page, shared by the division, the office and counsel; forms depend on the role."""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from sqlalchemy import select

from desk.cases.deadlines import due_window, load_calendar
from desk.cases.queries import history
from desk.extensions import db
from desk.models import Case, CaseState, Delivery, Division, Rating, RatingLevel, Role
from desk.timeutil import today
from desk.web.office.forms import (
    AssignForm,
    JointReviewForm,
    ReclassifyForm,
    RefuseForm,
    TransferForm,
)
from desk.web.staff.forms import ActionForm, CommentForm, DraftForm, SignOffForm
from desk.web.validators import choices


def division_choices(exclude: int | None = None) -> list:
    """Active divisions for a select field, after a blank "please choose" (no accidental pick)."""
    divisions = db.session.scalars(
        select(Division).where(Division.active.is_(True)).order_by(Division.sort_order, Division.id)
    )
    return choices([("", "请选择处室")] + [(d.id, d.name) for d in divisions if d.id != exclude])


def render_case_page(case: Case, *, status: int = 200, reveal: bool = False, **forms):
    """Render the case with the forms the current user may use; `forms` replace defaults."""
    user = current_user
    calendar = load_calendar()
    window = due_window(today(), calendar)
    context = {
        "case": case,
        "events": history(case),
        "due_status": window.status(case),
        "remaining": calendar.workdays_between(window.today, case.due_date) if case.is_open else None,
        "late": calendar.workdays_between(case.due_date, window.today) if case.is_open else None,
        "reveal": reveal,
        "reply": case.reply,
    }
    is_member = user.role in (Role.STAFF, Role.HEAD) and user.division_id == case.division_id
    if is_member and case.state == CaseState.ASSIGNED:
        context["draft_form"] = forms.get("draft_form") or DraftForm(
            body=case.reply.body if case.reply else ""
        )
        from desk.knowledge.services import suggest_for_case
        from desk.web.knowledge.forms import InsertForm

        context["entry_hits"], context["reply_hits"] = suggest_for_case(user, case)
        context["insert_form"] = InsertForm(prefix="insert")
    if is_member and case.state in (CaseState.ASSIGNED, CaseState.IN_REVIEW):
        context["handback_form"] = forms.get("handback_form") or CommentForm(prefix="handback")
    if user.role == Role.HEAD and is_member and case.state == CaseState.IN_REVIEW:
        context["signoff_form"] = forms.get("signoff_form") or SignOffForm(
            body=case.reply.body if case.reply else ""
        )
        context["sendback_form"] = forms.get("sendback_form") or CommentForm(prefix="sendback")
    if user.role == Role.OFFICE:
        _office_forms(case, context, forms)
    if user.role == Role.COUNSEL and case.joint_review and case.is_open:
        context["counsel_form"] = forms.get("counsel_form") or CommentForm(prefix="counsel")
    context["can_reveal"] = user.role in (Role.STAFF, Role.HEAD, Role.OFFICE)
    _supervision_context(case, context, forms, is_member=is_member)
    return render_template("staff/case.html", **context), status


def _supervision_context(case: Case, context: dict, forms: dict, *, is_member: bool) -> None:
    """Supervision notices, the extension request and the citizen's ratings of the case."""
    from desk.supervision.queries import case_supervisions
    from desk.supervision.services import pending_extension
    from desk.web.supervision.forms import DecideExtensionForm, ExtensionForm

    user = current_user
    context["supervisions"] = case_supervisions(case.id)
    context["deliveries"] = list(
        db.session.scalars(select(Delivery).where(Delivery.case_id == case.id).order_by(Delivery.id))
    )
    context["ratings"] = list(
        db.session.scalars(select(Rating).where(Rating.case_id == case.id).order_by(Rating.rated_at))
    )
    pending = pending_extension(case)
    context["pending_extension"] = pending
    if is_member and case.state in (CaseState.ASSIGNED, CaseState.IN_REVIEW) and pending is None:
        context["extension_form"] = forms.get("extension_form") or ExtensionForm(prefix="extension")
    if user.role == Role.OFFICE and pending is not None:
        context["decide_form"] = forms.get("decide_form") or DecideExtensionForm(prefix="decide")
    unhappy = any(r.level == RatingLevel.DISSATISFIED for r in context["ratings"])
    if user.role == Role.OFFICE and unhappy and case.state in (CaseState.REPLIED, CaseState.CLOSED):
        context["reopen_form"] = forms.get("reopen_form") or CommentForm(prefix="reopen")
        context["reopen_form"].comment.label.text = "重新办理的理由"


def _office_forms(case: Case, context: dict, forms: dict) -> None:
    if case.state == CaseState.RECEIVED:
        assign = forms.get("assign_form") or AssignForm(prefix="assign")
        assign.division_id.choices = division_choices()
        context["assign_form"] = assign
        context["refuse_form"] = forms.get("refuse_form") or RefuseForm(prefix="refuse")
    if case.state in (CaseState.ASSIGNED, CaseState.IN_REVIEW):
        transfer = forms.get("transfer_form") or TransferForm(prefix="transfer")
        transfer.division_id.choices = division_choices(exclude=case.division_id)
        context["transfer_form"] = transfer
    if case.is_open:
        reclassify = forms.get("reclassify_form") or ReclassifyForm(prefix="reclassify")
        reclassify.kind.choices = [c for c in reclassify.kind.choices if c.value != case.kind]
        context["reclassify_form"] = reclassify
        context["joint_form"] = JointReviewForm(prefix="joint", wanted="0" if case.joint_review else "1")
    if case.state == CaseState.REPLIED:
        context["close_form"] = ActionForm(prefix="close")
