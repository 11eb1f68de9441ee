"""信件选登: consent, the division's proposal, the office's review, taking down, withdrawal on /track."""

from __future__ import annotations

import re
from dataclasses import replace

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from desk.cases.errors import CaseError
from desk.cases.lifecycle import allowed_actions, apply
from desk.knowledge import services as knowledge
from desk.models import CaseEvent, CaseState, EntryStatus, LetterState, Notification, PublishedLetter
from desk.publishing.letters import consents_of, letter_of
from tests.clock import frozen_time
from tests.conftest import utc
from tests.supervision.conftest import make_team, replied_case

WRITER = "李红梅"
PHONE = "13987654321"
CONTENT = (
    f"我叫{WRITER}，住在长沙市岳麓区麓山南路88号3栋502室，电话{PHONE}。"
    "去年通过邻居周建国介绍，在某小额贷款公司借了5万元，合同写明月息1.5分，"
    "现在对方每月还要收2000元服务费。请问小额贷款公司这样收费合规吗？"
)
REPLY = (
    f"{WRITER}女士：您好！小额贷款公司的综合融资成本应在合同中明示，不得另收未约定的费用。"
    "我处已约谈该公司核查。"
)


def _published_case(db, team, **fields):
    case = replied_case(
        team,
        utc(2026, 11, 2, 2, 0),
        utc(2026, 11, 9, 2, 0),
        subject=f"{WRITER}反映小额贷款公司另收服务费",
        content=CONTENT,
        citizen_name=WRITER,
        phone=PHONE,
        consent_publish=True,
        **fields,
    )
    case.reply.body = REPLY
    case.published_replies[-1].body = REPLY
    db.session.commit()
    return case


def _notices(db, user, kind) -> int:
    return len(
        db.session.scalars(
            select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
        ).all()
    )


def _public_text(client, *urls) -> str:
    return "\n".join(client.get(url).get_data(as_text=True) for url in urls)


def test_the_consent_box_is_separate_plain_and_not_ticked(db, client):
    page = client.get("/write/consultation").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="consent_publish"[^>]*>', page).group(0)
    assert "checked" not in box
    assert "信件选登" in page and "去除您的姓名、电话、邮箱、地址" in page and "撤回" in page


def test_propose_review_approve_and_take_down(db, browser, login_as):
    team = make_team(suffix="pub")
    case = _published_case(db, team)
    login_as(team.staff)
    response = browser.post(
        f"/cases/{case.id}/propose-publication", {"propose-note": "典型问题"}, prefix="propose"
    )
    assert response.status_code == 302
    assert letter_of(case).state == LetterState.PROPOSED
    assert browser.get("/letters").get_data(as_text=True).count(case.number) == 0  # not before review
    assert _notices(db, team.office, "publication_proposed") == 1  # the office's inbox says so

    login_as(team.office)
    page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "信件选登审核" in page
    assert f'<mark title="姓名 → [姓名]">{WRITER}</mark>' in page  # every masked span shown
    assert f">{PHONE}</mark>" in page and "麓山南路" in page
    record = letter_of(case)
    assert WRITER not in record.letter and PHONE not in record.letter and "麓山南路" not in record.letter
    assert "周建国" not in record.letter  # a third party's name too
    assert WRITER not in record.reply and WRITER not in record.title

    # A reviewer who types a number back in is refused and nothing is published.
    typed = {
        "approve-title": record.title,
        "approve-letter": record.letter + "联系电话 139 8765 4321",
        "approve-reply": record.reply,
    }
    response = browser.post(f"/cases/{case.id}/approve-publication", typed, prefix="approve")
    assert response.status_code == 409
    assert "仍有疑似个人信息" in response.get_data(as_text=True)
    assert letter_of(case).state == LetterState.PROPOSED

    edited = {**typed, "approve-letter": record.letter, "approve-title": "小额贷款公司另收服务费是否合规"}
    response = browser.post(f"/cases/{case.id}/approve-publication", edited, prefix="approve")
    assert response.status_code == 302
    assert _notices(db, team.staff, "publication_decided") == 1
    listing = browser.get("/letters").get_data(as_text=True)
    assert "小额贷款公司另收服务费是否合规" in listing and case.number in listing
    detail = browser.get(f"/letters/{case.number}").get_data(as_text=True)
    assert "受理日期" in detail and "2026-11-02" in detail
    assert "答复日期" in detail and "2026-11-09" in detail
    assert "不得另收未约定的费用" in detail
    for secret in (WRITER, PHONE, "麓山南路", "周建国", "典型问题"):
        assert secret not in listing + detail

    response = browser.post(
        f"/cases/{case.id}/unpublish", {"unpublish-reason": "涉及正在调查的机构"}, prefix="unpublish"
    )
    assert response.status_code == 302
    assert browser.get(f"/letters/{case.number}").status_code == 404
    assert case.number not in browser.get("/letters").get_data(as_text=True)
    actions = [e.action for e in db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id))]
    assert {"publication_proposed", "publication_approved", "unpublished"} <= set(actions)


def test_the_office_refuses_with_a_reason_the_public_never_sees(db, browser, login_as):
    team = make_team(suffix="ref")
    case = _published_case(db, team)
    apply(case, "propose_publication", team.staff, note="处室内部说明：当事人情绪激动")
    db.session.commit()
    login_as(team.office)
    response = browser.post(
        f"/cases/{case.id}/refuse-publication", {"refusepub-reason": ""}, prefix="refusepub"
    )
    assert response.status_code == 400  # a reason is required, nothing written
    assert "不予公开的理由：请填写理由" in response.get_data(as_text=True)
    assert letter_of(case).state == LetterState.PROPOSED
    reason = "涉及个案纠纷，不宜公开"
    response = browser.post(
        f"/cases/{case.id}/refuse-publication", {"refusepub-reason": reason}, prefix="refusepub"
    )
    assert response.status_code == 302
    assert letter_of(case).state == LetterState.REFUSED
    public = _public_text(browser.client, "/letters", f"/letters/{case.number}", "/answers")
    assert reason not in public and "当事人情绪激动" not in public
    # The division sees the reason and may propose again.
    login_as(team.staff)
    assert reason in browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "propose_publication" in allowed_actions(case, team.staff)


def test_a_letter_without_consent_is_never_proposed_nor_listed(db, browser, login_as):
    team = make_team(suffix="noc")
    case = replied_case(team, utc(2026, 11, 2, 2, 0), utc(2026, 11, 9, 2, 0), consent_publish=False)
    db.session.commit()
    assert "propose_publication" not in allowed_actions(case, team.staff)
    login_as(team.staff)
    response = browser.post(f"/cases/{case.id}/propose-publication", {}, prefix="propose")
    assert response.status_code == 409
    assert "来信人未同意公开" in response.get_data(as_text=True)
    assert letter_of(case) is None
    # Even a row forced into the table is never listed while the writer has not consented.
    db.session.add(
        PublishedLetter(
            case_id=case.id,
            state=LetterState.PUBLISHED,
            kind=case.kind,
            title="强行写入的标题",
            letter="内容",
            reply="答复",
            received_on=case.received_on,
            replied_on=case.replied_on,
        )
    )
    db.session.commit()
    assert "强行写入的标题" not in browser.get("/letters").get_data(as_text=True)
    assert browser.get(f"/letters/{case.number}").status_code == 404


def test_withdrawing_consent_on_track_unpublishes_at_once(db, browser):
    team = make_team(suffix="wd")
    case = _published_case(db, team)
    record_title = None
    apply(case, "propose_publication", team.staff)
    record = letter_of(case)
    apply(
        case, "approve_publication", team.office, title=record.title, letter=record.letter, reply=record.reply
    )
    db.session.commit()
    record_title = letter_of(case).title
    assert browser.get(f"/letters/{case.number}").status_code == 200
    preview = knowledge.preview_from_case(case)
    entry = knowledge.save_entry(team.office, replace(preview.data, public=True), sources=[case])
    knowledge.set_status(team.office, entry, EntryStatus.PUBLISHED)
    db.session.commit()
    assert browser.get(f"/answers/{entry.id}").status_code == 200

    page = browser.post("/track", {"number": case.number, "code": case.test_query_code})
    assert "撤回公开同意" in page.get_data(as_text=True)
    response = browser.post("/track/withdraw-consent", {}, prefix="withdraw")
    assert response.status_code == 200
    assert "已撤回公开同意" in response.get_data(as_text=True)
    assert browser.get(f"/letters/{case.number}").status_code == 404
    assert record_title not in browser.get("/letters").get_data(as_text=True)
    assert browser.get(f"/answers/{entry.id}").status_code == 404  # its public entry went internal too
    db.session.refresh(case)
    assert case.consent_publish is False
    assert letter_of(case).state == LetterState.UNPUBLISHED
    # Nobody can publish it again without a new consent.
    try:
        apply(case, "propose_publication", team.staff)
    except CaseError as error:
        assert "未同意公开" in str(error)
    else:
        raise AssertionError("a withdrawn letter was proposed again")


def test_withdrawal_needs_the_query_code(db, browser):
    response = browser.post("/track/withdraw-consent", {}, prefix="withdraw")
    assert response.status_code == 403


def _approve_as_proposed(case, office) -> None:
    record = letter_of(case)
    apply(case, "approve_publication", office, title=record.title, letter=record.letter, reply=record.reply)


def _consent_lines(page: str) -> list[str]:
    """The consent history as the writer reads it on /track."""
    block = re.search(r'<ol class="consents small">(.*?)</ol>', page, re.S)
    assert block, "no consent history on the page"
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)
    ]


def test_a_writer_who_withdrew_consents_again_and_the_office_reviews_before_it_is_public(
    db, browser, login_as
):
    team = make_team(suffix="again")
    with frozen_time(utc(2026, 11, 2, 2, 0)):
        case = _published_case(db, team)  # received 2026-11-02 with the box ticked
    apply(case, "propose_publication", team.staff)
    _approve_as_proposed(case, team.office)
    db.session.commit()
    title = letter_of(case).title
    assert title in browser.get("/letters").get_data(as_text=True)

    with frozen_time(utc(2026, 11, 12, 3, 0)):
        browser.post("/track", {"number": case.number, "code": case.test_query_code})
        page = browser.post("/track/withdraw-consent", {}, prefix="withdraw").get_data(as_text=True)
    assert "重新同意公开" in page  # the way back is offered at once
    assert title not in browser.get("/letters").get_data(as_text=True)

    with frozen_time(utc(2026, 11, 16, 4, 0)):  # four days later: the writer looks the case up again
        browser.post("/track", {"number": case.number, "code": case.test_query_code})
        response = browser.post("/track/give-consent", {}, prefix="consent")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "您已重新同意公开" in page and "审核通过后才会" in page
    assert "撤回公开同意" in page  # consenting again may be withdrawn again
    # Nothing is public by the new consent itself: it waits for the office's review.
    assert title not in browser.get("/letters").get_data(as_text=True)
    assert browser.get(f"/letters/{case.number}").status_code == 404
    assert letter_of(case).state == LetterState.PROPOSED
    inbox = db.session.scalars(select(Notification.text).where(Notification.user_id == team.office.id)).all()
    assert f"{case.number} 来信人重新同意公开，请重新审核去标识化文本" in inbox  # the office is told

    # Both consents are in the history: the first one stays withdrawn, the new one holds.
    assert _consent_lines(page) == [
        "来信时同意：2026-11-02 10:00，已于 2026-11-12 11:00 撤回",
        "在查询页面重新同意：2026-11-16 12:00（有效）",
    ]
    assert "您已撤回公开同意" in page and "您已重新同意公开" in page  # the timeline too
    login_as(team.office)
    staff_page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "来信人重新同意公开" in staff_page and "信件选登审核" in staff_page

    # The office approves the de-identified text again: public again, still without the writer's data.
    record = letter_of(case)
    approved = {"approve-title": record.title, "approve-letter": record.letter, "approve-reply": record.reply}
    assert (
        browser.post(f"/cases/{case.id}/approve-publication", approved, prefix="approve").status_code == 302
    )
    detail = browser.get(f"/letters/{case.number}")
    assert detail.status_code == 200
    assert WRITER not in detail.get_data(as_text=True) and PHONE not in detail.get_data(as_text=True)
    assert title in browser.get("/letters").get_data(as_text=True)


def _approved_case(db, team, *, take_down: str | None = None):
    """A case whose letter the office approved on 2026-11-10 (and took down, with ``take_down``)."""
    case = _published_case(db, team)
    with frozen_time(utc(2026, 11, 10, 2, 0)):
        apply(case, "propose_publication", team.staff)
        _approve_as_proposed(case, team.office)
        if take_down:
            apply(case, "unpublish", team.office, reason=take_down)
        db.session.commit()
    return case


def _withdraw_and_consent_again(browser, case):
    browser.post("/track", {"number": case.number, "code": case.test_query_code})
    browser.post("/track/withdraw-consent", {}, prefix="withdraw")
    return browser.post("/track/give-consent", {}, prefix="consent")


def test_consenting_again_brings_back_the_text_the_office_corrected_by_hand(db, browser):
    team = make_team(suffix="hand")
    case = _published_case(db, team)  # answered on 2026-11-09
    with frozen_time(utc(2026, 11, 10, 2, 0)):
        apply(case, "propose_publication", team.staff)
        record = letter_of(case)
        assert (
            "周建国" not in record.letter
        )  # the detector masked the neighbour; the office masks more by hand
        corrected = record.letter.replace("小额贷款公司", "某公司")
        apply(
            case, "approve_publication", team.office, title=record.title, letter=corrected, reply=record.reply
        )
        db.session.commit()
    with frozen_time(utc(2026, 11, 12, 3, 0)):
        assert _withdraw_and_consent_again(browser, case).status_code == 200
    record = letter_of(case)
    assert record.state == LetterState.PROPOSED
    assert record.letter == corrected  # not a fresh automatic preview that forgets the correction
    assert record.proposed_by_id is None and record.reviewed_at is None  # nobody proposed it; not reviewed


def test_a_second_consent_click_gives_no_second_consent(db, browser):
    team = make_team(suffix="twice")
    case = _published_case(db, team)
    with frozen_time(utc(2026, 11, 12, 3, 0)):
        assert _withdraw_and_consent_again(browser, case).status_code == 200
        again = browser.post("/track/give-consent", {}, prefix="consent")
    assert again.status_code == 409 and "您已同意公开本信件" in again.get_data(as_text=True)
    assert [c.withdrawn_at is None for c in consents_of(case)] == [False, True]


def test_a_reopened_case_waits_for_its_new_answer_before_it_is_reviewed_again(db, browser):
    case = _approved_case(db, make_team(suffix="reopen"))
    with frozen_time(utc(2026, 11, 12, 3, 0)):
        browser.post("/track", {"number": case.number, "code": case.test_query_code})
        browser.post("/track/withdraw-consent", {}, prefix="withdraw")
        case.state = CaseState.ASSIGNED  # reopened after a bad rating, as the office does
        db.session.commit()
        assert browser.post("/track/give-consent", {}, prefix="consent").status_code == 200
    assert letter_of(case).state == LetterState.UNPUBLISHED  # not stuck in a review nobody can decide


def test_consenting_again_before_any_proposal_leaves_the_letter_to_the_division(db, browser):
    team = make_team(suffix="early")
    case = _published_case(db, team)
    with frozen_time(utc(2026, 11, 12, 3, 0)):
        assert _withdraw_and_consent_again(browser, case).status_code == 200
    assert letter_of(case) is None  # nothing was proposed, nothing is proposed now
    assert "propose_publication" in allowed_actions(case, team.staff)


def test_a_letter_the_office_took_down_stays_down_when_its_writer_consents_again(db, browser):
    case = _approved_case(db, make_team(suffix="down"), take_down="涉及正在调查的机构")
    with frozen_time(utc(2026, 11, 12, 3, 0)):
        assert _withdraw_and_consent_again(browser, case).status_code == 200
    assert letter_of(case).state == LetterState.UNPUBLISHED
    assert letter_of(case).unpublish_reason == "涉及正在调查的机构"


def test_an_office_take_down_in_the_words_of_a_withdrawal_still_stays_down(db, browser):
    """Who took the letter down decides, not the words of the reason."""
    # the writer phoned the office, which took the letter down in the words a withdrawal uses
    case = _approved_case(db, make_team(suffix="words"), take_down="来信人撤回公开同意")
    with frozen_time(utc(2026, 11, 12, 3, 0)):
        assert _withdraw_and_consent_again(browser, case).status_code == 200
    assert letter_of(case).state == LetterState.UNPUBLISHED
    assert letter_of(case).taken_down_by == "office"


def test_only_the_writer_of_the_tracked_case_may_consent_again(db, browser, make_case):
    team = make_team(suffix="other")
    mine = _published_case(db, team)
    theirs = make_case(consent_publish=True)
    apply(theirs, "withdraw_consent", None)
    db.session.commit()

    assert browser.post("/track/give-consent", {}, prefix="consent").status_code == 403  # no query code yet
    browser.post("/track", {"number": mine.number, "code": mine.test_query_code})
    response = browser.post("/track/give-consent", {}, prefix="consent")
    assert response.status_code == 409  # the tracked case never withdrew: nothing to give again
    assert "您已同意公开本信件" in response.get_data(as_text=True)
    db.session.refresh(theirs)
    assert theirs.consent_publish is False  # the other writer's case is untouched
    assert [c.withdrawn_at is not None for c in consents_of(theirs)] == [True]

    # Without the CSRF token nothing happens either.
    browser.post("/track", {"number": theirs.number, "code": theirs.test_query_code})
    assert browser.client.post("/track/give-consent", data={}).status_code == 400
    db.session.refresh(theirs)
    assert theirs.consent_publish is False


def test_a_writer_who_never_consented_is_not_offered_consent_on_track(db, browser, make_case):
    case = make_case(consent_publish=False)
    page = browser.post("/track", {"number": case.number, "code": case.test_query_code}).get_data(
        as_text=True
    )
    assert "本信件不会公开" in page and "重新同意公开" not in page
    response = browser.post("/track/give-consent", {}, prefix="consent")
    assert response.status_code == 409
    assert consents_of(case) == []


def test_the_migration_gives_every_earlier_consent_its_record(file_app):
    app = file_app()
    with app.app_context():
        from desk.extensions import db as database

        downgrade(revision="0013k")  # just before consents had records
        with database.engine.begin() as conn:
            for number, consent in (("ZX1", 1), ("ZX2", 0), ("ZX3", 0)):
                conn.execute(
                    text(
                        "INSERT INTO cases (number, kind, channel, state, subject, content, citizen_name,"
                        " phone, consent_publish, received_at, received_on, deadline_days, extension_days,"
                        " due_date, due_provisional, joint_review, auto_assigned, updated_at)"
                        " VALUES (:number, 'consultation', 'web', 'replied', 's', 'c', 'n', 'p', :consent,"
                        " '2026-11-02 02:00:00', '2026-11-02', 7, 0, '2026-11-11', 0, 0, 0,"
                        " '2026-11-02 02:00:00')"
                    ),
                    {"number": number, "consent": consent},
                )
            conn.execute(  # ZX2's writer withdrew on /track; ZX3's never consented
                text(
                    "INSERT INTO case_events (case_id, at, action, public)"
                    " SELECT id, '2026-11-12 03:00:00', 'consent_withdrawn', 1 FROM cases"
                    " WHERE number = 'ZX2'"
                )
            )
        upgrade()
        with database.engine.begin() as conn:
            rows = conn.execute(
                text(
                    "SELECT c.number, p.given_at, p.given_on, p.withdrawn_at FROM publication_consents p"
                    " JOIN cases c ON c.id = p.case_id ORDER BY c.number"
                )
            ).all()
        assert [tuple(str(v)[:16] if v else v for v in row) for row in rows] == [
            ("ZX1", "2026-11-02 02:00", "letter", None),
            ("ZX2", "2026-11-02 02:00", "letter", "2026-11-12 03:00"),
        ]
        database.engine.dispose()


def test_the_looked_up_case_is_forgotten_on_a_new_look_up_and_after_half_an_hour(db, browser):
    """On a shared computer the next person cannot act on (or see) the previous writer's case."""
    team = make_team(suffix="kiosk")
    case = _published_case(db, team)
    with frozen_time(utc(2026, 11, 12, 3, 0)):
        browser.post("/track", {"number": case.number, "code": case.test_query_code})
    with frozen_time(utc(2026, 11, 12, 3, 31)):  # half an hour later, nobody touched it
        late = browser.post("/track/withdraw-consent", {}, prefix="withdraw")
    assert late.status_code == 403 and WRITER not in late.get_data(as_text=True)
    with frozen_time(utc(2026, 11, 12, 4, 0)):
        browser.post("/track", {"number": case.number, "code": case.test_query_code})
        # the next person at this computer looks up a case (mistyping the code)
        assert browser.post("/track", {"number": case.number, "code": "WRONG123"}).status_code == 404
        after = browser.post("/track/withdraw-consent", {}, prefix="withdraw")
    assert after.status_code == 403 and WRITER not in after.get_data(as_text=True)
    db.session.refresh(case)
    assert case.consent_publish is True  # nothing was done to the letter
