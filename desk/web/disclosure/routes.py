"""依申请公开 pages: the public request form, the annual report's table, its entered sections, the import."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from sqlalchemy.exc import IntegrityError

from desk.cases.deadlines import days_in_force
from desk.cases.errors import CaseError
from desk.cases.kinds import kind_spec
from desk.cases.queries import case_by_intake_key
from desk.disclosure.annual import annual_report, save_figures
from desk.disclosure.queries import register_years
from desk.disclosure.register import RegisterError, import_register
from desk.disclosure.services import KIND, Application, submit_request
from desk.disclosure.taxonomy import COLUMNS, REVIEW_RESULTS, ROWS, SECTION_FOUR, SECTION_TWO
from desk.disclosure.xlsx import annual_workbook, row_title
from desk.extensions import db
from desk.models import Role
from desk.timeutil import today
from desk.web.access import roles_required
from desk.web.case_actions import register_case_actions
from desk.web.disclosure.forms import DisclosureRequestForm, ImportForm, figure_form
from desk.web.public.routes import already_submitted
from desk.web.throttling import limited, write_limits

bp = Blueprint("disclosure", __name__)
register_case_actions(bp)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/write/disclosure", methods=["GET", "POST"])
@limited(write_limits)
def write():
    """The public request form (政府信息公开申请表): a case of kind disclosure with its register row."""
    spec = kind_spec(KIND)
    form = DisclosureRequestForm()
    if form.validate_on_submit():
        key = form.submission_id.data
        if (earlier := case_by_intake_key(key)) is not None:
            return already_submitted(earlier)
        application = Application(
            applicant_type=form.applicant_type.data,
            name=form.name.data,
            contact_person=form.contact_person.data,
            id_type=form.id_type.data,
            id_number=form.id_number.data,
            phone=form.phone.data,
            email=form.email.data,
            address=form.address.data,
            subject=form.subject.data,
            description=form.description.data,
            delivery=form.delivery.data,
        )
        try:
            case, code = submit_request(application, attachments=form.checked_uploads, intake_key=key)
            db.session.commit()  # the request is stored before the applicant is told it arrived
        except IntegrityError:
            db.session.rollback()
            if (earlier := case_by_intake_key(key)) is None:
                raise
            return already_submitted(earlier)
        session["submitted"] = {"number": case.number, "code": code, "due": case.due_date.isoformat()}
        return redirect(url_for("public.submitted"))
    status = 400 if form.errors else 200
    intro = spec.intro_for(days_in_force()[spec.code])
    return render_template("disclosure/write.html", form=form, kind=spec, intro=intro), status


def _year() -> int:
    try:
        return int(request.args.get("year") or today().year - 1)
    except ValueError:
        raise CaseError("年度不正确", status=400) from None


@bp.get("/disclosure/annual")
@roles_required(Role.OFFICE)
def annual():
    """The annual report's tables of a year (last year by default) and the check of section 三."""
    report = annual_report(_year())
    years = sorted({*register_years(), report.year, today().year}, reverse=True)
    return render_template(
        "disclosure/annual.html",
        report=report,
        rows=ROWS,
        columns=COLUMNS,
        row_title=row_title,
        years=years,
        review_results=(*REVIEW_RESULTS, "总计"),
    )


@bp.get("/disclosure/annual/<int:year>.json")
@roles_required(Role.OFFICE)
def annual_json(year: int):
    """Section 三 as JSON: {"三": {ROW: {COLUMN: n}}}; refused (409) when the check fails."""
    report = annual_report(year)
    report.require_balanced()
    return jsonify(report.as_json())


@bp.get("/disclosure/annual/<int:year>.xlsx")
@roles_required(Role.OFFICE)
def annual_xlsx(year: int):
    """Sections 二, 三 and 四 as an XLSX workbook; refused (409) when the check fails."""
    report = annual_report(year)
    report.require_balanced()
    data = annual_workbook(report, current_app.config["DESK_BUREAU_NAME"])
    return send_file(
        BytesIO(data), mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=f"disclosure-{year}.xlsx"
    )


def _cells(section: str) -> list[tuple[str, str, str]]:
    """(field name, row, column) of every cell staff enter in a section."""
    if section == "二":
        cells = [(row, column) for row, columns in SECTION_TWO for column in columns]
    else:
        cells = [(row, column) for row in SECTION_FOUR for column in REVIEW_RESULTS]
    return [(f"c{index}", row, column) for index, (row, column) in enumerate(cells)]


@bp.route("/disclosure/annual/<int:year>/section/<section>", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
def figures(year: int, section: str):
    """Enter section 二 (主动公开) or 四 (复议、诉讼) of the year's report."""
    if section not in ("二", "四"):
        raise CaseError("没有这一部分", status=404)
    report = annual_report(year)
    entered = report.section_two if section == "二" else report.section_four
    cells = _cells(section)
    form = figure_form({name: Decimal(str(entered[row][column])) for name, row, column in cells})()
    if form.validate_on_submit():
        values = {(row, column): float(getattr(form, name).data) for name, row, column in cells}
        if section == "四" and any(v != int(v) for v in values.values()):
            flash("复议、诉讼件数应为整数", "error")
            return _figures_page(year, section, form, cells), 400
        save_figures(year, section, values)
        db.session.commit()
        flash(f"{year}年度第{section}部分已保存", "success")
        return redirect(url_for("disclosure.annual", year=year))
    return _figures_page(year, section, form, cells), 400 if form.errors else 200


def _figures_page(year, section, form, cells):
    return render_template("disclosure/figures.html", year=year, section=section, form=form, cells=cells)


@bp.route("/disclosure/import", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
def import_page():
    """Import a past register (CSV); a bad line is named and nothing of the file is imported."""
    form = ImportForm()
    if form.validate_on_submit():
        try:
            result = import_register(form.register.data.read())
        except RegisterError as error:
            db.session.rollback()
            flash(str(error), "error")
            return render_template("disclosure/import.html", form=form), 400
        db.session.commit()
        flash(
            f"导入完成：新增 {result.added} 件，更新 {result.updated} 件，未变 {result.unchanged} 件",
            "success",
        )
        return redirect(url_for("disclosure.annual"))
    return render_template("disclosure/import.html", form=form), 400 if form.errors else 200
