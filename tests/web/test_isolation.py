"""Role isolation: each user sees only what the role and division allow, whatever URL is tried."""

import pytest

from desk.models import Role

CASE_URLS = [
    ("get", "/staff/cases/{id}", None),
    ("post", "/staff/cases/{id}/contact", None),
    ("post", "/staff/cases/{id}/draft", None),
    ("post", "/staff/cases/{id}/sign-off", None),
    ("post", "/staff/cases/{id}/send-back", "sendback"),
    ("post", "/staff/cases/{id}/hand-back", "handback"),
    ("post", "/staff/cases/{id}/counsel-comment", "counsel"),
    ("post", "/office/cases/{id}/assign", "assign"),
    ("post", "/office/cases/{id}/refuse", "refuse"),
    ("post", "/office/cases/{id}/reclassify", "reclassify"),
    ("post", "/office/cases/{id}/transfer", "transfer"),
    ("post", "/office/cases/{id}/joint-review", "joint"),
    ("post", "/office/cases/{id}/close", "close"),
]


@pytest.fixture
def other_division_case(db, make_case, make_division):
    """A case assigned to 金融稳定处, in review."""
    stability = make_division("金融稳定处")
    case = make_case()
    case.state, case.division_id = "in_review", stability.id
    db.session.commit()
    return case


@pytest.mark.parametrize("role", [Role.STAFF, Role.HEAD])
def test_a_division_member_gets_404_for_another_divisions_case(
    browser, db, login_as, other_division_case, role
):
    login_as(role, division="银行一处")
    for method, url, prefix in CASE_URLS:
        path = url.format(id=other_division_case.id)
        if method == "get":
            response = browser.get(path)
        else:
            response = browser.post(path, {"comment": "x", "body": "x"}, prefix=prefix)
        assert response.status_code == 404, (path, response.status_code)
    db.session.expire_all()
    assert db.session.get(type(other_division_case), other_division_case.id).state == "in_review"


def test_the_queue_lists_only_the_divisions_cases(browser, db, login_as, make_case, make_division):
    bank = make_division("银行一处")
    own, other = make_case(subject="本处室的来信"), make_case(subject="别处室的来信")
    own.state, own.division_id = "assigned", bank.id
    other.state, other.division_id = "assigned", make_division("人事处").id
    db.session.commit()
    login_as(Role.STAFF, division=bank)
    page = browser.get("/staff/queue").get_data(as_text=True)
    assert "本处室的来信" in page and "别处室的来信" not in page


@pytest.mark.parametrize("role", [Role.STAFF, Role.HEAD, Role.COUNSEL, Role.ADMIN])
def test_only_the_office_triages_and_searches(browser, login_as, role):
    login_as(role)
    assert browser.get("/office/").status_code == 404
    assert browser.get("/office/cases").status_code == 404


@pytest.mark.parametrize("role", [Role.STAFF, Role.HEAD, Role.OFFICE, Role.COUNSEL])
def test_only_the_admin_manages_users_and_the_calendar(browser, login_as, role):
    login_as(role)
    for url in ("/admin/", "/admin/users", "/admin/calendar", "/admin/rules", "/admin/divisions"):
        assert browser.get(url).status_code == 404


def test_the_admin_reads_no_cases(browser, login_as, other_division_case):
    login_as(Role.ADMIN)
    assert browser.get(f"/staff/cases/{other_division_case.id}").status_code == 404


def test_staff_cannot_sign_off_even_in_their_own_division(browser, db, login_as, make_case, make_division):
    bank = make_division("银行一处")
    case = make_case()
    case.state, case.division_id = "in_review", bank.id
    db.session.commit()
    login_as(Role.STAFF, division=bank)
    assert browser.post(f"/staff/cases/{case.id}/sign-off", {"body": "x"}).status_code == 404
    db.session.expire_all()
    assert db.session.get(type(case), case.id).state == "in_review"


def test_anonymous_users_are_sent_to_login(client, other_division_case):
    response = client.get(f"/staff/cases/{other_division_case.id}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
