"""Staff sign-in and sign-out, with throttled failures."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from desk.extensions import db
from desk.models import User
from desk.models.people import hash_method
from desk.throttle import clear_failures, is_throttled, record_failure
from desk.web.auth.forms import LoginForm

bp = Blueprint("auth", __name__)


@cache
def _dummy_hash(method: str) -> str:
    """Checked when the username is unknown, so both failures take as long."""
    return generate_password_hash("no-such-user", method=method)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in; five failures for an account in 15 minutes lock it for the rest of the window."""
    if current_user.is_authenticated:
        return redirect(url_for("staff.home"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if form.errors else 200
    cfg = current_app.config
    username = form.username.data.strip()
    keys = {
        f"user:{username.lower()}": cfg["LOGIN_MAX_FAILURES"],
        f"ip:{request.remote_addr}": cfg["LOGIN_MAX_FAILURES"] * 4,
    }
    if is_throttled("login", keys, cfg["LOGIN_WINDOW_SECONDS"]):
        return render_template("auth/login.html", form=form, throttled=True), 429
    user = db.session.scalar(select(User).where(User.username == username))
    if user is not None:
        password_ok = user.check_password(form.password.data)
    else:
        password_ok = check_password_hash(_dummy_hash(hash_method()), form.password.data) and False
    if not (user and password_ok and user.active):
        record_failure("login", *keys)
        db.session.commit()
        return render_template("auth/login.html", form=form, failed=True), 401
    clear_failures("login", f"user:{username.lower()}")
    db.session.commit()
    login_user(user)
    flash(f"欢迎，{user.display_name}", "success")
    return redirect(url_for("staff.home"))


@bp.post("/logout")
def logout():
    """Sign out (POST, so a link cannot sign anyone out)."""
    logout_user()
    flash("已退出登录", "info")
    return redirect(url_for("auth.login"))
