"""Word to those who asked before: told once, on /track always, on WeChat or by e-mail when left; opt-out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desk.cases import services as case_services
from desk.jobs.publishing import tell_earlier_askers
from desk.knowledge import services
from desk.models import AskerNotice, Channel, EntryStatus, EntryUpdate, InboundMessage
from desk.publishing import askers
from tests.clock import frozen_time
from tests.conftest import LETTER, utc

NOW = utc(2026, 11, 20, 2, 0)
QUESTION = "消费金融公司的贷款提前还款，要收违约金吗？消费金融公司归谁监管？"
ANSWER = "消费金融公司由国家金融监督管理总局的派出机构监管，提前还款违约金应在合同中约定；有争议可向其投诉。"
LETTER_TEXT = (
    "我在一家消费金融公司借了消费贷款，想提前还款，消费金融公司要收违约金，请问合理吗？消费金融公司归谁管？"
)
TOPIC = "消费金融公司"


@pytest.fixture(autouse=True)
def starter(db):
    """The knowledge base as the desk ships it: scores are compared within a realistic index."""
    services.load_starter_entries({})
    db.session.commit()


@pytest.fixture
def sent(monkeypatch):
    """What went out on WeChat, on Weibo and by e-mail."""
    out = {"wechat": [], "weibo": [], "email": []}
    monkeypatch.setattr(askers, "send_text_now", lambda channel, to, text: out[channel].append((to, text)))
    monkeypatch.setattr(askers, "_email", lambda to, subject, body: out["email"].append((to, body)))
    return out


def _letter(db, days_ago=10, channel=Channel.WEB, **fields):
    with frozen_time(utc(2026, 11, 20 - days_ago, 2, 0)):
        letter = case_services.Letter(
            **{**LETTER, "subject": "消费金融公司提前还款收违约金", "content": LETTER_TEXT, **fields}
        )
        case, code = case_services.submit_letter(letter, channel=channel)
    case.test_query_code = code
    db.session.commit()
    return case


def _publish(db, question=QUESTION, answer=ANSWER, topic=TOPIC):
    entry = services.save_entry(
        None, services.EntryData(question=question, answer=answer, topic=topic, public=True)
    )
    services.set_status(None, entry, EntryStatus.PUBLISHED)
    db.session.commit()  # the job is sent after the commit (inline without Redis)
    return entry


def _notices(db, case) -> int:
    return db.session.scalar(
        select(func.count()).select_from(AskerNotice).where(AskerNotice.case_id == case.id)
    )


def test_writers_of_matching_letters_are_told_once_and_see_it_on_track(db, browser, sent, app):
    app.config["MAIL_SERVER"] = "mail.example.invalid"
    try:
        with frozen_time(NOW):
            case = _letter(db, email="ask@example.com")
            unrelated = _letter(
                db, subject="信用卡年费", content="银行信用卡年费能不能减免？我不想交年费了，银行说不行。"
            )
            entry = _publish(db)
            assert _notices(db, case) == 1 and _notices(db, unrelated) == 0
            assert len(sent["email"]) == 1 and f"/answers/{entry.id}" in sent["email"][0][1]
            update = db.session.scalar(select(EntryUpdate).where(EntryUpdate.entry_id == entry.id))
            assert tell_earlier_askers(update.id) == 0  # the job run again tells nobody twice
            assert _notices(db, case) == 1 and len(sent["email"]) == 1

            page = browser.post("/track", {"number": case.number, "code": case.test_query_code})
            text = page.get_data(as_text=True)
            assert "您咨询的问题有了新的答复" in text and f"/answers/{entry.id}" in text

            # A material update tells them again, once; a reworded question alone does not.
            data = services.EntryData(question=QUESTION + "（修订）", answer=ANSWER, topic=TOPIC, public=True)
            services.save_entry(None, data, entry)
            db.session.commit()
            assert _notices(db, case) == 1
            data = services.EntryData(
                question=QUESTION, answer=ANSWER + "投诉电话见我局网站。", topic=TOPIC, public=True
            )
            services.save_entry(None, data, entry)
            db.session.commit()
            assert _notices(db, case) == 2
            history = browser.get(f"/answers/{entry.id}").get_data(as_text=True)
            assert "更新于" in history and "更新答复内容" in history and "发布" in history
    finally:
        app.config["MAIL_SERVER"] = None


def test_a_writer_who_opts_out_is_not_told_again(db, browser, sent):
    with frozen_time(NOW):
        case = _letter(db)
        browser.post("/track", {"number": case.number, "code": case.test_query_code})
        response = browser.post("/track/opt-out", {}, prefix="optout")
        assert "不再通知您" in response.get_data(as_text=True)
        _publish(db)
        assert _notices(db, case) == 0


def test_old_letters_are_not_told(db, sent):
    with frozen_time(NOW):
        case = _letter(db, days_ago=0)
    with frozen_time(utc(2027, 6, 1, 2, 0)):  # long after: no longer a recent letter
        _publish(db)
    assert _notices(db, case) == 0


def _wechat_case(db, last_message_hours_ago: int, channel: str = Channel.WECHAT):
    case = _letter(db, channel=channel, citizen_name="微信用户", phone="", email=None)
    db.session.add(
        InboundMessage(
            channel=channel,
            dedup_key=f"test-{case.id}",
            sender=f"openid-{case.id}" if channel == Channel.WECHAT else f"{5100000000 + case.id}",
            recipient="gh_bureau" if channel == Channel.WECHAT else "5000000001",
            kind="text",
            text=case.content,
            raw="<xml/>",
            sent_at=NOW - timedelta(hours=last_message_hours_ago),
            case_id=case.id,
            case_number=case.number,
        )
    )
    db.session.commit()
    return case


def test_wechat_only_inside_the_48_hour_window(db, sent):
    with frozen_time(NOW):
        recent = _wechat_case(db, last_message_hours_ago=5)
        stale = _wechat_case(db, last_message_hours_ago=72)
        entry = _publish(db)
    assert [to for to, _ in sent["wechat"]] == [f"openid-{recent.id}"]
    assert f"/answers/{entry.id}" in sent["wechat"][0][1]
    outcomes = dict(db.session.execute(select(AskerNotice.case_id, AskerNotice.wechat_outcome)).all())
    assert outcomes[recent.id] == "delivered"
    assert outcomes[stale.id] == "window_closed"  # told on /track only


def test_weibo_writers_are_told_on_weibo_inside_the_configured_window(db, app, sent):
    with frozen_time(NOW):
        recent = _wechat_case(db, last_message_hours_ago=5, channel=Channel.WEIBO)
        stale = _wechat_case(db, last_message_hours_ago=72, channel=Channel.WEIBO)
        entry = _publish(db)
    assert [to for to, _ in sent["weibo"]] == [str(5100000000 + recent.id)]
    assert f"/answers/{entry.id}" in sent["weibo"][0][1] and sent["wechat"] == []
    outcomes = dict(db.session.execute(select(AskerNotice.case_id, AskerNotice.weibo_outcome)).all())
    assert outcomes == {recent.id: "delivered", stale.id: "window_closed"}  # stale: on /track only


def test_a_seven_day_weibo_window_reaches_a_writer_of_three_days_ago(db, app, sent):
    app.config["WEIBO_NOTICE_WINDOW_HOURS"] = 7 * 24
    try:
        with frozen_time(NOW):
            case = _wechat_case(db, last_message_hours_ago=72, channel=Channel.WEIBO)
            _publish(db)
    finally:
        app.config["WEIBO_NOTICE_WINDOW_HOURS"] = 48
    assert [to for to, _ in sent["weibo"]] == [str(5100000000 + case.id)]


def test_same_topic_matches_without_a_high_score(db, sent):
    with frozen_time(NOW):
        case = _letter(db, subject="咨询一件事", content="我想问问有关的事情，麻烦告知一下具体规定，谢谢。")
        db.session.refresh(case)  # loaded before the new entry is pending (no autoflush of a half-made row)
        source = services.save_entry(
            None, services.EntryData(question="咨询", answer="见答复。", topic=TOPIC), sources=[case]
        )
        db.session.commit()
        assert source.public is False
        _publish(db)
        reasons = db.session.scalars(select(AskerNotice.reason).where(AskerNotice.case_id == case.id)).all()
    assert reasons == ["topic"]


def test_wechat_through_the_channel_sender_on_the_fake_platform(db, app):
    """The real customer-service sender, against the fake WeChat platform and its 48-hour window."""
    from tests.fakes.wechat_platform import FakeWeChatPlatform

    saved = {k: app.config.get(k) for k in ("WECHAT_APP_ID", "WECHAT_APP_SECRET", "WECHAT_API_BASE")}
    with FakeWeChatPlatform("wx-pub-test", "pub-secret", clock=lambda: NOW, hang_s=5) as fake:
        app.config.update(
            WECHAT_APP_ID="wx-pub-test", WECHAT_APP_SECRET="pub-secret", WECHAT_API_BASE=fake.base_url
        )
        try:
            with frozen_time(NOW):
                case = _wechat_case(db, last_message_hours_ago=5)
                fake.user_messaged(f"openid-{case.id}", NOW - timedelta(hours=5))
                entry = _publish(db)
        finally:
            app.config.update(saved)
            app.extensions.pop("desk_senders", None)
    assert [m.openid for m in fake.sent] == [f"openid-{case.id}"]
    assert f"/answers/{entry.id}" in fake.sent[0].text and "不再接收" in fake.sent[0].text
    assert (
        db.session.scalar(select(AskerNotice.wechat_outcome).where(AskerNotice.case_id == case.id))
        == "delivered"
    )


def test_weibo_through_the_channel_sender_on_the_fake_platform(db, app):
    """The real Weibo sender against the fake reply API: sent inside its window, recorded when closed."""
    from tests.fakes.weibo_platform import FakeWeiboPlatform

    saved = {k: app.config.get(k) for k in ("WEIBO_ACCESS_TOKEN", "WEIBO_API_BASE")}
    with FakeWeiboPlatform("weibo-pub-token", clock=lambda: NOW, hang_s=5) as fake:
        app.config.update(WEIBO_ACCESS_TOKEN="weibo-pub-token", WEIBO_API_BASE=fake.base_url)
        try:
            with frozen_time(NOW):
                told = _wechat_case(db, last_message_hours_ago=5, channel=Channel.WEIBO)
                fake.user_messaged(str(5100000000 + told.id), NOW - timedelta(hours=5))
                refused = _wechat_case(db, last_message_hours_ago=5, channel=Channel.WEIBO)
                # the platform's own window says no (it never saw this fan write): recorded, not retried
                entry = _publish(db)
        finally:
            app.config.update(saved)
            app.extensions.pop("desk_senders", None)
    assert [m.receiver_id for m in fake.sent] == [str(5100000000 + told.id)]
    assert f"/answers/{entry.id}" in fake.sent[0].text and "不再接收" in fake.sent[0].text
    outcomes = dict(db.session.execute(select(AskerNotice.case_id, AskerNotice.weibo_outcome)).all())
    assert outcomes == {told.id: "delivered", refused.id: "window_closed"}


def test_a_topic_stored_before_de_identification_reaches_earlier_askers_masked(db, browser, sent, app):
    app.config["MAIL_SERVER"] = "mail.example.invalid"
    try:
        with frozen_time(NOW):
            case = _letter(db, email="ask@example.com")
            data = services.EntryData(question=QUESTION, answer=ANSWER, topic=TOPIC, public=True)
            entry = services.save_entry(None, data)
            entry.topic = "消费金融公司 李秀兰13907318888"  # as the old flow stored a citizen's subject
            db.session.commit()
            services.set_status(None, entry, EntryStatus.PUBLISHED)
            db.session.commit()
            assert _notices(db, case) == 1
            body = sent["email"][0][1]
            assert "消费金融公司" in body and "13907318888" not in body and "李秀兰" not in body
            page = browser.post("/track", {"number": case.number, "code": case.test_query_code})
            text = page.get_data(as_text=True)
            assert f"/answers/{entry.id}" in text
            assert "13907318888" not in text and "李秀兰" not in text
    finally:
        app.config["MAIL_SERVER"] = None
