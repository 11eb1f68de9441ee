"""Notices: e-mailed once when SMTP is set up; the inbox shows only one's own; CLI sweep."""

from __future__ import annotations

from sqlalchemy import select

from desk.jobs import maintenance
from desk.models import Notification
from desk.supervision.sweep import sweep_deadlines
from tests.conftest import utc
from tests.supervision.conftest import assigned_case, make_team
from tests.supervision.smtp_sink import SMTPSink
from tests.supervision.test_sweep import SWEEP_AT


def test_notices_are_emailed_once_to_users_with_an_address(app, db, team):
    team.head.email = "head@bureau.example"
    assigned_case(team, utc(2026, 11, 2, 2, 0))
    sweep_deadlines(now=SWEEP_AT)
    db.session.commit()
    with SMTPSink() as sink:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=sink.port)
        try:
            assert maintenance.send_notice_emails() == 1
            assert maintenance.send_notice_emails() == 0
        finally:
            app.config.update(MAIL_SERVER=None, MAIL_PORT=25)
    [mail] = sink.messages
    assert mail["To"] == "head@bureau.example" and "挂牌督办" in mail["Subject"]
    assert "超期未办结" in mail.get_content()
    staff_notice = db.session.scalar(select(Notification).where(Notification.user_id == team.staff.id))
    assert staff_notice is None or staff_notice.emailed_at is None  # no address, no e-mail


def test_the_inbox_shows_only_ones_own_notices(db, team, browser, login_as):
    assigned_case(team, utc(2026, 11, 2, 2, 0))
    other = make_team("银行二处", suffix="o")
    sweep_deadlines(now=SWEEP_AT)
    db.session.commit()
    login_as(other.head)
    assert "没有消息" in browser.get("/inbox").get_data(as_text=True)
    notice_id = db.session.scalar(select(Notification.id).where(Notification.user_id == team.head.id))
    browser.post(f"/inbox/{notice_id}", token_from="/inbox")
    assert db.session.get(Notification, notice_id).read_at is None  # someone else's stays unread


def test_the_sweep_command_reports_what_it_did(app, db, team):
    assigned_case(team, utc(2026, 11, 2, 2, 0))
    db.session.commit()
    from tests.clock import frozen_time

    with frozen_time(SWEEP_AT):
        result = app.test_cli_runner().invoke(args=["desk", "sweep"])
    assert result.exit_code == 0, result.output
    assert "overdue_supervised=1" in result.output
