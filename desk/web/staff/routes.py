"""A division's work: its queue, the case page, drafts, sign-off, phone calls."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from desk.cases import services
from desk.cases.attachments import attachment_path
from desk.cases.deadlines import due_window
from desk.cases.queries import case_for, division_queue, visible_cases
from desk.extensions import db
from desk.models import Case, CaseState, Role
from desk.timeutil import today
from desk.web.access import DIVISION_ROLES, STAFF_ROLES, roles_required
from desk.web.case_page import render_case_page
from desk.web.staff.forms import ActionForm, CommentForm, DraftForm, PhoneCallForm, SignOffForm

bp = Blueprint("staff", __name__, url_prefix="/staff")


@bp.get("/")
@login_required
def home():
    """Send each role to where its work is."""
    role = current_user.role
    if role == Role.OFFICE:
        return redirect(url_for("office.triage"))
    if role == Role.ADMIN:
        return redirect(url_for("admin.index"))
    if role == Role.COUNSEL:
        return redirect(url_for("staff.joint_reviews"))
    return redirect(url_for("staff.queue"))


@bp.get("/queue")
@roles_required(*DIVISION_ROLES)
def queue():
    """The division's open cases, the most urgent first, with due-soon and overdue badges."""
    view = request.args.get("view", "open")
    stmt = division_queue(current_user, include_replied=view == "all")
    if view == "review":
        stmt = stmt.where(Case.state == CaseState.IN_REVIEW)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("staff/queue.html", page=page, view=view, window=due_window(today()))


@bp.get("/joint-reviews")
@roles_required(Role.COUNSEL)
def joint_reviews():
    """Cases the office asked legal counsel to read."""
    stmt = visible_cases(current_user).order_by(Case.due_date)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("staff/joint_reviews.html", page=page, window=due_window(today()))


@bp.get("/cases/<int:case_id>")
@roles_required(*STAFF_ROLES)
def case(case_id: int):
    """One case: the letter, masked contact data, history, reply draft and actions."""
    page = render_case_page(case_for(current_user, case_id))
    db.session.commit()  # suggestion counters
    return page


@bp.post("/cases/<int:case_id>/contact")
@roles_required(Role.STAFF, Role.HEAD, Role.OFFICE)
def reveal_contact(case_id: int):
    """Show the full contact details once, and log that they were seen."""
    case = case_for(current_user, case_id)
    if not ActionForm().validate_on_submit():
        return render_case_page(case, status=400)
    services.reveal_contact(current_user, case)
    db.session.commit()
    return render_case_page(case, reveal=True)


@bp.post("/cases/<int:case_id>/draft")
@roles_required(*DIVISION_ROLES)
def draft(case_id: int):
    """Save the reply draft, or submit it for sign-off."""
    case = case_for(current_user, case_id, for_update=True)
    form = DraftForm()
    if not form.validate_on_submit():
        return render_case_page(case, status=400, draft_form=form)
    submitting = bool(form.submit_review.data)
    action = services.submit_for_signoff if submitting else services.save_draft
    return act_on_case(
        case,
        lambda: action(current_user, case, form.body.data or ""),
        "已提交审签" if submitting else "草稿已保存",
        draft_form=form,
    )


@bp.post("/cases/<int:case_id>/sign-off")
@roles_required(Role.HEAD)
def sign_off(case_id: int):
    """The head signs the reply off and it is published to the citizen."""
    case = case_for(current_user, case_id, for_update=True)
    form = SignOffForm()
    if not form.validate_on_submit():
        return render_case_page(case, status=400, signoff_form=form)
    return act_on_case(
        case,
        lambda: services.sign_off(current_user, case, form.body.data),
        "已签发，答复已发布",
        signoff_form=form,
    )


@bp.post("/cases/<int:case_id>/send-back")
@roles_required(Role.HEAD)
def send_back(case_id: int):
    """The head returns the draft with a comment."""
    case = case_for(current_user, case_id, for_update=True)
    form = CommentForm(prefix="sendback")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, sendback_form=form)
    return act_on_case(
        case,
        lambda: services.send_back(current_user, case, form.comment.data),
        "已退回修改",
        sendback_form=form,
    )


@bp.post("/cases/<int:case_id>/hand-back")
@roles_required(*DIVISION_ROLES)
def hand_back(case_id: int):
    """Return a misrouted case to the integrated office."""
    case = case_for(current_user, case_id, for_update=True)
    form = CommentForm(prefix="handback")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, handback_form=form)
    return act_on_case(
        case,
        lambda: services.hand_back(current_user, case, form.comment.data),
        f"{case.number} 已退回综合处",
        then=url_for("staff.queue"),  # the case is no longer the division's to open
        handback_form=form,
    )


@bp.post("/cases/<int:case_id>/counsel-comment")
@roles_required(Role.COUNSEL)
def counsel_comment(case_id: int):
    """Legal counsel comments on a case marked for joint review."""
    case = case_for(current_user, case_id)
    form = CommentForm(prefix="counsel")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, counsel_form=form)
    return act_on_case(
        case,
        lambda: services.comment_as_counsel(current_user, case, form.comment.data),
        "意见已提交",
        counsel_form=form,
    )


@bp.route("/phone", methods=["GET", "POST"])
@roles_required(Role.STAFF, Role.HEAD, Role.OFFICE)
def phone_call():
    """Record a phone call as a case of its own."""
    form = PhoneCallForm()
    if not form.validate_on_submit():
        return render_template("staff/phone.html", form=form), 400 if form.errors else 200
    letter = services.Letter(
        kind=form.kind.data,
        subject=form.subject.data,
        content=form.question.data,
        citizen_name=form.citizen_name.data,
        phone=form.phone.data,
    )
    case, code = services.record_phone_call(current_user, letter, form.answer.data)
    db.session.commit()
    return render_template("staff/phone_done.html", case=case, code=code)


def act_on_case(case: Case, action, success: str, *, then: str | None = None, **forms):
    """Run a service on the case; commit and redirect (to `then` or the case), or roll back and show why."""
    try:
        action()
    except services.CaseError as error:
        db.session.rollback()
        db.session.refresh(case)
        flash(str(error), "error")
        return render_case_page(case, status=409, **forms)
    db.session.commit()
    flash(success, "success")
    return redirect(then or url_for("staff.case", case_id=case.id))


@bp.get("/cases/<int:case_id>/attachments/<int:attachment_id>")
@roles_required(*STAFF_ROLES)
def attachment(case_id: int, attachment_id: int):
    """Download an attachment of a case the user may read."""
    case = case_for(current_user, case_id)
    item = next((a for a in case.attachments if a.id == attachment_id), None)
    if item is None:
        abort(404)
    return send_file(
        attachment_path(item),
        mimetype=item.content_type,
        as_attachment=True,
        download_name=item.filename,
        max_age=0,
    )
