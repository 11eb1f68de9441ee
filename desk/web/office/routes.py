"""The integrated office: triage, transfers, search, and the calendar warning."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user
from sqlalchemy import func, select

from desk.cases import services
from desk.cases.deadlines import due_window, load_calendar
from desk.cases.queries import SearchCriteria, case_for, handed_back_ids, search_cases, triage_queue
from desk.cases.workdays import WorkingCalendar
from desk.extensions import db
from desk.models import OPEN_STATES, Case, Delivery, DeliveryState, Division, Role
from desk.timeutil import today
from desk.web.access import roles_required
from desk.web.case_page import division_choices, render_case_page
from desk.web.office.forms import (
    AssignForm,
    JointReviewForm,
    ReclassifyForm,
    RefuseForm,
    SearchForm,
    TransferForm,
)
from desk.web.staff.forms import ActionForm
from desk.web.staff.routes import act_on_case
from desk.web.validators import choices

bp = Blueprint("office", __name__, url_prefix="/office")


@bp.get("/")
@roles_required(Role.OFFICE)
def triage():
    """New and handed-back cases waiting for triage, and warnings the office must see."""
    page = db.paginate(triage_queue(), per_page=current_app.config["PAGE_SIZE"], error_out=False)
    calendar = load_calendar()
    window = due_window(today(), calendar)
    return render_template(
        "office/triage.html",
        page=page,
        handed_back=handed_back_ids([case.id for case in page.items]),
        window=window,
        calendar_warning=calendar_warning(window.today, calendar),
        failed_deliveries=db.session.scalar(
            select(func.count()).select_from(Delivery).where(Delivery.state == DeliveryState.FAILED)
        ),
    )


def calendar_warning(current: date, calendar: WorkingCalendar) -> dict | None:
    """Years without holiday data that deadlines reach, and how many deadlines are provisional."""
    missing = calendar.missing_years(range(current.year, current.year + 2))
    provisional = db.session.scalar(
        select(func.count())
        .select_from(Case)
        .where(Case.state.in_(OPEN_STATES), Case.due_provisional.is_(True))
    )
    if not missing and not provisional:
        return None
    return {"years": missing, "provisional": provisional}


@bp.get("/cases")
@roles_required(Role.OFFICE)
def search():
    """Search all cases by number, text, state, kind, channel, division and dates."""
    form = SearchForm(request.args)
    divisions = db.session.scalars(select(Division).order_by(Division.sort_order))
    form.division_id.choices = choices([("", "全部处室")] + [(d.id, d.name) for d in divisions])
    window = due_window(today())
    if not form.validate():
        return render_template("office/search.html", form=form, page=None, window=window), 400
    criteria = SearchCriteria(
        number=form.number.data,
        text=form.q.data,
        state=form.state.data or None,
        kind=form.kind.data or None,
        channel=form.channel.data or None,
        division_id=form.division_id.data,
        received_from=form.received_from.data,
        received_to=form.received_to.data,
        due=form.due.data or None,
        delivery=form.delivery.data or None,
    )
    stmt = search_cases(current_user, criteria, today=window.today, soon=window.soon)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    args = {field.name: request.args[field.name] for field in form if request.args.get(field.name)}
    return render_template("office/search.html", form=form, page=page, window=window, args=args)


@bp.post("/cases/<int:case_id>/assign")
@roles_required(Role.OFFICE)
def assign(case_id: int):
    """Accept a case and assign it to a division."""
    case = case_for(current_user, case_id, for_update=True)
    form = AssignForm(prefix="assign")
    form.division_id.choices = division_choices()
    if not form.validate_on_submit():
        return render_case_page(case, status=400, assign_form=form)
    division = db.session.get(Division, form.division_id.data)
    return act_on_case(
        case,
        lambda: services.assign_case(current_user, case, division, form.note.data),
        f"已受理并交{division.name}办理",
        assign_form=form,
    )


@bp.post("/cases/<int:case_id>/refuse")
@roles_required(Role.OFFICE)
def refuse(case_id: int):
    """Not accept a case, with a reason the citizen reads."""
    case = case_for(current_user, case_id, for_update=True)
    form = RefuseForm(prefix="refuse")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, refuse_form=form)
    return act_on_case(
        case,
        lambda: services.refuse_case(current_user, case, form.reason.data),
        "已不予受理，来信人可在查询页面看到理由",
        refuse_form=form,
    )


@bp.post("/cases/<int:case_id>/reclassify")
@roles_required(Role.OFFICE)
def reclassify(case_id: int):
    """Change the kind of a case; the deadline is recomputed."""
    case = case_for(current_user, case_id, for_update=True)
    form = ReclassifyForm(prefix="reclassify")
    if not form.validate_on_submit():
        return render_case_page(case, status=400, reclassify_form=form)
    return act_on_case(
        case,
        lambda: services.reclassify_case(current_user, case, form.kind.data),
        "类别已调整，办理期限已重新计算",
        reclassify_form=form,
    )


@bp.post("/cases/<int:case_id>/transfer")
@roles_required(Role.OFFICE)
def transfer(case_id: int):
    """Move a case to another division."""
    case = case_for(current_user, case_id, for_update=True)
    form = TransferForm(prefix="transfer")
    form.division_id.choices = division_choices(exclude=case.division_id)
    if not form.validate_on_submit():
        return render_case_page(case, status=400, transfer_form=form)
    division = db.session.get(Division, form.division_id.data)
    return act_on_case(
        case,
        lambda: services.transfer_case(current_user, case, division, form.reason.data),
        f"已转{division.name}办理",
        transfer_form=form,
    )


@bp.post("/cases/<int:case_id>/joint-review")
@roles_required(Role.OFFICE)
def joint_review(case_id: int):
    """Ask legal counsel to comment on the case, or stop asking."""
    case = case_for(current_user, case_id, for_update=True)
    form = JointReviewForm(prefix="joint")
    if not form.validate_on_submit():
        return render_case_page(case, status=400)
    wanted = form.wanted.data == "1"
    return act_on_case(
        case,
        lambda: services.set_joint_review(current_user, case, wanted),
        "已提交法律顾问会商" if wanted else "已结束会商",
    )


@bp.post("/cases/<int:case_id>/close")
@roles_required(Role.OFFICE)
def close(case_id: int):
    """File a replied case as finished."""
    case = case_for(current_user, case_id, for_update=True)
    if not ActionForm(prefix="close").validate_on_submit():
        return render_case_page(case, status=400)
    return act_on_case(case, lambda: services.close_case(current_user, case), "已办结归档")
