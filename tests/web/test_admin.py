"""The operator's pages: accounts, divisions, calendar overrides that move deadlines, rules."""

from datetime import date

from sqlalchemy import select

from desk.cases.kinds import KINDS
from desk.cases.workdays import published_years
from desk.models import CalendarDay, Case, DeadlineRule, Division, Role, User
from tests.conftest import utc


def test_admin_creates_a_division_member(browser, db, login_as, make_division):
    login_as(Role.ADMIN)
    bank = make_division("银行二处")
    db.session.commit()
    response = browser.post(
        "/admin/users/new",
        {
            "username": "new.staff",
            "display_name": "新同事",
            "role": "staff",
            "division_id": str(bank.id),
            "password": "a-long-password",
            "active": "y",
        },
        token_from="/admin/users/new",
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "new.staff"))
    assert user.division_id == bank.id and user.check_password("a-long-password")


def test_a_division_member_needs_a_division(browser, db, login_as):
    login_as(Role.ADMIN)
    response = browser.post(
        "/admin/users/new",
        {
            "username": "x.staff",
            "display_name": "某",
            "role": "staff",
            "division_id": "",
            "password": "a-long-password",
        },
        token_from="/admin/users/new",
    )
    assert response.status_code == 400
    assert "必须选择所在处室" in response.get_data(as_text=True)
    assert db.session.scalar(select(User).where(User.username == "x.staff")) is None


def test_short_passwords_are_refused(browser, db, login_as):
    login_as(Role.ADMIN)
    response = browser.post(
        "/admin/users/new",
        {"username": "y.counsel", "display_name": "某", "role": "counsel", "password": "short"},
        token_from="/admin/users/new",
    )
    assert response.status_code == 400 and "密码至少10位" in response.get_data(as_text=True)


def test_admin_adds_and_disables_a_division(browser, db, login_as):
    login_as(Role.ADMIN)
    assert (
        browser.post("/admin/divisions", {"name": "科技金融处"}, token_from="/admin/divisions").status_code
        == 302
    )
    division = db.session.scalar(select(Division).where(Division.name == "科技金融处"))
    browser.post(f"/admin/divisions/{division.id}/toggle", {}, token_from="/admin/divisions")
    db.session.expire_all()
    assert not db.session.get(Division, division.id).active
    duplicate = browser.post("/admin/divisions", {"name": "科技金融处"}, token_from="/admin/divisions")
    assert duplicate.status_code == 400 and "已有同名处室" in duplicate.get_data(as_text=True)


def test_a_calendar_override_recomputes_open_deadlines(browser, db, login_as, make_case):
    login_as(Role.ADMIN)
    case = make_case(received_at=utc(2026, 11, 16, 2, 0))
    assert case.due_date == date(2026, 11, 25)
    response = browser.post(
        "/admin/calendar/day",
        {"day": "2026-11-24", "is_workday": "0", "note": "临时调整"},
        token_from="/admin/calendar",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).due_date == date(2026, 11, 26)
    assert db.session.get(CalendarDay, date(2026, 11, 24)).note == "临时调整"
    browser.post("/admin/calendar/day/2026-11-24/remove", {}, token_from="/admin/calendar")
    db.session.expire_all()
    assert db.session.get(Case, case.id).due_date == date(2026, 11, 25)


def test_a_bad_calendar_date_is_a_400(browser, db, login_as):
    login_as(Role.ADMIN)
    response = browser.post(
        "/admin/calendar/day", {"day": "2026-13-40", "is_workday": "0"}, token_from="/admin/calendar"
    )
    assert response.status_code == 400
    assert db.session.scalar(select(CalendarDay)) is None


def test_the_calendar_page_warns_about_years_without_data(browser, login_as):
    login_as(Role.ADMIN)
    missing = published_years()[-1] + 1
    page = browser.get(f"/admin/calendar?year={missing}").get_data(as_text=True)
    assert f"{missing}年尚无节假日数据" in page


def test_the_office_sees_the_missing_year_warning(browser, db, login_as, make_case):
    login_as(Role.OFFICE)
    make_case(received_at=utc(published_years()[-1], 12, 20, 2, 0), kind="complaint")
    page = browser.get("/office/").get_data(as_text=True)
    assert "工作日历缺少数据" in page and "暂定" in page


def test_admin_edits_deadline_rules(browser, db, login_as):
    login_as(Role.ADMIN)
    assert 'value="7"' in browser.get("/admin/rules").get_data(as_text=True)
    response = browser.post(
        "/admin/rules",
        _defaults() | {"consultation": "5", "complaint": "20", "mailbox": "15"},
        token_from="/admin/rules",
    )
    assert response.status_code == 302
    assert db.session.get(DeadlineRule, "consultation").working_days == 5
    bad = browser.post(
        "/admin/rules",
        _defaults() | {"consultation": "0", "complaint": "20", "mailbox": "15"},
        token_from="/admin/rules",
    )
    assert bad.status_code == 400 and "须为1至60个工作日" in bad.get_data(as_text=True)


def test_the_calendar_page_lists_the_published_holidays(browser, login_as):
    login_as(Role.ADMIN)
    page = browser.get("/admin/calendar?year=2026").get_data(as_text=True)
    assert "春节" in page and "2026-02-15" in page and "2026-02-23" in page
    assert "2026-02-14" in page and "2026-10-10" in page  # make-up working Saturdays


def _defaults() -> dict[str, str]:
    """Every kind's default day count, as the rules form posts them."""
    return {code: str(spec.default_days) for code, spec in KINDS.items()}
