"""The operator's pages: users, divisions, the working-day calendar, deadline rules."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from desk.cases import calendar_services
from desk.cases.calendar_services import calendar_overrides
from desk.cases.deadlines import load_calendar, working_days_for
from desk.cases.kinds import KINDS
from desk.cases.workdays import published_holidays, published_years
from desk.extensions import db
from desk.models import Role
from desk.people import queries as people
from desk.people.services import PeopleError, add_division, save_user, set_division_active
from desk.timeutil import today
from desk.web.access import roles_required
from desk.web.admin.forms import (
    CalendarDayForm,
    ConfirmYearForm,
    DeadlineRuleForm,
    DivisionForm,
    UserForm,
)
from desk.web.staff.forms import ActionForm
from desk.web.validators import choices

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@roles_required(Role.ADMIN)
def index():
    """What the operator looks after."""
    calendar = load_calendar()
    year = today().year
    return render_template(
        "admin/index.html",
        missing_years=calendar.missing_years(range(year, year + 2)),
        published=published_years(),
    )


def _division_field_choices() -> list:
    divisions = people.all_divisions()
    return choices([("", "（无）")] + [(d.id, d.name) for d in divisions])


@bp.get("/users")
@roles_required(Role.ADMIN)
def users():
    """All staff accounts."""
    return render_template("admin/users.html", users=people.all_users())


@bp.route("/users/new", methods=["GET", "POST"])
@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def user_form(user_id: int | None = None):
    """Create or edit a staff account."""
    user = people.user_by_id(user_id) if user_id else None
    if user_id and user is None:
        abort(404)
    form = UserForm(obj=user) if request.method == "GET" else UserForm()
    form.division_id.choices = _division_field_choices()
    if request.method == "GET" and user is not None:
        form.division_id.data = user.division_id
    if not form.validate_on_submit():
        return render_template("admin/user_form.html", form=form, user=user), 400 if form.errors else 200
    try:
        saved = save_user(
            user,
            username=form.username.data.strip(),
            display_name=form.display_name.data.strip(),
            role=form.role.data,
            division_id=form.division_id.data,
            password=form.password.data,
            active=form.active.data,
        )
    except PeopleError as error:
        db.session.rollback()
        flash(str(error), "error")
        return render_template("admin/user_form.html", form=form, user=user), 400
    db.session.commit()
    flash(f"用户 {saved.username} 已保存", "success")
    return redirect(url_for("admin.users"))


@bp.route("/divisions", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def divisions():
    """List divisions and add one."""
    form = DivisionForm()
    status = 200
    if form.validate_on_submit():
        try:
            add_division(form.name.data)
            db.session.commit()
            flash("处室已添加", "success")
            return redirect(url_for("admin.divisions"))
        except PeopleError as error:
            db.session.rollback()
            form.name.errors = [str(error)]
            status = 400
    elif form.errors:
        status = 400
    return render_template(
        "admin/divisions.html", form=form, divisions=people.all_divisions(), toggle=ActionForm()
    ), status


@bp.post("/divisions/<int:division_id>/toggle")
@roles_required(Role.ADMIN)
def toggle_division(division_id: int):
    """Enable or disable a division."""
    division = people.division_by_id(division_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    set_division_active(division, not division.active)
    db.session.commit()
    flash(f"{division.name} 已{'启用' if division.active else '停用'}", "success")
    return redirect(url_for("admin.divisions"))


@bp.get("/calendar")
@roles_required(Role.ADMIN)
def calendar():
    """The year's overrides, the published range and the years without data."""
    year = request.args.get("year", type=int) or today().year
    if not 2000 <= year <= 2100:
        abort(404)  # no calendar outside the years the desk counts in
    return _calendar_page(year, CalendarDayForm(), ConfirmYearForm(year=year))


def _calendar_page(year: int, day_form, year_form, status: int = 200):
    overrides = calendar_overrides(year)
    calendar = load_calendar()
    return render_template(
        "admin/calendar.html",
        year=year,
        overrides=list(overrides),
        known=calendar.year_known(year),
        published=published_years(),
        holidays=published_holidays(year),
        confirmed=year in calendar.confirmed_years,
        day_form=day_form,
        year_form=year_form,
        remove_form=ActionForm(),
    ), status


@bp.post("/calendar/day")
@roles_required(Role.ADMIN)
def calendar_day():
    """Rule a day a working day or a day off; open deadlines are recomputed."""
    form = CalendarDayForm()
    if not form.validate_on_submit():
        year = today().year
        return _calendar_page(year, form, ConfirmYearForm(year=year), status=400)
    moved = calendar_services.set_calendar_day(
        current_user, form.day.data, form.is_workday.data == "1", form.note.data or ""
    )
    db.session.commit()
    flash(f"{form.day.data:%Y-%m-%d} 已设置，{moved} 件在办来信的截止日期已重新计算", "success")
    return redirect(url_for("admin.calendar", year=form.day.data.year))


@bp.post("/calendar/day/<day>/remove")
@roles_required(Role.ADMIN)
def remove_calendar_day(day: str):
    """Drop an override; open deadlines are recomputed."""
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    moved = calendar_services.remove_calendar_day(parsed)
    db.session.commit()
    flash(f"已删除 {parsed:%Y-%m-%d} 的设置，{moved} 件在办来信的截止日期已重新计算", "success")
    return redirect(url_for("admin.calendar", year=parsed.year))


@bp.post("/calendar/confirm-year")
@roles_required(Role.ADMIN)
def confirm_year():
    """Declare a year's holidays entered in full."""
    form = ConfirmYearForm()
    if not form.validate_on_submit():
        year = today().year
        return _calendar_page(year, CalendarDayForm(), form, status=400)
    moved = calendar_services.confirm_year(current_user, form.year.data)
    db.session.commit()
    flash(f"{form.year.data}年日历已确认，{moved} 件在办来信的截止日期已更新", "success")
    return redirect(url_for("admin.calendar", year=form.year.data))


@bp.route("/rules", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def rules():
    """Working days per kind of case."""
    form = DeadlineRuleForm()
    if request.method == "GET":
        for code in KINDS:
            getattr(form, code).data = working_days_for(code)
    if not form.validate_on_submit():
        return render_template("admin/rules.html", form=form), 400 if form.errors else 200
    calendar_services.set_deadline_rules(current_user, {code: getattr(form, code).data for code in KINDS})
    db.session.commit()
    flash("办理期限已保存，对此后收到的来信生效", "success")
    return redirect(url_for("admin.rules"))


@bp.get("/channels")
@roles_required(Role.ADMIN)
def channels():
    """Which channels are configured (from the environment) and the webhook URLs to register."""
    config = current_app.config
    wechat = {
        "configured": bool(config["WECHAT_TOKEN"]),
        "can_send": bool(config["WECHAT_APP_ID"] and config["WECHAT_APP_SECRET"]),
        "safe_mode": bool(config["WECHAT_AES_KEY"]),
        "app_id": config["WECHAT_APP_ID"],
        "api_base": config["WECHAT_API_BASE"],
        "url": url_for("hooks.wechat_push", _external=True),
    }
    weibo = {
        "configured": bool(config["WEIBO_APP_SECRET"]),
        "can_send": bool(config["WEIBO_ACCESS_TOKEN"]),
        "api_base": config["WEIBO_API_BASE"],
        "url": url_for("hooks.weibo_push", _external=True),
    }
    return render_template("admin/channels.html", wechat=wechat, weibo=weibo, redis=bool(config["REDIS_URL"]))


from desk.web.admin import routing as _routing  # noqa: E402, F401  (its views join this blueprint)
