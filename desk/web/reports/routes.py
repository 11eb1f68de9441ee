"""Reports: the office dashboard, the head's division figures, circulars and public statistics."""

from __future__ import annotations

from io import BytesIO

from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask_login import current_user

from desk.cases.deadlines import due_window
from desk.cases.kinds import KINDS
from desk.cases.queries import visible_cases
from desk.extensions import db
from desk.models import CaseState, Channel, RatingLevel, Role
from desk.reports.cache import cache_seconds
from desk.reports.charts import trend_chart
from desk.reports.circulars import circular_columns
from desk.reports.dashboards import dashboard_figures, desk_extras, public_figures
from desk.reports.figures import DEFINITIONS, period_figures
from desk.reports.lists import FIGURE_LISTS, UnknownFigure, figure_cases
from desk.reports.periods import (
    PRESETS,
    Period,
    PeriodError,
    parse_period,
    preset_period,
    previous_month,
)
from desk.reports.public_stats import PUBLIC_DEFINITIONS
from desk.reports.xlsx import circular_workbook
from desk.timeutil import today
from desk.web.access import roles_required

bp = Blueprint("reports", __name__)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/office/dashboard")
@roles_required(Role.OFFICE)
def dashboard():
    """The office's dashboard over every division."""
    return _dashboard(division_id=None)


@bp.get("/reports/division")
@roles_required(Role.HEAD)
def division_dashboard():
    """The same dashboard for a division head, counted over the head's division only."""
    if current_user.division_id is None:
        abort(404)
    return _dashboard(division_id=current_user.division_id)


def _dashboard(division_id: int | None):
    current = today()
    preset = request.args.get("period", "12m")
    try:
        period = preset_period(preset, current)
    except PeriodError as error:
        return render_template("errors.html", code=400, message=str(error)), 400
    figures, counted_at = dashboard_figures(period, division_id, current)
    return render_template(
        "reports/dashboard.html",
        figures=figures,
        presets=PRESETS,
        preset=preset,
        chart=trend_chart(figures.months),
        months=figures.months,
        definitions=DEFINITIONS,
        division_view=division_id is not None,
        counted_at=counted_at,
        labels=_labels(),
        desk_extras=None if division_id is not None else desk_extras(period, current),
    )


@bp.get("/reports/cases")
@roles_required(Role.OFFICE, Role.HEAD)
def figure_list():
    """The cases a dashboard number counts (a head's are the division's own, whatever is asked)."""
    current = today()
    key = request.args.get("period", "12m")
    try:
        period = preset_period(key, current) if key in PRESETS else parse_period(key)
    except PeriodError as error:
        return _bad_period(str(error))
    division = request.args.get("division", "")
    if current_user.role == Role.HEAD:
        division = str(current_user.division_id)
    window = due_window(current)
    figure = request.args.get("figure", "")
    filters = {name: request.args.get(name) or None for name in ("state", "kind", "channel")}
    try:
        stmt = figure_cases(
            visible_cases(current_user),
            figure,
            period,
            window,
            division_id=int(division) if division.isdigit() else None,
            unassigned=division == "none",
            **filters,
        )
    except UnknownFigure as error:
        return render_template("errors.html", code=400, message=str(error)), 400
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "reports/cases.html",
        page=page,
        window=window,
        figure=FIGURE_LISTS[figure],
        period=period,
        args=args,
        labels=_labels(),
        filters=filters,
        back="reports.division_dashboard" if current_user.role == Role.HEAD else "reports.dashboard",
    )


def _labels() -> dict:
    return {
        "state": {s.value: s.label for s in CaseState},
        "kind": {code: k.label for code, k in KINDS.items()},
        "channel": {c.value: c.label for c in Channel},
        "rating": {level.value: level.label for level in RatingLevel},
    }


def _bad_period(message: str):
    """The error page for a period the desk cannot read."""
    return render_template("errors.html", code=400, message=message), 400


@bp.get("/office/circulars")
@roles_required(Role.OFFICE)
def circulars():
    """The monthly or quarterly circular: one row per division, with totals."""
    text = request.args.get("period")
    try:
        period = parse_period(text) if text else previous_month(today())
    except PeriodError as error:
        return _bad_period(str(error))
    figures = period_figures(period, due_window(today()))
    return render_template(
        "reports/circulars.html",
        figures=figures,
        columns=circular_columns(),
        definitions=DEFINITIONS,
        title=_circular_title(figures.period),
    )


@bp.get("/office/circulars.xlsx")
@roles_required(Role.OFFICE)
def circulars_xlsx():
    """The circular as a spreadsheet to send to the divisions."""
    text = request.args.get("period")
    try:
        period = parse_period(text) if text else previous_month(today())
    except PeriodError as error:
        return _bad_period(str(error))
    figures = period_figures(period, due_window(today()))
    title = _circular_title(period)
    return send_file(
        BytesIO(circular_workbook(figures, title)),
        mimetype=XLSX_MIMETYPE,
        as_attachment=True,
        download_name=f"{title}.xlsx",
        max_age=0,
    )


def _circular_title(period: Period) -> str:
    kind = "季度通报" if "Q" in period.key else "月度统计"
    return f"来信办理{kind}（{period.label}）"


@bp.get("/statistics")
def statistics():
    """Public handling statistics: no login, no personal data, no division names."""
    current = today()
    stats, _ = public_figures(current)
    response = render_template(
        "reports/statistics.html",
        stats=stats,
        chart=trend_chart(stats.months),
        definitions=PUBLIC_DEFINITIONS,
        channel_labels={c.value: c.label for c in Channel},
    )
    return response, 200, {"Cache-Control": f"public, max-age={max(cache_seconds(), 60)}"}
