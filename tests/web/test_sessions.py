"""Staff sessions end on the server: sign-out, password changes, deactivation and role changes end
every session of the account, and a session dies after 30 minutes idle or 12 hours in all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import g

from desk.config import Config
from desk.models import Role, User
from tests.clock import frozen_time
from tests.conftest import PASSWORD, Browser, utc

START = utc(2026, 11, 10, 1, 0)


@pytest.fixture(autouse=True)
def real_session_limits(app, monkeypatch):
    """The configured defaults (30 minutes idle, 12 hours in all), not the suite's long sessions."""
    defaults = Config()
    assert (defaults.SESSION_IDLE_MINUTES, defaults.SESSION_MAX_HOURS) == (30, 12)
    monkeypatch.setitem(app.config, "SESSION_IDLE_MINUTES", defaults.SESSION_IDLE_MINUTES)
    monkeypatch.setitem(app.config, "SESSION_MAX_HOURS", defaults.SESSION_MAX_HOURS)


def copy_of(browser: Browser, app) -> Browser:
    """A second browser holding a copy of the first one's session cookie."""
    thief = Browser(app.test_client())
    cookie = browser.client.get_cookie("session")
    assert cookie is not None
    thief.client.set_cookie("session", cookie.value)
    return thief


def signed_in(browser: Browser) -> bool:
    """Whether the browser's cookie still opens the queue (the user is loaded afresh from it)."""
    g.pop("_login_user", None)  # requests share the test's app context, and Flask-Login caches there
    return browser.get("/staff/queue").status_code == 200


def test_a_cookie_copied_before_sign_out_is_dead_after_it(app, browser, db, login_as):
    login_as(Role.STAFF)
    thief = copy_of(browser, app)
    assert signed_in(thief)  # the copy works while the owner is signed in
    browser.post("/logout", {})
    assert not signed_in(browser)
    g.pop("_login_user", None)
    response = thief.get("/staff/queue")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_admin_password_reset_ends_the_users_sessions(app, browser, db, make_user, login_as):
    user = login_as(Role.STAFF)
    thief = copy_of(browser, app)
    admin = Browser(app.test_client())
    make_user(Role.ADMIN, username="root")
    db.session.commit()
    admin.post("/login", {"username": "root", "password": PASSWORD}, token_from="/login")
    form = {
        "username": user.username,
        "display_name": user.display_name,
        "role": "staff",
        "division_id": str(user.division_id),
        "password": "a-new-password-2026",
        "active": "y",
    }
    assert (
        admin.post(f"/admin/users/{user.id}", form, token_from=f"/admin/users/{user.id}").status_code == 302
    )
    assert not signed_in(thief)
    assert not signed_in(browser)


@pytest.mark.parametrize("change", ["deactivate", "role", "division"])
def test_deactivation_and_role_or_division_changes_end_sessions(app, browser, db, make_user, change):
    from desk.people.services import save_user

    user = make_user(Role.STAFF)
    db.session.commit()
    browser.post("/login", {"username": user.username, "password": PASSWORD}, token_from="/login")
    assert signed_in(browser)
    other = make_user(Role.STAFF, division="银行二处")
    save_user(
        user,
        username=user.username,
        display_name=user.display_name,
        role="head" if change == "role" else "staff",
        division_id=other.division_id if change == "division" else user.division_id,
        password=None,
        active=change != "deactivate",
    )
    db.session.commit()
    assert not signed_in(browser)


def test_changing_ones_own_password_ends_the_other_sessions_only(app, browser, db, login_as):
    user = login_as(Role.STAFF)
    thief = copy_of(browser, app)
    form = {"current": PASSWORD, "new": "another-password-1", "confirm": "another-password-1"}
    response = browser.post("/account/password", form, token_from="/account/password")
    assert response.status_code == 302
    assert signed_in(browser)  # this browser goes on
    assert not signed_in(thief)
    assert db.session.get(User, user.id).check_password("another-password-1")


def test_a_wrong_current_password_changes_nothing(browser, db, login_as):
    user = login_as(Role.STAFF)
    form = {"current": "not-it", "new": "another-password-1", "confirm": "another-password-1"}
    response = browser.post("/account/password", form, token_from="/account/password")
    assert response.status_code == 400
    assert "当前密码不正确" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).check_password(PASSWORD)
    assert signed_in(browser)


def test_a_session_ends_after_30_minutes_idle(browser, db, login_as):
    with frozen_time(START):
        login_as(Role.STAFF)
    with frozen_time(START + timedelta(minutes=29)):
        assert signed_in(browser)
    with frozen_time(START + timedelta(minutes=58)):  # 29 minutes after the last request
        assert signed_in(browser)
    with frozen_time(START + timedelta(minutes=89)):
        response = browser.get("/staff/queue")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
        assert "登录已超时" in browser.get("/login").get_data(as_text=True)


def test_a_session_ends_12_hours_after_sign_in_however_busy(browser, db, login_as):
    with frozen_time(START):
        login_as(Role.STAFF)
    moment = START
    while moment < START + timedelta(hours=11, minutes=50):
        moment += timedelta(minutes=20)
        with frozen_time(moment):
            assert signed_in(browser), moment
    with frozen_time(START + timedelta(hours=12, minutes=1)):
        assert not signed_in(browser)
