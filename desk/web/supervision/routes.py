"""Supervision notices (督办单), the ledger, extensions, reopening and the staff inbox."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from desk.cases.queries import case_for
from desk.cases.services import CaseError
from desk.extensions import db
from desk.models import Case, Role
from desk.supervision import notices, services
from desk.supervision.queries import (
    extension_for_update,
    pending_extensions,
    supervision_for,
    supervision_ledger,
)
from desk.timeutil import today
from desk.web.access import DIVISION_ROLES, roles_required
from desk.web.case_page import division_choices, render_case_page
from desk.web.staff.forms import CommentForm
from desk.web.staff.routes import act_on_case
from desk.web.supervision.forms import DecideExtensionForm, ExtensionForm, LedgerFilterForm
from desk.web.validators import choices

bp = Blueprint("supervision", __name__)

READERS = (Role.OFFICE, Role.HEAD, Role.STAFF)


@bp.get("/supervision/")
@roles_required(*READERS)
def ledger():
    """The supervision ledger: every notice the user may read, with filters."""
    form = LedgerFilterForm(request.args)
    form.division_id.choices = choices([("", "全部处室")]) + division_choices()[1:]
    form.validate()
    stmt = supervision_ledger(
        current_user,
        state=form.state.data or None,
        reason=form.reason.data or None,
        division_id=form.division_id.data if current_user.role == Role.OFFICE else None,
        late_on=today() if form.late.data == "late" else None,
    )
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("supervision/ledger.html", page=page, form=form, today=today())


@bp.get("/supervision/<int:supervision_id>")
@roles_required(*READERS)
def notice(supervision_id: int):
    """One supervision notice: reason, deadline for the answer, the answer, the closing."""
    return _render_notice(supervision_for(current_user, supervision_id))


@bp.post("/supervision/<int:supervision_id>/answer")
@roles_required(Role.HEAD)
def answer(supervision_id: int):
    """The division head answers the notice."""
    supervision = supervision_for(current_user, supervision_id, for_update=True)
    form = CommentForm(prefix="answer")
    if not form.validate_on_submit():
        return _render_notice(supervision, status=400, answer_form=form)
    return _act_on_notice(
        supervision,
        lambda: services.answer_supervision(current_user, supervision, form.comment.data),
        "反馈已提交",
        answer_form=form,
    )


@bp.post("/supervision/<int:supervision_id>/close")
@roles_required(Role.OFFICE)
def close(supervision_id: int):
    """The office closes the notice with its comment."""
    supervision = supervision_for(current_user, supervision_id, for_update=True)
    form = CommentForm(prefix="close")
    if not form.validate_on_submit():
        return _render_notice(supervision, status=400, close_form=form)
    return _act_on_notice(
        supervision,
        lambda: services.close_supervision(current_user, supervision, form.comment.data),
        "督办单已销号",
        close_form=form,
    )


@bp.get("/supervision/extensions")
@roles_required(Role.OFFICE)
def extensions():
    """Extension requests waiting for the office's decision."""
    page = db.paginate(pending_extensions(), per_page=current_app.config["PAGE_SIZE"], error_out=False)
    cases = {c.id: c for c in db.session.query(Case).filter(Case.id.in_([r.case_id for r in page.items]))}
    return render_template("supervision/extensions.html", page=page, cases=cases, form=DecideExtensionForm())


@bp.post("/cases/<int:case_id>/extension")
@roles_required(*DIVISION_ROLES)
def request_extension(case_id: int):
    """A division asks for more working days."""
    case = case_for(current_user, case_id, for_update=True)
    form = ExtensionForm(prefix="extension")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, extension_form=form)
    return act_on_case(
        case,
        lambda: services.request_extension(current_user, case, form.days.data, form.reason.data),
        "延期申请已提交综合处",
        extension_form=form,
    )


@bp.post("/supervision/extensions/<int:request_id>/decide")
@roles_required(Role.OFFICE)
def decide_extension(request_id: int):
    """The office approves or refuses an extension."""
    extension = extension_for_update(request_id)
    case = case_for(current_user, extension.case_id, for_update=True)
    form = DecideExtensionForm(prefix="decide")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, decide_form=form)
    approve = form.decision.data == "approve"
    return act_on_case(
        case,
        lambda: services.decide_extension(current_user, extension, approve, form.note.data),
        "已批准延期" if approve else "已不予批准延期",
        decide_form=form,
    )


@bp.post("/cases/<int:case_id>/reopen")
@roles_required(Role.OFFICE)
def reopen(case_id: int):
    """The office reopens a case the citizen was not satisfied with."""
    case = case_for(current_user, case_id, for_update=True)
    form = CommentForm(prefix="reopen")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, reopen_form=form)
    return act_on_case(
        case,
        lambda: services.reopen_case(current_user, case, form.comment.data),
        "已重新交办",
        reopen_form=form,
    )


@bp.get("/inbox")
@roles_required(Role.OFFICE, Role.HEAD, Role.STAFF, Role.COUNSEL)
def inbox():
    """The user's notices, newest first."""
    page = db.paginate(notices.inbox(current_user), per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("supervision/inbox.html", page=page)


@bp.post("/inbox/<int:notice_id>")
@roles_required(Role.OFFICE, Role.HEAD, Role.STAFF, Role.COUNSEL)
def open_notice(notice_id: int):
    """Mark a notice read and go to what it is about."""
    if not _csrf_ok():
        abort(400)
    notice = db.session.scalar(notices.inbox(current_user).where(notices.Notification.id == notice_id))
    if notice is None:
        return redirect(url_for("supervision.inbox"))
    notices.mark_read(current_user, notice.id)
    db.session.commit()
    if notice.supervision_id:
        return redirect(url_for("supervision.notice", supervision_id=notice.supervision_id))
    if notice.case_id:
        return redirect(url_for("staff.case", case_id=notice.case_id))
    return redirect(url_for("supervision.inbox"))


@bp.post("/inbox/read-all")
@roles_required(Role.OFFICE, Role.HEAD, Role.STAFF, Role.COUNSEL)
def read_all():
    """Mark every notice read."""
    if not _csrf_ok():
        abort(400)
    notices.mark_read(current_user)
    db.session.commit()
    flash("已全部标为已读", "success")
    return redirect(url_for("supervision.inbox"))


def _csrf_ok() -> bool:
    from desk.web.staff.forms import ActionForm

    return ActionForm().validate_on_submit()


def _render_notice(supervision, *, status: int = 200, **forms):
    context = {"s": supervision, "case": supervision.case}
    user = current_user
    open_ = supervision.state != "closed"
    if user.role == Role.HEAD and user.division_id == supervision.division_id and open_:
        context["answer_form"] = forms.get("answer_form") or CommentForm(prefix="answer")
        context["answer_form"].comment.label.text = "反馈意见"
    if user.role == Role.OFFICE and open_:
        context["close_form"] = forms.get("close_form") or CommentForm(prefix="close")
        context["close_form"].comment.label.text = "销号意见"
    return render_template("supervision/notice.html", **context), status


def _act_on_notice(supervision, action, success: str, **forms):
    try:
        action()
    except CaseError as error:
        db.session.rollback()
        db.session.refresh(supervision)
        flash(str(error), "error")
        return _render_notice(supervision, status=409, **forms)
    db.session.commit()
    flash(success, "success")
    return redirect(url_for("supervision.notice", supervision_id=supervision.id))
