"""Fixtures for reports: a small bureau with cases at known dates, seen on 2026-11-20."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from desk.cases import services
from desk.models import Case, Division, Rating, Role, Supervision, User
from tests.clock import frozen_time
from tests.conftest import utc

# Friday 2026-11-20, 10:00 in Shanghai: "today" in every report test.
NOW = utc(2026, 11, 20, 2, 0)


@dataclass
class Bureau:
    """Two divisions, their people and the cases built for the figures tests."""

    bank: Division
    stability: Division
    office: User
    bank_head: User
    bank_staff: User
    stability_head: User
    stability_staff: User
    cases: dict[str, Case]


def _at(moment: datetime, action, *args) -> None:
    with frozen_time(moment):
        action(*args)


@pytest.fixture
def bureau(db, make_case, make_user, make_division) -> Bureau:
    """Cases with known states and dates (see each comment), two ratings and one supervision."""
    bank, stability = make_division("银行一处"), make_division("金融稳定处")
    office = make_user(Role.OFFICE)
    bank_head, bank_staff = make_user(Role.HEAD, bank), make_user(Role.STAFF, bank)
    stability_head, stability_staff = make_user(Role.HEAD, stability), make_user(Role.STAFF, stability)
    cases = {}

    def reply(case: Case, division: Division, staff: User, head: User, assigned: datetime, at: datetime):
        _at(assigned, services.assign_case, office, case, division)
        _at(at, services.submit_for_signoff, staff, case, "您好！答复如下……")
        _at(at, services.sign_off, head, case)

    with frozen_time(NOW):
        # Bank: consultation received Fri 10-09, due 10-19, replied Tue 10-13 (on time, 2 working days).
        cases["on_time"] = make_case(received_at=utc(2026, 10, 9, 2, 0))
        # Stability: complaint received 09-01 (due 10-08), replied 11-10: late, and through WeChat.
        cases["late"] = make_case(received_at=utc(2026, 9, 1, 2, 0), kind="complaint")
        # Not accepted, received 11-02 (no division).
        cases["refused"] = make_case(received_at=utc(2026, 11, 2, 2, 0), kind="mailbox")
        # Bank, open: received 11-03, due 11-12: overdue today.
        cases["overdue"] = make_case(received_at=utc(2026, 11, 3, 2, 0))
        # Bank, open: received 11-13, due 11-24: due soon (today + 2 working days = 11-24).
        cases["due_soon"] = make_case(received_at=utc(2026, 11, 13, 2, 0))
        # Stability, open: received 11-18, due 11-27: neither.
        cases["fresh"] = make_case(received_at=utc(2026, 11, 18, 2, 0), kind="consultation")
        # Received two years ago and replied then: outside every period of the tests.
        cases["old"] = make_case(received_at=utc(2024, 11, 4, 2, 0))
    reply(cases["on_time"], bank, bank_staff, bank_head, utc(2026, 10, 9, 3, 0), utc(2026, 10, 13, 6, 0))
    reply(
        cases["late"],
        stability,
        stability_staff,
        stability_head,
        utc(2026, 9, 2, 3, 0),
        utc(2026, 11, 10, 6, 0),
    )
    reply(cases["old"], bank, bank_staff, bank_head, utc(2024, 11, 4, 3, 0), utc(2024, 11, 6, 6, 0))
    _at(utc(2026, 11, 2, 3, 0), services.refuse_case, office, cases["refused"], "不属于本局职责范围。")
    _at(utc(2026, 11, 3, 3, 0), services.assign_case, office, cases["overdue"], bank)
    _at(utc(2026, 11, 13, 3, 0), services.assign_case, office, cases["due_soon"], bank)
    _at(utc(2026, 11, 18, 3, 0), services.assign_case, office, cases["fresh"], stability)
    cases["late"].channel = "wechat"
    db.session.add_all(
        [
            Rating(
                case_id=cases["on_time"].id,
                level="basic",
                rated_at=utc(2026, 10, 14, 1, 0),
                reply_signed_at=cases["on_time"].replied_at,
            ),
            Rating(
                case_id=cases["late"].id,
                level="dissatisfied",
                rated_at=utc(2026, 11, 11, 1, 0),
                reply_signed_at=cases["late"].replied_at,
            ),
            Supervision(
                case_id=cases["overdue"].id,
                reason="overdue",
                division_id=bank.id,
                opened_at=utc(2026, 11, 13, 1, 0),
                answer_due=datetime(2026, 11, 18).date(),
            ),
        ]
    )
    db.session.commit()
    return Bureau(bank, stability, office, bank_head, bank_staff, stability_head, stability_staff, cases)
