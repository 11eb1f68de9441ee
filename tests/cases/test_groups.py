"""集中反映: similar letters suggested, linked by the office, one joint answer, each replied on its own."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.models import Case, CaseEvent, CaseGroup, CaseState, PublishedReply
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import assigned_case, make_team

ON = utc(2026, 11, 2, 2, 0)
LATER = utc(2026, 11, 4, 2, 0)
SAME = "鑫盛财富理财平台无法兑付，我投资的五万元到期不能取出，平台客服失联，请监管部门尽快查处鑫盛财富。"


@pytest.fixture
def teams(db):
    lead, other, outsider = (
        make_team("民间融资监管处"),
        make_team("银行一处", suffix="b"),
        make_team("人事处", suffix="x"),
    )
    with frozen_time(ON):
        first = assigned_case(lead, ON, subject="鑫盛财富理财平台无法兑付", content=SAME)
        second = assigned_case(
            other,
            ON,
            subject="举报鑫盛财富理财平台",
            content="鑫盛财富理财平台到期不兑付，客服失联，" + SAME[-20:],
        )
        third = assigned_case(
            lead, ON, subject="鑫盛财富理财不兑付怎么办", content="鑫盛财富理财平台不兑付，" + SAME[:30]
        )
        unrelated = assigned_case(
            lead, ON, subject="典当行续当手续咨询", content="请问典当行续当需要带哪些证件？"
        )
    return lead, other, outsider, (first, second, third, unrelated)


def test_the_office_sees_similar_letters_and_links_them_into_a_group(db, teams, browser, login_as):
    lead, other, _, (first, second, third, unrelated) = teams
    login_as(lead.office)
    url = f"/staff/cases/{first.id}"
    with frozen_time(LATER):
        assert "查找反映同一事项的在办来信" in browser.get(url).get_data(as_text=True)
        page = browser.get(url + "?similar=1").get_data(as_text=True)
        side = page.split("知识库相似度推荐的在办来信", 1)[1].split("</fieldset>", 1)[0]
        assert second.number in side and third.number in side and unrelated.number not in side
        response = browser.post(
            f"/office/cases/{first.id}/group",
            {
                "group-title": "鑫盛财富理财平台兑付问题",
                "group-division_id": str(lead.division.id),
                "group-member_ids": [str(second.id), str(third.id)],
            },
            prefix="group",
            token_from=url,
        )
    assert response.status_code == 302, response.get_data(as_text=True)
    group = db.session.scalar(select(CaseGroup))
    assert response.headers["Location"].endswith(f"/staff/groups/{group.id}")
    members = db.session.scalars(select(Case).where(Case.group_id == group.id)).all()
    assert {c.id for c in members} == {first.id, second.id, third.id}
    for case in members:
        assert db.session.scalar(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.action == "group_linked")
        )
    assert second.division_id == other.division.id  # each case stays with its own division and clock


def test_a_group_needs_a_second_letter(db, teams, browser, login_as):
    lead, *_rest, (first, *_others) = teams
    login_as(lead.office)
    url = f"/staff/cases/{first.id}"
    response = browser.post(
        f"/office/cases/{first.id}/group",
        {"group-title": "x", "group-division_id": str(lead.division.id)},
        prefix="group",
        token_from=url,
    )
    assert response.status_code == 400 and "请至少选择一件相似来信" in response.get_data(as_text=True)
    assert db.session.scalar(select(CaseGroup)) is None


def _group(db, teams):
    from desk.cases.groups import create_group

    lead, _other, _, (first, second, third, _u) = teams
    with frozen_time(LATER):
        group = create_group(
            lead.office,
            title="鑫盛财富理财平台兑付问题",
            division=lead.division,
            cases=[first, second, third],
        )
    db.session.commit()
    return group


def test_the_joint_answer_is_drafted_commented_on_and_sent_to_each_member(db, teams, browser, login_as):
    lead, other, outsider, (first, second, third, _u) = teams
    group = _group(db, teams)
    url = f"/staff/groups/{group.id}"
    due_before = {c.id: c.due_date for c in (first, second, third)}
    with frozen_time(LATER):
        login_as(outsider.staff)
        assert browser.get(url).status_code == 404
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(lead.staff)
        drafted = browser.post(
            f"/staff/groups/{group.id}/answer",
            {"answer-body": "经查，鑫盛财富理财平台未取得任何金融业务许可，本局已移送公安机关立案侦查……"},
            prefix="answer",
            token_from=url,
        )
        assert drafted.status_code == 302
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as("counsel")
        commented = browser.post(
            f"/staff/groups/{group.id}/comment",
            {"comment-body": "建议补充投资人报案途径"},
            prefix="comment",
            token_from=url,
        )
        assert commented.status_code == 302
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(other.staff)  # a member's division comments but may not draft or sign
        page = browser.get(url).get_data(as_text=True)
        assert "建议补充投资人报案途径" in page and "保存草稿" not in page
        browser.post(
            f"/staff/groups/{group.id}/comment",
            {"comment-body": "银行一处无补充"},
            prefix="comment",
            token_from=url,
        )
        cannot = browser.post(
            f"/staff/groups/{group.id}/answer", {"answer-body": "改"}, prefix="answer", token_from=url
        )
        assert cannot.status_code == 403
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(other.head)
        assert (
            browser.post(f"/staff/groups/{group.id}/sign", {}, prefix="sign", token_from=url).status_code
            == 403
        )
        browser.client.post("/logout", data={"csrf_token": browser.token()})

        login_as(lead.head)
        signed = browser.post(f"/staff/groups/{group.id}/sign", {}, prefix="sign", token_from=url)
        assert signed.status_code == 302, signed.get_data(as_text=True)
    for case in (first, second, third):
        db.session.refresh(case)
        assert case.state == CaseState.REPLIED
        assert case.due_date == due_before[case.id]
        told = db.session.scalars(select(PublishedReply).where(PublishedReply.case_id == case.id)).all()
        assert len(told) == 1 and "移送公安机关" in told[0].body
    db.session.refresh(group)
    assert group.answered_at is not None


def test_a_letter_can_leave_the_group_and_is_then_answered_on_its_own(db, teams, browser, login_as):
    lead, _other, _outsider, (first, *_rest) = teams
    group = _group(db, teams)
    login_as(lead.office)
    url = f"/staff/cases/{first.id}"
    left = browser.post(
        f"/office/cases/{first.id}/leave-group", {"leave-comment": "另有诉求"}, prefix="leave", token_from=url
    )
    assert left.status_code == 302
    db.session.refresh(first)
    assert first.group_id is None and group.id


def test_leaving_the_group_needs_a_reason_asked_for_by_its_label(db, teams, browser, login_as):
    lead, _other, _outsider, (first, *_rest) = teams
    _group(db, teams)
    login_as(lead.office)
    url = f"/staff/cases/{first.id}"
    assert "移出理由" in browser.get(url).get_data(as_text=True)
    blank = browser.post(
        f"/office/cases/{first.id}/leave-group", {"leave-comment": ""}, prefix="leave", token_from=url
    )
    assert blank.status_code == 400 and "移出理由：请填写意见或理由" in blank.get_data(as_text=True)
    db.session.refresh(first)
    assert first.group_id is not None


def test_a_comment_is_checked_and_one_on_an_answered_group_is_refused_on_its_page(
    db, teams, browser, login_as
):
    lead, *_rest = teams
    group = _group(db, teams)
    url = f"/staff/groups/{group.id}"
    with frozen_time(LATER):
        login_as(lead.staff)
        blank = browser.post(url + "/comment", {"comment-body": " "}, prefix="comment", token_from=url)
        assert blank.status_code == 400 and "会商意见：请填写意见" in blank.get_data(as_text=True)
        group.answered_at = LATER
        db.session.commit()
        late = browser.post(url + "/comment", {"comment-body": "迟到的意见"}, prefix="comment")
    assert late.status_code == 409
    page = late.get_data(as_text=True)
    assert "该集中反映已统一答复，不再征求意见" in page and group.title in page and "迟到的意见" not in page


def test_a_division_finds_its_group_however_many_newer_groups_of_others_there_are(
    db, teams, browser, login_as
):
    _lead, other, outsider, _cases = teams
    group = _group(db, teams)
    later = utc(2026, 11, 20, 2, 0)
    with frozen_time(later):  # 200 later groups of another division, none of theirs
        db.session.add_all(
            CaseGroup(
                title=f"典当行续当问题{i}", division_id=outsider.division.id, answer="", created_at=later
            )
            for i in range(200)
        )
        db.session.commit()
        login_as(other.staff)
        page = browser.get("/staff/groups").get_data(as_text=True)
    assert f"/staff/groups/{group.id}" in page and "鑫盛财富理财平台兑付问题" in page
    assert "典当行续当问题" not in page
