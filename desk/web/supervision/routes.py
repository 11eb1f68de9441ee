"""Supervision notices (督办单), the ledger, extensions, reopening and the staff inbox."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from desk.cases.queries import cases_by_ids, division_choices
from desk.extensions import db
from desk.models import Role
from desk.supervision import notices, services
from desk.supervision.queries import (
    pending_extensions,
    supervision_for,
    supervision_ledger,
)
from desk.timeutil import today
from desk.web.access import roles_required
from desk.web.acting import submit_form
from desk.web.case_actions import decide_extension_view, register_case_actions
from desk.web.staff.forms import CommentForm
from desk.web.supervision.forms import DecideExtensionForm, LedgerFilterForm
from desk.web.validators import choices

bp = Blueprint("supervision", __name__)

READERS = (Role.OFFICE, Role.HEAD, Role.STAFF)


@bp.get("/supervision/")
@roles_required(*READERS)
def ledger():
    """The supervision ledger: every notice the user may read, with filters."""
    form = LedgerFilterForm(request.args)
    form.division_id.choices = choices([("", "全部处室"), *division_choices()])
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
    form = _answer_form()
    return _submit_on_notice(
        supervision,
        form,
        lambda: services.answer_supervision(current_user, supervision, form.comment.data),
        "反馈已提交",
        answer_form=form,
    )


@bp.post("/supervision/<int:supervision_id>/close")
@roles_required(Role.OFFICE)
def close(supervision_id: int):
    """The office closes the notice with its comment."""
    supervision = supervision_for(current_user, supervision_id, for_update=True)
    form = _close_form()
    return _submit_on_notice(
        supervision,
        form,
        lambda: services.close_supervision(current_user, supervision, form.comment.data),
        "督办单已销号",
        close_form=form,
    )


@bp.get("/supervision/extensions")
@roles_required(Role.OFFICE)
def extensions():
    """Extension requests waiting for the office's decision."""
    page = db.paginate(pending_extensions(), per_page=current_app.config["PAGE_SIZE"], error_out=False)
    cases = cases_by_ids([r.case_id for r in page.items])
    return render_template("supervision/extensions.html", page=page, cases=cases, form=DecideExtensionForm())


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
        context["answer_form"] = forms.get("answer_form") or _answer_form()
    if user.role == Role.OFFICE and open_:
        context["close_form"] = forms.get("close_form") or _close_form()
    return render_template("supervision/notice.html", **context), status


def _answer_form() -> CommentForm:
    return CommentForm(prefix="answer", label="反馈意见")


def _close_form() -> CommentForm:
    return CommentForm(prefix="close", label="销号意见")


def _submit_on_notice(supervision, form, action, success: str, **forms):
    """Validate the notice page's form and run the action; the notice again on a failure (a refusal: 409)."""
    return submit_form(
        form,
        action,
        success,
        then=lambda: url_for("supervision.notice", supervision_id=supervision.id),
        show=lambda status: _render_notice(supervision, status=status, **forms),
        refresh=supervision,
        refusal_status=409,
    )


register_case_actions(bp)
bp.add_url_rule(
    "/supervision/extensions/<int:request_id>/decide",
    endpoint="decide_extension",
    view_func=roles_required(Role.OFFICE)(decide_extension_view),
    methods=["POST"],
)
