"""The integrated office: triage, transfers, search, and the calendar warning."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from desk.cases.deadlines import due_window, load_calendar
from desk.cases.queries import (
    SearchCriteria,
    all_divisions,
    failed_delivery_count,
    handed_back_ids,
    provisional_open_count,
    search_cases,
    triage_queue,
)
from desk.cases.workdays import WorkingCalendar
from desk.extensions import db
from desk.models import Role
from desk.timeutil import today
from desk.web.access import roles_required
from desk.web.case_actions import register_case_actions
from desk.web.office.forms import (
    SearchForm,
)
from desk.web.validators import choices

bp = Blueprint("office", __name__, url_prefix="/office")


@bp.get("/")
@roles_required(Role.OFFICE)
def triage():
    """New and handed-back cases waiting for triage, and warnings the office must see."""
    stmt = triage_queue()
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    calendar = load_calendar()
    window = due_window(today(), calendar)
    return render_template(
        "office/triage.html",
        page=page,
        handed_back=handed_back_ids([case.id for case in page.items]),
        window=window,
        calendar_warning=calendar_warning(window.today, calendar),
        failed_deliveries=failed_delivery_count(),
    )


def calendar_warning(current: date, calendar: WorkingCalendar) -> dict | None:
    """Years without holiday data that deadlines reach, and how many deadlines are provisional."""
    missing = calendar.missing_years(range(current.year, current.year + 2))
    provisional = provisional_open_count()
    if not missing and not provisional:
        return None
    return {"years": missing, "provisional": provisional}


@bp.get("/cases")
@roles_required(Role.OFFICE)
def search():
    """Search all cases by number, text, state, kind, channel, division and dates."""
    form = SearchForm(request.args)
    divisions = all_divisions()
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


register_case_actions(bp)
