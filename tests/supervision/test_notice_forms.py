"""The notice page's two comment forms: named for what they are, refused by that name, 409 once closed."""

from __future__ import annotations

import re

from sqlalchemy import select

from desk.models import Supervision
from desk.supervision.sweep import sweep_deadlines
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import assigned_case
from tests.supervision.test_sweep import SWEEP_AT


def _record(db, team) -> Supervision:
    case = assigned_case(team, utc(2026, 11, 2, 2, 0))  # overdue on the sweep's day
    sweep_deadlines(now=SWEEP_AT)
    db.session.commit()
    return db.session.scalar(select(Supervision).where(Supervision.case_id == case.id))


def test_a_blank_answer_or_closing_comment_is_refused_under_its_own_label(db, team, browser, login_as):
    record = _record(db, team)
    url = f"/supervision/{record.id}"
    with frozen_time(SWEEP_AT):
        login_as(team.head)
        assert "反馈意见" in browser.get(url).get_data(as_text=True)
        blank = browser.post(f"{url}/answer", {"answer-comment": " "}, prefix="answer", token_from=url)
        assert blank.status_code == 400
        assert "反馈意见：请填写意见或理由" in blank.get_data(as_text=True)
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(team.office)
        assert "销号意见" in browser.get(url).get_data(as_text=True)
        blank = browser.post(f"{url}/close", {"close-comment": ""}, prefix="close", token_from=url)
        assert blank.status_code == 400
        assert "销号意见：请填写意见或理由" in blank.get_data(as_text=True)
    db.session.refresh(record)
    assert record.state == "open" and not record.answer


def test_closing_a_closed_notice_again_is_refused_and_changes_nothing(db, team, browser, login_as):
    record = _record(db, team)
    url = f"/supervision/{record.id}"
    with frozen_time(SWEEP_AT):
        login_as(team.office)
        closed = browser.post(
            f"{url}/close", {"close-comment": "已办结，予以销号。"}, prefix="close", token_from=url
        )
        assert closed.status_code == 302
        again = browser.post(f"{url}/close", {"close-comment": "再次销号"}, prefix="close")
    assert again.status_code == 409
    page = again.get_data(as_text=True)
    assert "督办单已销号" in page and "已办结，予以销号。" in page
    db.session.refresh(record)
    assert record.state == "closed" and record.closing_comment == "已办结，予以销号。"


def test_the_ledger_s_next_page_keeps_the_division_filter(app, db, browser, login_as, monkeypatch):
    """The office filters the ledger by 处室; 下一页 must stay within that division."""
    from desk.models import SupervisionReason
    from desk.supervision.services import supervise_case
    from tests.supervision.conftest import make_team

    bank, pawn = make_team("银行一处"), make_team("典当监管处", suffix="p")
    with frozen_time(utc(2026, 3, 2, 2, 0)):
        for team in (bank, bank, pawn, pawn):
            supervise_case(assigned_case(team, utc(2026, 3, 2, 1, 0)), SupervisionReason.OVERDUE, team.office)
    monkeypatch.setitem(app.config, "PAGE_SIZE", 1)
    login_as(bank.office)
    with frozen_time(utc(2026, 3, 2, 3, 0)):
        first = browser.get(f"/supervision/?division_id={bank.division.id}").get_data(as_text=True)
    assert "第 1 / 2 页" in first
    next_link = re.search(r'href="([^"]*page=2[^"]*)"', first).group(1).replace("&amp;", "&")
    assert f"division_id={bank.division.id}" in next_link
