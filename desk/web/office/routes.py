"""The integrated office: triage, transfers, search, and the calendar warning."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from desk.cases import services
from desk.cases.deadlines import due_window, load_calendar
from desk.cases.errors import CaseError
from desk.cases.groups import add_to_group, create_group
from desk.cases.kinds import proposal_kinds
from desk.cases.queries import (
    SearchCriteria,
    all_divisions,
    case_by_intake_key,
    case_for,
    division_by_id,
    division_choices,
    failed_delivery_count,
    handed_back_ids,
    kind_ledger,
    open_groups,
    open_letters_by_id,
    proposal_ledger,
    provisional_open_count,
    search_cases,
    triage_queue,
)
from desk.cases.workdays import WorkingCalendar
from desk.extensions import db
from desk.models import CaseGroup, Role
from desk.timeutil import start_of_day, today, utcnow
from desk.web.access import roles_required
from desk.web.case_actions import act_on_case, register_case_actions
from desk.web.case_page import render_case_page
from desk.web.office.forms import (
    SearchForm,
)
from desk.web.office.kind_forms import (
    OPINION,
    AddToGroupForm,
    GroupForm,
    LedgerForm,
    OpinionForm,
    ProposalForm,
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
    stmt = search_cases(current_user, criteria, today=window.today, soon=window.soon, now=window.now)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    args = {field.name: request.args[field.name] for field in form if request.args.get(field.name)}
    return render_template("office/search.html", form=form, page=page, window=window, args=args)


@bp.get("/opinions")
@roles_required(Role.OFFICE)
def opinions():
    """The 舆情 ledger: every item with its level, platform, division, milestones and status."""
    form = LedgerForm(request.args)
    form.grade.choices = choices([("", "全部"), *OPINION.grades])
    if not form.validate():
        return render_template("office/opinions.html", form=form, page=None, now=utcnow()), 400
    now = utcnow()
    stmt = kind_ledger(OPINION.code, now=now, grade=form.grade.data or None, status=form.status.data or None)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    args = {name: request.args[name] for name in ("grade", "status") if request.args.get(name)}
    return render_template("office/opinions.html", form=form, page=page, now=now, spec=OPINION, args=args)


@bp.route("/opinions/new", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
def new_opinion():
    """Register a 舆情 (7×24) and dispatch it to a division; its hour clock starts now."""
    form = OpinionForm()
    divisions = division_choices()
    form.division_id.choices = choices([("", "请选择处室"), *divisions])
    form.co_division_ids.choices = choices(divisions)
    if not form.validate_on_submit():
        return render_template(
            "office/opinion_new.html", form=form, spec=OPINION
        ), 400 if form.errors else 200
    if (earlier := case_by_intake_key(form.submission_id.data)) is not None:
        return _already_registered(earlier)
    try:
        case = services.register_office_case(
            current_user,
            kind=OPINION.code,
            subject=form.subject.data,
            content=form.content.data,
            division=division_by_id(form.division_id.data),
            grade=form.grade.data,
            details={"source_url": form.source_url.data, "platform": form.platform.data},
            attachments=[form.checked_screenshot],
            co_divisions=[division_by_id(i) for i in form.co_division_ids.data or []],
            intake_key=form.submission_id.data,
        )
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
        return render_template("office/opinion_new.html", form=form, spec=OPINION), error.status
    if (earlier := _commit_once(form.submission_id.data)) is not None:
        return _already_registered(earlier)
    flash(f"舆情已登记并分办：{case.number}", "success")
    return redirect(url_for("staff.case", case_id=case.id))


@bp.get("/proposals")
@roles_required(Role.OFFICE)
def proposals():
    """The ledger of suggestions and proposals: divisions, due date, contact, publication."""
    kinds = [spec.code for spec in proposal_kinds()]
    kind = request.args.get("kind") or None
    status = request.args.get("status") or None
    if (kind and kind not in kinds) or status not in (None, "open", "done"):
        return render_template("errors.html", code=400, message="筛选条件无效"), 400
    stmt = proposal_ledger(kinds, kind=kind, status=status)
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    args = {name: request.args[name] for name in ("kind", "status") if request.args.get(name)}
    return render_template(
        "office/proposals.html",
        page=page,
        kinds=proposal_kinds(),
        kind=kind,
        status=status,
        args=args,
        window=due_window(today()),
    )


@bp.route("/proposals/new", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
def new_proposal():
    """Register a suggestion or proposal and assign it to a lead and co-handling divisions (交办)."""
    form = ProposalForm()
    form.kind.choices = choices([("", "请选择类别"), *((k.code, k.label) for k in proposal_kinds())])
    divisions = division_choices()
    form.division_id.choices = choices([("", "请选择处室"), *divisions])
    form.co_division_ids.choices = choices(divisions)
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("office/proposal_new.html", form=form, kinds=proposal_kinds()), status
    if (earlier := case_by_intake_key(form.submission_id.data)) is not None:
        return _already_registered(earlier)
    try:
        case = services.register_office_case(
            current_user,
            kind=form.kind.data,
            subject=form.subject.data,
            content=form.content.data,
            division=division_by_id(form.division_id.data),
            co_divisions=[division_by_id(i) for i in form.co_division_ids.data or []],
            details={
                "doc_number": form.doc_number.data,
                "session": form.session.data,
                "proposer": form.proposer.data,
                "contact": form.contact.data,
                "copy_to": form.copy_to.data,
            },
            received_at=start_of_day(form.assigned_on.data),
            intake_key=form.submission_id.data,
        )
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
        return render_template("office/proposal_new.html", form=form, kinds=proposal_kinds()), error.status
    if (earlier := _commit_once(form.submission_id.data)) is not None:
        return _already_registered(earlier)
    flash(f"已登记并交办：{case.number}，答复期限 {case.due_date:%Y-%m-%d}", "success")
    return redirect(url_for("staff.case", case_id=case.id))


def _commit_once(key: str):
    """Commit the registration; the case the same form made a moment ago when it arrived twice at once."""
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        if (earlier := case_by_intake_key(key)) is None:
            raise
        return earlier
    return None


def _already_registered(case):
    """The registration form posted again (double click, back button): the case it already made."""
    flash(f"该件已登记为 {case.number}，未重复登记", "info")
    return redirect(url_for("staff.case", case_id=case.id))


@bp.post("/cases/<int:case_id>/group")
@roles_required(Role.OFFICE)
def group_case(case_id: int):
    """Open a 集中反映 with this case and the similar letters picked, or link it into an open one."""
    case = case_for(current_user, case_id, for_update=True)
    if request.form.get("add-group_id"):
        form = AddToGroupForm(prefix="add")
        form.group_id.choices = choices([("", "请选择"), *((g.id, g.title) for g in open_groups())])
        if not form.validate_on_submit():
            return render_case_page(case, status=400, add_group_form=form)
        group = db.session.get(CaseGroup, form.group_id.data)
        return act_on_case(
            case,
            lambda: add_to_group(current_user, group, case),
            f"已并入集中反映“{group.title}”",
            add_group_form=form,
        )
    form = GroupForm(prefix="group")
    form.division_id.choices = choices([("", "请选择处室"), *division_choices()])
    form.member_ids.choices = choices(
        (c.id, c.number) for c in open_letters_by_id(_ints(request.form.getlist("group-member_ids")))
    )
    if not form.validate_on_submit():
        return render_case_page(case, status=400, group_form=form)
    others = open_letters_by_id(form.member_ids.data)

    def create():
        created = create_group(
            current_user,
            title=form.title.data,
            division=division_by_id(form.division_id.data),
            cases=[case, *others],
        )
        holder["id"] = created.id

    holder: dict = {}
    return act_on_case(
        case,
        create,
        f"已将 {len(others) + 1} 件来信并为集中反映",
        group_form=form,
        then_after=lambda: url_for("staff.group", group_id=holder["id"]),
    )


def _ints(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


register_case_actions(bp)
