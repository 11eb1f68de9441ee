"""The 20-working-day clock of a disclosure request (arts. 30-34, 42): restarts, pauses, one extension."""

from __future__ import annotations

from datetime import date

import pytest

from desk.cases import lifecycle, services
from desk.cases.errors import CaseError
from desk.models import CaseState, DisclosureRequest
from tests.clock import frozen_time
from tests.conftest import utc
from tests.disclosure.conftest import disclosure_case
from tests.supervision.conftest import make_team

RECEIVED = utc(2026, 1, 20, 2, 0)  # 10:00 in Shanghai, a Tuesday


def _request(db, case) -> DisclosureRequest:
    return db.session.scalar(db.select(DisclosureRequest).where(DisclosureRequest.case_id == case.id))


def test_a_request_received_2026_01_20_is_due_2026_02_24_and_2026_03_23_extended(db):
    team = make_team(suffix="c1")
    case = disclosure_case(team, RECEIVED)
    assert case.number.startswith("GK") and case.deadline_days == 20
    assert case.due_date == date(2026, 2, 24)  # the Spring Festival (02-15…02-23) is off, 02-14 works
    with frozen_time(utc(2026, 2, 10, 2, 0)):
        request = services.request_extension(team.staff, case, 20, "需调取多个处室档案")
        services.decide_extension(team.office, request, True, "同意延期")
    assert case.due_date == date(2026, 3, 23)
    # Only one extension, of at most 20 working days.
    with frozen_time(utc(2026, 3, 2, 2, 0)), pytest.raises(CaseError, match="只能延期1次"):
        services.request_extension(team.staff, case, 5, "仍需时间")


def test_an_extension_over_twenty_working_days_is_refused(db):
    team = make_team(suffix="c2")
    case = disclosure_case(team, RECEIVED)
    with frozen_time(utc(2026, 2, 10, 2, 0)), pytest.raises(CaseError, match="1 至 20"):
        services.request_extension(team.staff, case, 21, "需调取档案")


def test_a_corrected_request_gets_a_new_twenty_days_from_its_arrival(db):
    team = make_team(suffix="c3")
    case = disclosure_case(team, RECEIVED)
    with frozen_time(utc(2026, 1, 23, 2, 0)):
        lifecycle.apply(case, "notify_correction", team.staff, items="请写明所需文件的名称或文号", days=10)
        assert case.pauses[0].due_on == date(2026, 2, 6)
        assert case.pauses[0].reason == "correction" and case.pauses[0].ended_on is None
        # The one correction notice cannot be given twice.
        assert "notify_correction" not in lifecycle.allowed_actions(case, team.staff)
    with frozen_time(utc(2026, 2, 3, 2, 0)):
        lifecycle.apply(case, "record_correction", team.staff, received=date(2026, 2, 2))
    # 20 working days after 2026-02-02: ten to 02-14 (a make-up Saturday), the Spring Festival off,
    # then 02-24 … 02-28 (another make-up Saturday) and 03-02 … 03-06.
    assert case.clock_start == date(2026, 2, 2)
    assert case.due_date == date(2026, 3, 6)
    with frozen_time(utc(2026, 2, 3, 2, 0)), pytest.raises(CaseError, match="只能作出一次"):
        lifecycle.apply(case, "notify_correction", team.staff, items="再次补正", days=5)


def test_a_correction_notice_comes_within_seven_working_days_of_receipt(db):
    team = make_team(suffix="c4")
    case = disclosure_case(team, RECEIVED)
    with frozen_time(utc(2026, 1, 30, 2, 0)), pytest.raises(CaseError, match="7个工作日内"):
        lifecycle.apply(case, "notify_correction", team.staff, items="请写明文号", days=10)
    assert case.pauses == []


def test_a_request_not_corrected_in_time_ends_as_not_processed(db):
    team = make_team(suffix="c5")
    case = disclosure_case(team, RECEIVED)
    with frozen_time(utc(2026, 1, 21, 2, 0)):
        lifecycle.apply(case, "notify_correction", team.staff, items="请写明文号", days=5)
    with frozen_time(utc(2026, 1, 28, 2, 0)), pytest.raises(CaseError, match="尚未届满"):
        lifecycle.apply(case, "correction_lapsed", team.head)
    with frozen_time(utc(2026, 1, 29, 2, 0)):
        lifecycle.apply(case, "correction_lapsed", team.head)
    assert case.state == CaseState.REPLIED
    request = _request(db, case)
    assert request.outcome == "三(六)1" and request.decided_on == date(2026, 1, 29)
    assert "逾期未补正" in case.reply.body and "60日内" in case.reply.body


def test_a_third_party_consultation_across_the_spring_festival_does_not_count(db):
    team = make_team(suffix="c6")
    case = disclosure_case(team, RECEIVED)
    with frozen_time(utc(2026, 2, 5, 2, 0)):  # 12 working days counted so far
        lifecycle.apply(case, "consult", team.staff, party="third_party", addressee="某小额贷款有限公司")
        # Without an answer the pause ends by itself after 15 working days: 2026-03-04.
        assert case.pauses[0].ended_on == date(2026, 3, 4)
        assert case.due_date == date(2026, 3, 16)
        assert "notify_fee" not in lifecycle.allowed_actions(case, team.staff)
    with frozen_time(utc(2026, 3, 2, 2, 0)):  # the third party answers early
        lifecycle.apply(case, "end_consultation", team.staff, note="第三方不同意公开")
    # The 8 remaining working days run from 03-03: due 03-12.
    assert case.pauses[0].ended_on == date(2026, 3, 2)
    assert case.due_date == date(2026, 3, 12)


def test_another_agencys_consultation_is_capped_at_fifteen_working_days(db):
    team = make_team(suffix="c7")
    case = disclosure_case(team, utc(2026, 6, 1, 2, 0))
    with frozen_time(utc(2026, 6, 2, 2, 0)):
        lifecycle.apply(case, "consult", team.staff, party="agency", addressee="市市场监督管理局")
    # 06-03 … 06-23 are 15 working days (06-19 is the Dragon Boat Festival); then the clock runs again.
    assert case.pauses[0].ended_on == date(2026, 6, 24)
    with frozen_time(utc(2026, 6, 25, 2, 0)):
        assert "end_consultation" not in lifecycle.allowed_actions(case, team.staff)


def test_a_fee_notice_stops_the_clock_until_payment(db):
    team = make_team(suffix="c8")
    case = disclosure_case(team, RECEIVED)
    with frozen_time(utc(2026, 1, 27, 2, 0)):  # 5 working days counted
        lifecycle.apply(case, "notify_fee", team.staff, basis="volume", quantity=120)
        request = _request(db, case)
        assert request.fee_amount == 70 * 10 + 20 * 20  # 31-100 at 10 元, 101-120 at 20 元
        assert case.pauses[0].due_on == date(2026, 3, 2)  # 20 working days to pay
    with frozen_time(utc(2026, 2, 4, 2, 0)):
        lifecycle.apply(case, "record_payment", team.staff)
    # Paused 01-28 … 02-04; 15 working days remain from 02-05: 02-05 … 03-03.
    assert case.due_date == date(2026, 3, 3)
    assert case.pauses[0].ended_on == date(2026, 2, 4)


def test_an_unpaid_fee_ends_the_request(db):
    team = make_team(suffix="c9")
    case = disclosure_case(team, RECEIVED)
    with frozen_time(utc(2026, 1, 27, 2, 0)):
        with pytest.raises(CaseError, match="不需收费"):
            lifecycle.apply(case, "notify_fee", team.staff, basis="count", quantity=3)
        lifecycle.apply(case, "notify_fee", team.staff, basis="count", quantity=12)
    assert _request(db, case).fee_amount == 100
    with frozen_time(utc(2026, 3, 2, 2, 0)), pytest.raises(CaseError, match="尚未届满"):
        lifecycle.apply(case, "fee_lapsed", team.head)
    with frozen_time(utc(2026, 3, 3, 2, 0)):
        lifecycle.apply(case, "fee_lapsed", team.head)
    assert _request(db, case).outcome == "三(六)2" and case.state == CaseState.REPLIED


def test_disclosure_only_actions_are_refused_on_other_kinds_and_sign_off_on_disclosure(db, make_case):
    team = make_team(suffix="c10")
    case = disclosure_case(team, RECEIVED)
    assert "sign_off" not in lifecycle.allowed_actions(case, team.head)
    with frozen_time(utc(2026, 1, 21, 2, 0)):
        letter = make_case()
        services.assign_case(team.office, letter, team.division)
        with pytest.raises(CaseError, match="没有这项操作"):
            lifecycle.apply(letter, "consult", team.staff, party="agency", addressee="某局")
        with pytest.raises(CaseError, match="没有这项操作"):
            services.reclassify_case(team.office, case, "complaint")
    fresh = disclosure_case(team, RECEIVED, assign=False)
    assert "refuse" not in lifecycle.allowed_actions(fresh, team.office)
    assert "redirect_petition" in lifecycle.allowed_actions(fresh, team.office)
