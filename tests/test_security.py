"""Security headers, a strict CSP that templates respect, masked personal data, append-only events."""

import re
from pathlib import Path

import pytest
from flask import request
from sqlalchemy import select

from desk import create_app
from desk.models import CaseEvent, Role

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_every_page_sends_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_session_cookie_is_http_only(app, browser, login_as):
    login_as(Role.OFFICE)
    cookie = browser.client.get_cookie("session")
    assert cookie is not None and cookie.http_only
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_script_or_style(path):
    """The CSP forbids inline code; a template with it would break silently in browsers."""
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", source)
    assert not re.search(r"\son[a-z]+=", source)
    assert not re.search(r"\sstyle=", source)
    assert "<style" not in source


def test_static_assets_are_served_locally(client):
    page = client.get("/").get_data(as_text=True)
    assert not re.search(r'(href|src)="(https?:)?//', page)
    with client.get("/static/vendor/pico/pico.min.css") as response:
        assert response.status_code == 200


def test_contact_data_is_masked_until_a_logged_reveal(browser, db, login_as, make_case):
    office = login_as(Role.OFFICE)
    case = make_case(phone="13912345678", citizen_name="王建国", email="wang@example.com")
    queue = browser.get("/office/").get_data(as_text=True)
    assert "13912345678" not in queue and "王**" in queue
    page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "13912345678" not in page and "139****5678" in page and "wang@example.com" not in page
    revealed = browser.post(f"/staff/cases/{case.id}/contact", {}, token_from=f"/staff/cases/{case.id}")
    assert "13912345678" in revealed.get_data(as_text=True)
    event = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.action == "contact_viewed")
    ).one()
    assert event.actor_id == office.id and not event.public


@pytest.mark.parametrize(("phone", "shown"), [("84567890", "******90"), ("8456789", "*****89")])
def test_a_local_landline_from_a_phone_call_is_masked_too(browser, db, login_as, make_case, phone, shown):
    from tests.clock import frozen_time
    from tests.conftest import utc

    with frozen_time(utc(2026, 11, 10, 2, 0)):
        login_as(Role.OFFICE)
        case = make_case(phone=phone, citizen_name="王建国")
        page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
        assert phone not in page and phone[:3] not in page.split("电话</dt>", 1)[1][:40]
        assert shown in page
        url = f"/staff/cases/{case.id}"
        revealed = browser.post(f"{url}/contact", {}, token_from=url)
        assert phone in revealed.get_data(as_text=True)


def test_events_cannot_be_rewritten_or_deleted(db, make_case):
    case = make_case()
    event = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).one()
    event.note = "rewritten"
    with pytest.raises(ValueError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    event = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).one()
    db.session.delete(event)
    with pytest.raises(ValueError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_oversized_posts_are_refused(app, client):
    app.config["MAX_CONTENT_LENGTH"], before = 1024, app.config["MAX_CONTENT_LENGTH"]
    try:
        response = client.post("/write/consultation", data={"content": "x" * 5000})
        assert response.status_code == 413
    finally:
        app.config["MAX_CONTENT_LENGTH"] = before


def test_pages_are_refused_without_a_secret_key(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}", "SECRET_KEY": None})
    response = app.test_client().get("/")
    assert response.status_code == 503 and "SECRET_KEY" in response.get_data(as_text=True)


def test_behind_a_proxy_the_forwarded_address_is_the_clients(tmp_path):
    """With PROXY_COUNT set, throttling keys on the citizen's address, not the proxy's."""
    app = create_app({"SECRET_KEY": "x", "PROXY_COUNT": 1})
    seen = {}

    @app.get("/_addr")
    def addr():
        seen["addr"], seen["secure"] = request.remote_addr, request.is_secure
        return "ok"

    response = app.test_client().get(
        "/_addr", headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    )
    assert seen == {"addr": "203.0.113.9", "secure": True}
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
