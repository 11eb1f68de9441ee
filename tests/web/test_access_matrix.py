"""Division boundaries hold: every route that names a case or its records × every role × division,
GET and POST, before and after a transfer. A reader who may not see the case gets 404 (or the
sign-in page) and learns nothing of it; a refused POST writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desk.cases import services
from desk.models import CaseEvent, ExtensionRequest, Notification, Role, Supervision, SupervisionReason
from desk.supervision.services import supervise_case
from tests.clock import frozen_time
from tests.conftest import PASSWORD, utc
from tests.supervision.conftest import assigned_case, make_team

SECRET_SUBJECT = "典当行续当费用核查（矩阵）"


def _rows(db) -> tuple[int, ...]:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (CaseEvent, ExtensionRequest, Supervision, Notification)
    )


def _login(browser, user) -> None:
    browser.client.post("/logout", data={"csrf_token": browser.token()})
    if user is not None:
        response = browser.post(
            "/login", {"username": user.username, "password": PASSWORD}, token_from="/login"
        )
        assert response.status_code == 302


def _routes(app, case, supervision, extension) -> list[tuple[str, str]]:
    """(method, url) for every rule whose arguments name this case or one of its records."""
    values = {
        "case_id": case.id,
        "supervision_id": supervision.id,
        "request_id": extension.id,
        "attachment_id": 1,
    }
    found = []
    for rule in app.url_map.iter_rules():
        arguments = rule.arguments
        if not arguments or not arguments & {"case_id", "supervision_id", "request_id"}:
            continue
        url = rule.rule
        for name, value in values.items():
            url = url.replace(f"<int:{name}>", str(value))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, url))
    return found


@pytest.fixture
def world(db):
    """Two divisions, a case of the first under supervision with an extension asked, and counsel."""
    with frozen_time(utc(2026, 11, 16, 2, 0)):
        first, second = make_team("银行一处", "ma"), make_team("银行二处", "mb")
        case = assigned_case(first, utc(2026, 11, 2, 2, 0), subject=SECRET_SUBJECT)
        supervision = supervise_case(case, SupervisionReason.OVERDUE)
        extension = services.request_extension(first.staff, case, 5, "需调取材料")
        db.session.commit()
    return first, second, case, supervision, extension


def _may_read(user, case) -> bool:
    if user is None:
        return False
    if user.role == Role.OFFICE:
        return True
    return user.role in (Role.STAFF, Role.HEAD) and user.division_id == case.division_id


@pytest.mark.parametrize("moment", ["before", "after"])
def test_no_route_leaks_a_case_across_divisions(app, db, browser, world, make_user, moment):
    first, second, case, supervision, extension = world
    if moment == "after":
        services.transfer_case(first.office, case, second.division, "属银行二处职责")
        db.session.commit()
    owners, others = (first, second) if moment == "before" else (second, first)
    counsel = make_user(Role.COUNSEL)
    admin = make_user(Role.ADMIN)
    db.session.commit()
    outsiders = [None, others.staff, others.head, counsel, admin]
    routes = _routes(app, case, supervision, extension)
    assert len(routes) >= 20
    with frozen_time(utc(2026, 11, 17, 2, 0)):
        for user in outsiders:
            _login(browser, user)
            for method, url in routes:
                before = _rows(db)
                if method == "GET":
                    response = browser.get(url)
                else:
                    response = browser.post(url, {"comment": "x", "reason": "x", "body": "x"})
                text = response.get_data(as_text=True)
                who = user.username if user else "anonymous"
                assert response.status_code in (302, 400, 403, 404), (who, method, url, response.status_code)
                if response.status_code == 302:
                    assert "/login" in response.headers["Location"], (who, method, url)
                assert SECRET_SUBJECT not in text and case.number not in text, (who, method, url)
                assert _rows(db) == before, (who, method, url)
        for user in (owners.staff, owners.head, first.office):
            assert _may_read(user, case)
            _login(browser, user)
            assert SECRET_SUBJECT in browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
            if user.role != Role.STAFF:
                assert browser.get(f"/supervision/{supervision.id}").status_code == 200
