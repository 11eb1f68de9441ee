"""Staff sign-in and sign-out; failed sign-ins slow the guesser (desk.web.throttling)."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.security import check_password_hash, generate_password_hash

from desk.extensions import db
from desk.models.people import hash_method
from desk.people.queries import user_by_username
from desk.people.services import PeopleError, WrongPassword, change_own_password
from desk.people.sessions import keep_current_session, sign_in, sign_out
from desk.web.auth.forms import LoginForm, PasswordForm
from desk.web.throttling import limited, login_limits, password_limits

bp = Blueprint("auth", __name__)


@cache
def _dummy_hash(method: str) -> str:
    """Checked when the username is unknown, so both failures take as long."""
    return generate_password_hash("no-such-user", method=method)


@bp.route("/login", methods=["GET", "POST"])
@limited(login_limits)
def login():
    """Sign in; failures from one address against one account make it wait longer and longer."""
    if current_user.is_authenticated:
        return redirect(url_for("staff.home"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if form.errors else 200
    username = form.username.data.strip()
    user = user_by_username(username)
    if user is not None:
        password_ok = user.check_password(form.password.data)
    else:
        password_ok = check_password_hash(_dummy_hash(hash_method()), form.password.data) and False
    if not (user and password_ok and user.active):
        return render_template("auth/login.html", form=form, failed=True), 401
    sign_in(user)
    flash(f"欢迎，{user.display_name}", "success")
    return redirect(url_for("staff.home"))


@bp.post("/logout")
def logout():
    """Sign out (POST, so a link cannot sign anyone out); every session of the account ends."""
    sign_out(current_user if current_user.is_authenticated else None)
    db.session.commit()
    flash("已退出登录", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@limited(password_limits)
def password():
    """Change one's own password; the account's other sessions end, this one goes on."""
    form = PasswordForm()
    if not form.validate_on_submit():
        return render_template("auth/password.html", form=form), 400 if form.errors else 200
    try:
        change_own_password(current_user, form.current.data, form.new.data)
    except PeopleError as error:
        db.session.rollback()
        g.wrong_password = isinstance(error, WrongPassword)
        form.current.errors = [str(error)]
        return render_template("auth/password.html", form=form), 400
    db.session.commit()
    keep_current_session(current_user)
    flash("密码已修改，其他设备上的登录已退出", "success")
    return redirect(url_for("staff.home"))
