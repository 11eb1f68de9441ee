"""Fixtures: one app per database backend, a rolled-back transaction per test, factories."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import fakeredis
import pytest
from flask import Flask, g, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from redis import Redis
from sqlalchemy import create_engine, make_url, text

from desk import create_app
from desk.cases import services
from desk.cases.numbering import forget_reserved_numbers
from desk.extensions import db as _db
from desk.extensions import limiter
from desk.models import Case, Division, Role, User

PASSWORD = "correct-horse-battery"
# Tests move the clock by days while signed in; tests/web/test_sessions.py puts the real limits back.
LONG_SESSIONS = {"SESSION_IDLE_MINUTES": 10**7, "SESSION_MAX_HOURS": 10**6}
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def app(request, tmp_path_factory) -> Iterator[Flask]:
    """One app per backend for the whole run, its schema built by the real migrations."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'desk.sqlite3'}"
    else:
        url = os.environ["TEST_DATABASE_URL"]
        _reset_postgres(url)
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            **LONG_SESSIONS,
            "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("uploads")),
        }
    )
    with app.app_context():
        upgrade()
        _db.engine.dispose()
    yield app
    with app.app_context():
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """Every test starts with nothing counted by the rate limits (their memory outlives the apps)."""
    if limiter.initialized:
        limiter.reset()
    yield


@pytest.fixture
def file_app(tmp_path):
    """Factory: an app on its own migrated SQLite file, outside the per-test transaction."""
    apps = []

    def make(name: str = "desk") -> Flask:
        app = create_app(
            {
                "SECRET_KEY": f"{name}-secret",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / f'{name}.sqlite3'}",
                "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
                **LONG_SESSIONS,
                **LONG_SESSIONS,
                "UPLOAD_FOLDER": str(tmp_path / f"{name}-uploads"),
            }
        )
        with app.app_context():
            upgrade()
        apps.append(app)
        return app

    yield make
    for app in apps:
        with app.app_context():
            _db.engine.dispose()


@pytest.fixture
def db(app: Flask):
    """The database, inside a transaction rolled back after the test (commits become savepoints)."""
    with app.app_context():
        engines = _db._app_engines[app]
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        engines[None] = connection
        _db.session.remove()
        _db.session.configure(join_transaction_mode="create_savepoint")
        app.extensions.pop("desk_knowledge", None)  # per-process indexes would outlive the rollback
        try:
            yield _db
        finally:
            _db.session.remove()
            engines[None] = engine
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app: Flask, db) -> FlaskClient:
    """A test client sharing the test's transaction."""
    return app.test_client()


CSRF_RE = re.compile(r'name="(?:[\w-]+-)?csrf_token" type="hidden" value="([^"]+)"')
HIDDEN_RE = re.compile(r'name="([\w-]+)" type="hidden" value="([^"]*)"')


class Browser:
    """A test client that carries CSRF tokens like a browser filling in the page's form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def get(self, url: str, **kwargs):
        _forget_cached_csrf_token(self.client)
        return self.client.get(url, **kwargs)

    def token(self, url: str = "/track") -> str:
        """A CSRF token from a page with a form."""
        return self.hidden_fields(url)["csrf_token"]

    def hidden_fields(self, url: str) -> dict[str, str]:
        """The hidden inputs of the page's forms (CSRF tokens under every prefix, submission ids)."""
        page = self.get(url).get_data(as_text=True)
        fields = dict(HIDDEN_RE.findall(page))
        token = CSRF_RE.search(page)
        assert token, f"no form on {url}"
        fields["csrf_token"] = token.group(1)
        return fields

    def post(self, url: str, data: dict | None = None, *, prefix: str | None = None, token_from=None):
        """POST a form with a valid CSRF token (from `token_from`, else a page with a form)."""
        data = dict(data or {})
        hidden = self.hidden_fields(token_from or "/track")
        field = f"{prefix}-csrf_token" if prefix else "csrf_token"
        data.setdefault(field, hidden["csrf_token"])
        for name, value in hidden.items():
            data.setdefault(name, value)
        return self.client.post(url, data=data)


def _forget_cached_csrf_token(client: FlaskClient) -> None:
    # Requests share the test's app context, and with it Flask-WTF's token cached in `g`: a page
    # read after the clock moved on would carry a token signed hours earlier.
    if has_app_context():
        g.pop("csrf_token", None)
        # Flask-Login's user is cached there too: it belongs to the client that asked last, so a
        # second browser (a copied cookie, another account) must load its own.
        if g.get("_desk_test_client") is not client:
            g.pop("_login_user", None)
            g._desk_test_client = client


@pytest.fixture
def browser(client) -> Browser:
    """A client that fills in CSRF tokens."""
    return Browser(client)


@pytest.fixture
def make_division(db):
    """Factory: a division."""

    def make(name: str = "银行一处") -> Division:
        division = db.session.scalar(db.select(Division).where(Division.name == name))
        if division is None:
            division = Division(name=name)
            db.session.add(division)
            db.session.flush()
        return division

    return make


@pytest.fixture
def make_user(db, make_division):
    """Factory: a staff account with a role (division members get a division)."""
    counter = iter(range(1, 10_000))

    def make(role: Role | str = Role.STAFF, division: Division | str | None = None, **kw) -> User:
        role = Role(role)
        if isinstance(division, str):
            division = make_division(division)
        if division is None and role in (Role.STAFF, Role.HEAD):
            division = make_division()
        if division is None and role == Role.OFFICE:
            division = make_division("综合处")
        user = User(
            username=kw.pop("username", f"{role.value}{next(counter)}"),
            display_name=kw.pop("display_name", f"测试{role.label}"),
            role=role,
            division_id=division.id if division else None,
            **kw,
        )
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.flush()
        return user

    return make


LETTER = dict(
    kind="consultation",
    subject="小额贷款公司利率咨询",
    content="请问本省小额贷款公司的贷款年利率上限是多少？我借了三万元，月息两分。",
    citizen_name="王建国",
    phone="13912345678",
    email="wang@example.com",
)


@pytest.fixture
def make_case(db):
    """Factory: a case received through a service (`received_at` aware UTC; defaults to now)."""

    def make(received_at: datetime | None = None, **fields) -> Case:
        letter = services.Letter(**{**LETTER, **fields})
        case, code = services.submit_letter(letter, received_at=received_at)
        case.test_query_code = code
        db.session.commit()
        return case

    return make


@pytest.fixture
def login_as(browser, make_user):
    """Sign a user in through the login form; returns the user."""

    def login(role: Role | str | User = Role.STAFF, **kw) -> User:
        user = role if isinstance(role, User) else make_user(role, **kw)
        _db.session.commit()
        browser.client.post("/logout", data={"csrf_token": browser.token()})
        response = browser.post(
            "/login", {"username": user.username, "password": PASSWORD}, token_from="/login"
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return login


def utc(*args) -> datetime:
    """A UTC moment for tests."""
    return datetime(*args, tzinfo=UTC)


@pytest.fixture(scope="module", params=BACKENDS)
def committing_app(request, tmp_path_factory) -> Iterator[Flask]:
    """An app whose commits are real (for concurrency), on its own database per backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('commit') / 'desk.sqlite3'}"
    else:
        base = make_url(os.environ["TEST_DATABASE_URL"])
        url = base.set(database=f"{base.database}_commit").render_as_string(hide_password=False)
        _recreate_postgres_database(base, f"{base.database}_commit")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "commit-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            **LONG_SESSIONS,
            "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("commit-uploads")),
        }
    )
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        _db.engine.dispose()
    if request.param == "postgresql":
        _recreate_postgres_database(make_url(os.environ["TEST_DATABASE_URL"]), None, drop=url)


@pytest.fixture
def committed(committing_app: Flask) -> Iterator[Flask]:
    """The committing app inside an app context; every table is emptied afterwards."""
    with committing_app.app_context():
        try:
            yield committing_app
        finally:
            _db.session.remove()
            with _db.engine.begin() as conn:
                for table in reversed(_db.metadata.sorted_tables):
                    conn.execute(table.delete())
            forget_reserved_numbers()  # the day's counters are gone with the tables


def _recreate_postgres_database(base, name: str | None, drop: str | None = None) -> None:
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        target = make_url(drop).database if drop else name
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)'))
        if not drop:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


@pytest.fixture
def app_redis(app):
    """The app talks to Redis (the real one when TEST_REDIS_URL is set, else fakeredis) for one test."""
    url = os.environ.get("TEST_REDIS_URL")
    conn = Redis.from_url(url) if url else fakeredis.FakeRedis()
    conn.flushdb()
    previous = app.config.get("REDIS_URL")
    app.config["REDIS_URL"] = url or "redis://fakeredis"
    app.extensions["desk_redis"] = {"url": app.config["REDIS_URL"], "conn": conn}
    try:
        yield conn
    finally:
        conn.flushdb()
        app.config["REDIS_URL"] = previous
        app.extensions.pop("desk_redis", None)


def pytest_unconfigure(config) -> None:
    """Stop the rate limiter's expiry timers so the run can exit.

    `limits`' memory storage re-arms a `threading.Timer` (not a daemon thread) every few
    milliseconds; under a frozen libfaketime clock (the CI's date passes) its wait never ends and
    the interpreter would wait for it forever after the last test.
    """
    import threading

    for _ in range(3):
        for thread in threading.enumerate():
            if isinstance(thread, threading.Timer):
                thread.cancel()
                thread.join(timeout=1)
