"""A division's work: its queue, the case page, drafts, sign-off, phone calls."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from desk.cases import groups as groups_service
from desk.cases import services
from desk.cases.attachments import attachment_path
from desk.cases.deadlines import due_window
from desk.cases.queries import (
    case_by_intake_key,
    case_for,
    co_handled_cases,
    division_queue,
    group_for,
    groups_for,
    joint_review_queue,
)
from desk.extensions import db
from desk.models import Role
from desk.timeutil import today
from desk.web.access import DIVISION_ROLES, STAFF_ROLES, roles_required
from desk.web.acting import submit_form
from desk.web.case_actions import register_case_actions
from desk.web.case_page import render_case_page
from desk.web.office.kind_forms import GroupAnswerForm, GroupCommentForm
from desk.web.reading import count_after_reading
from desk.web.staff.forms import ActionForm, PhoneCallForm

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
    stmt = division_queue(current_user, view)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    co_handled = db.session.scalars(co_handled_cases(current_user).limit(50)).all()
    return render_template(
        "staff/queue.html", page=page, view=view, window=due_window(today()), co_handled=co_handled
    )


@bp.get("/joint-reviews")
@roles_required(Role.COUNSEL)
def joint_reviews():
    """Cases the office asked legal counsel to read."""
    stmt = joint_review_queue(current_user)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("staff/joint_reviews.html", page=page, window=due_window(today()))


@bp.get("/cases/<int:case_id>")
@roles_required(*STAFF_ROLES)
def case(case_id: int):
    """One case: the letter, masked contact data, history, reply draft and actions."""
    page, status = render_case_page(case_for(current_user, case_id))
    if shown := g.get("shown_entries"):
        count_after_reading("desk.jobs.knowledge.count_shown", shown)
    return page, status


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


@bp.route("/phone", methods=["GET", "POST"])
@roles_required(Role.STAFF, Role.HEAD, Role.OFFICE)
def phone_call():
    """Record a phone call as a case of its own."""
    form = PhoneCallForm()
    if not form.validate_on_submit():
        if request.method == "GET":
            session.pop("phone_receipt", None)  # the next call: the last one's code is not kept
        return render_template("staff/phone.html", form=form), 400 if form.errors else 200
    letter = services.Letter(
        kind=form.kind.data,
        subject=form.subject.data,
        content=form.question.data,
        citizen_name=form.citizen_name.data,
        phone=form.phone.data,
    )
    key = form.submission_id.data
    if (earlier := case_by_intake_key(key)) is not None:
        return _call_already_recorded(earlier)
    try:
        case, code = services.record_phone_call(current_user, letter, form.answer.data, intake_key=key)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # the same form arrived twice at once
        if (earlier := case_by_intake_key(key)) is None:
            raise
        return _call_already_recorded(earlier)
    session["phone_receipt"] = {"number": case.number, "code": code}  # for a second press of 登记
    return render_template("staff/phone_done.html", case=case, code=code)


def _call_already_recorded(case):
    """A phone-call form posted again (double click, back button): the case it already made, with
    its query code when this browser recorded it (the first answer may never have been seen)."""
    receipt = session.get("phone_receipt")
    if receipt and receipt.get("number") == case.number:
        return render_template("staff/phone_done.html", case=case, code=receipt["code"])
    flash(f"该来电已登记为 {case.number}，未重复登记", "info")
    return redirect(url_for("staff.case", case_id=case.id))


@bp.get("/cases/<int:case_id>/attachments/<int:attachment_id>")
@roles_required(*STAFF_ROLES)
def attachment(case_id: int, attachment_id: int):
    """Download an attachment of a case the user may read."""
    case = case_for(current_user, case_id)
    item = next((a for a in case.attachments if a.id == attachment_id), None)
    if item is None:
        abort(404)
    response = send_file(
        attachment_path(item),
        mimetype=item.content_type,
        as_attachment=True,
        download_name=item.filename,
        max_age=0,
        conditional=False,
        etag=False,
    )
    # Personal documents: never kept by a browser or proxy cache, never rendered in place.
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


GROUP_READERS = (*DIVISION_ROLES, Role.OFFICE, Role.COUNSEL)


@bp.get("/groups")
@roles_required(*GROUP_READERS)
def groups():
    """The 集中反映 groups the user takes part in."""
    return render_template("staff/groups.html", groups=groups_for(current_user))


@bp.get("/groups/<int:group_id>")
@roles_required(*GROUP_READERS)
def group(group_id: int):
    """One group: its members (each with its own number, channel and clock), the answer, the comments."""
    return _render_group(group_for(current_user, group_id))


@bp.post("/groups/<int:group_id>/answer")
@roles_required(*DIVISION_ROLES, Role.OFFICE)
def group_answer(group_id: int):
    """Save the joint answer's draft (the lead division or the office)."""
    group = group_for(current_user, group_id, for_update=True)
    form = GroupAnswerForm(prefix="answer")
    return _submit_on_group(
        group,
        form,
        lambda: groups_service.save_answer(current_user, group, form.body.data),
        "统一答复草稿已保存",
        answer_form=form,
    )


@bp.post("/groups/<int:group_id>/comment")
@roles_required(*GROUP_READERS)
def group_comment(group_id: int):
    """A division's, the office's or counsel's comment on the joint answer."""
    group = group_for(current_user, group_id, for_update=True)
    form = GroupCommentForm(prefix="comment")
    return _submit_on_group(
        group,
        form,
        lambda: groups_service.comment(current_user, group, form.body.data),
        "意见已提交",
        comment_form=form,
    )


@bp.post("/groups/<int:group_id>/sign")
@roles_required(Role.HEAD)
def group_sign(group_id: int):
    """The lead head signs the joint answer: each member being handled is replied on its own channel."""
    group = group_for(current_user, group_id, for_update=True)
    outcome: dict = {}

    def sign():
        outcome["replied"], outcome["left"] = groups_service.answer_group(current_user, group)

    response = _submit_on_group(group, ActionForm(prefix="sign"), sign, "")
    if outcome:
        flash(
            f"统一答复已签发，{len(outcome['replied'])} 件来信已答复"
            + (f"，{len(outcome['left'])} 件未在办理中未答复" if outcome["left"] else ""),
            "success",
        )
    return response


def _submit_on_group(group, form, action, success: str, **forms):
    """Validate the group page's form and run the action; the group's page again on a failure."""
    return submit_form(
        form,
        action,
        success,
        then=lambda: url_for("staff.group", group_id=group.id),
        show=lambda status: _render_group(group, status=status, **forms),
    )


def _render_group(group, *, status: int = 200, **forms):
    user = current_user
    open_ = group.answered_at is None
    context = {
        "group": group,
        "members": groups_service.members(group),
        "window": due_window(today()),
        "answer_form": (forms.get("answer_form") or GroupAnswerForm(prefix="answer", body=group.answer))
        if open_ and groups_service.may_draft(user, group)
        else None,
        "comment_form": (forms.get("comment_form") or GroupCommentForm(prefix="comment")) if open_ else None,
        "sign_form": ActionForm(prefix="sign")
        if open_ and user.role == Role.HEAD and user.division_id == group.division_id
        else None,
    }
    return render_template("staff/group.html", **context), status


register_case_actions(bp)
