"""Rate limits on the public side (Flask-Limiter): guessing query codes slows the guessing address,
never the case; letters are limited per address and per phone number; a 429 page in Chinese."""

from __future__ import annotations

import copy
import time
from datetime import timedelta

import pytest
from flask_migrate import upgrade

from desk import create_app
from desk.extensions import db as _db
from desk.extensions import limiter
from desk.models import Role, User
from tests.clock import frozen_time
from tests.conftest import PASSWORD, Browser, utc
from tests.web.test_public import GOOD, count_cases, receipt

START = utc(2026, 11, 10, 2, 0)


def track_from(browser, address: str, number: str, code: str):
    """A look-up from one address."""
    return browser.client.post(
        "/track",
        data={"number": number, "code": code, "csrf_token": browser.token()},
        environ_base={"REMOTE_ADDR": address},
    )


def write_from(browser, address: str, **changes):
    fields = browser.hidden_fields("/write/consultation")
    return browser.client.post(
        "/write/consultation", data={**GOOD, **fields, **changes}, environ_base={"REMOTE_ADDR": address}
    )


def test_the_guessing_address_is_slowed_and_the_429_page_says_when_to_come_back(browser, db):
    with frozen_time(START):
        number, code, _ = receipt(browser)
        for _ in range(10):
            assert track_from(browser, "10.0.0.66", number, "WRONGCOD").status_code == 404
        refused = track_from(browser, "10.0.0.66", number, code)  # even the right code, from there
        assert refused.status_code == 429
        page = refused.get_data(as_text=True)
        assert "请稍后再试" in page and "尝试过于频繁，请60分钟后再试" in page
        assert refused.headers["Retry-After"]
        assert track_from(browser, "10.0.0.67", number, code).status_code == 200  # the citizen, elsewhere
    with frozen_time(START + timedelta(hours=1, minutes=1)):
        assert track_from(browser, "10.0.0.66", number, code).status_code == 200  # the wait is over


def test_many_guessing_addresses_never_lock_the_case(browser, db):
    number, code, _ = receipt(browser)
    for host in range(30):  # 300 wrong codes against one case from 30 addresses
        for _ in range(10):
            assert track_from(browser, f"10.1.0.{host}", number, "WRONGCOD").status_code == 404
    assert track_from(browser, "10.2.0.1", number, code).status_code == 200


def test_one_address_cannot_guess_across_many_cases(browser, db):
    for i in range(10):
        track_from(browser, "10.0.0.9", f"ZX20260101-{i:04d}", "WRONGCOD")
    assert track_from(browser, "10.0.0.9", "ZX20260101-9999", "WRONGCOD").status_code == 429


def test_letters_are_limited_per_address(browser, db):
    for i in range(20):
        response = write_from(browser, "10.3.0.1", phone=f"1391234{i:04d}")
        assert response.status_code == 302, i
        browser.get("/write/done")
    refused = write_from(browser, "10.3.0.1", phone="13700000000")
    assert refused.status_code == 429
    assert "尝试过于频繁" in refused.get_data(as_text=True)
    assert count_cases(db) == 20
    assert write_from(browser, "10.3.0.2", phone="13700000000").status_code == 302  # another address


def test_letters_are_limited_per_phone_number_from_any_address(browser, db):
    for i in range(5):
        assert write_from(browser, f"10.4.0.{i}", phone="139 0000 1111").status_code == 302
        browser.get("/write/done")
    refused = write_from(browser, "10.4.0.99", phone="13900001111")
    assert refused.status_code == 429
    assert count_cases(db) == 5
    assert write_from(browser, "10.4.0.99", phone="13900002222").status_code == 302


def test_a_form_with_errors_does_not_count(browser, db):
    for _ in range(30):
        assert write_from(browser, "10.5.0.1", phone="not-a-phone").status_code == 400
    assert write_from(browser, "10.5.0.1").status_code == 302


def test_the_limits_start_afresh_in_every_test(browser, db):
    assert limiter.initialized
    assert write_from(browser, "10.3.0.1", phone="13700000000").status_code == 302


def test_the_counts_live_in_redis_when_it_is_configured_else_in_memory(monkeypatch):
    from desk.config import Config

    monkeypatch.delenv("REDIS_URL", raising=False)
    assert Config().RATELIMIT_STORAGE_URI == "memory://"
    monkeypatch.setenv("REDIS_URL", "redis://redis.internal:6379/3")
    config = Config()
    assert config.RATELIMIT_STORAGE_URI == "redis://redis.internal:6379/3"
    assert config.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED  # Redis away: pages still answer
    assert config.RATELIMIT_STORAGE_OPTIONS["socket_timeout"] <= 1  # and answer soon


@pytest.fixture
def redis_away_app(tmp_path, monkeypatch):
    """An app configured with a Redis nothing listens on (the shared limiter is put back after)."""
    saved = {name: copy.copy(value) for name, value in vars(limiter).items()}
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:1/0")  # nothing listens there
    app = create_app(
        {
            "SECRET_KEY": "redis-away-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'away.sqlite3'}",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "UPLOAD_FOLDER": str(tmp_path / "uploads"),
        }
    )
    try:
        with app.app_context():
            upgrade()
            user = User(username="away", display_name="测试经办人", role=Role.OFFICE)
            user.set_password(PASSWORD)
            _db.session.add(user)
            _db.session.commit()
        yield app
    finally:
        with app.app_context():
            _db.engine.dispose()
        vars(limiter).clear()
        vars(limiter).update(saved)


def test_sign_in_works_and_failures_are_still_throttled_when_redis_is_away(redis_away_app):
    assert redis_away_app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:1/0"
    browser = Browser(redis_away_app.test_client())
    started = time.monotonic()
    with redis_away_app.app_context(), frozen_time(START):
        signed_in = browser.post("/login", {"username": "away", "password": PASSWORD}, token_from="/login")
        assert signed_in.status_code == 302  # not a 500: the page answers without Redis
        browser.post("/logout", {})
        for _ in range(5):
            failed = browser.post("/login", {"username": "away", "password": "guess"}, token_from="/login")
            assert failed.status_code == 401
        refused = browser.post("/login", {"username": "away", "password": PASSWORD}, token_from="/login")
        assert refused.status_code == 429  # counted in memory meanwhile
        assert "尝试过于频繁，请1分钟后再试" in refused.get_data(as_text=True)
    assert time.monotonic() - started < 10  # no request waited long for Redis


def test_requests_for_government_information_are_limited_per_address_like_letters(browser, db):
    from tests.disclosure.test_flow import FORM

    def request_from(address: str, phone: str):
        fields = browser.hidden_fields("/write/disclosure")
        return browser.client.post(
            "/write/disclosure",
            data={**FORM, **fields, "phone": phone},
            environ_base={"REMOTE_ADDR": address},
        )

    with frozen_time(START):
        for i in range(20):
            assert request_from("10.6.0.1", f"1391234{i:04d}").status_code == 302, i
            browser.get("/write/done")
        refused = request_from("10.6.0.1", "13700000000")
        assert refused.status_code == 429
        assert "尝试过于频繁" in refused.get_data(as_text=True)
        assert count_cases(db) == 20
        assert request_from("10.6.0.2", "13700000000").status_code == 302  # another address


def test_guessing_the_current_password_on_the_change_form_is_slowed_like_sign_in(browser, db, login_as):
    def change(current: str):
        form = {"current": current, "new": "another-password-1", "confirm": "another-password-1"}
        return browser.post("/account/password", form, token_from="/account/password")

    with frozen_time(START):
        user = login_as(Role.STAFF)
        for _ in range(5):  # someone at an unlocked desk tries to find the password out
            wrong = change("not-it")
            assert wrong.status_code == 400 and "当前密码不正确" in wrong.get_data(as_text=True)
        refused = change(PASSWORD)
        assert refused.status_code == 429
        assert "尝试过于频繁，请1分钟后再试" in refused.get_data(as_text=True)
        assert db.session.get(User, user.id).check_password(PASSWORD)
    with frozen_time(START + timedelta(minutes=1, seconds=1)):
        assert change(PASSWORD).status_code == 302  # the wait is over
