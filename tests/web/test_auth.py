"""Staff login: hashed passwords, failures that slow the guesser only, POST-only logout."""

import re
from datetime import timedelta

from desk.models import Role, User
from tests.clock import frozen_time
from tests.conftest import PASSWORD, utc


def try_login(browser, username, password):
    return browser.post("/login", {"username": username, "password": password}, token_from="/login")


def test_login_and_logout(browser, db, make_user):
    user = make_user(Role.OFFICE)
    db.session.commit()
    assert try_login(browser, user.username, PASSWORD).status_code == 302
    assert browser.get("/office/").status_code == 200
    assert browser.get("/logout").status_code == 405  # a link cannot sign anyone out
    browser.post("/logout", {})
    assert browser.get("/office/").status_code == 302


def test_passwords_are_stored_hashed(db, make_user):
    user = make_user()
    assert PASSWORD not in user.password_hash
    assert user.check_password(PASSWORD) and not user.check_password("wrong")


def test_wrong_password_and_unknown_user_look_the_same(browser, db, make_user):
    user = make_user()
    db.session.commit()
    wrong = try_login(browser, user.username, "wrong-password")
    unknown = try_login(browser, "nobody", "wrong-password")
    assert wrong.status_code == unknown.status_code == 401
    assert "用户名或密码错误" in wrong.get_data(as_text=True)
    assert "用户名或密码错误" in unknown.get_data(as_text=True)


def test_failed_logins_slow_the_guesser_but_never_lock_the_real_user_out(browser, db, make_user):
    user = make_user()
    db.session.commit()
    for _ in range(5):
        assert try_login(browser, user.username, "guess").status_code == 401
    # The guesser's address now waits, even with the right password ...
    refused = try_login(browser, user.username, PASSWORD)
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "尝试过于频繁，请1分钟后再试" in page
    assert int(refused.headers["Retry-After"]) <= 60
    # ... while the account's owner, at another address, signs in at once.
    elsewhere = browser.client.post(
        "/login",
        data={"username": user.username, "password": PASSWORD, "csrf_token": browser.token("/login")},
        environ_base={"REMOTE_ADDR": "10.9.8.7"},
    )
    assert elsewhere.status_code == 302


def test_the_wait_grows_with_more_failures(browser, db, make_user):
    user = make_user()
    db.session.commit()
    start = utc(2026, 11, 10, 2, 0)
    with frozen_time(start):
        for _ in range(5):
            assert try_login(browser, user.username, "guess").status_code == 401
        assert try_login(browser, user.username, "guess").status_code == 429
    with frozen_time(start + timedelta(minutes=1, seconds=1)):  # the first wait is over
        for _ in range(5):
            assert try_login(browser, user.username, "guess").status_code == 401
        longer = try_login(browser, user.username, "guess")
        assert longer.status_code == 429
        assert "请9分钟后再试" in longer.get_data(as_text=True), re.findall(
            r"请\d+分钟", longer.get_data(as_text=True)
        )
    with frozen_time(start + timedelta(minutes=10, seconds=2)):
        assert try_login(browser, user.username, PASSWORD).status_code == 302


def test_inactive_accounts_cannot_sign_in(browser, db, make_user):
    user = make_user(active=False)
    db.session.commit()
    assert try_login(browser, user.username, PASSWORD).status_code == 401


def test_login_without_csrf_is_refused(client, db, make_user):
    user = make_user()
    db.session.commit()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 400
    assert db.session.get(User, user.id) is not None
