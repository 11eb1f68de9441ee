"""Staff login: hashed passwords, throttled failures, POST-only logout."""

from desk.models import Role, User
from tests.conftest import PASSWORD


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


def test_failed_logins_lock_the_account_for_a_while(app, browser, db, make_user):
    user = make_user()
    db.session.commit()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert try_login(browser, user.username, "guess").status_code == 401
    locked = try_login(browser, user.username, PASSWORD)
    assert locked.status_code == 429
    assert "账号已暂时锁定" in locked.get_data(as_text=True)
    # Other accounts still work.
    other = make_user()
    db.session.commit()
    assert try_login(browser, other.username, PASSWORD).status_code == 302


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
