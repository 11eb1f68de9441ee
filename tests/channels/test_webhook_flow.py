"""WeChat and Weibo through the desk: webhook → inbox → case → triage → reply delivered back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desk.cases import services
from desk.jobs.channels import catch_up_channels
from desk.models import Case, CaseState, Delivery, InboundMessage, Notification
from desk.timeutil import utcnow
from tests.channels.conftest import AES_KEY, APP_ID, APP_SECRET, TOKEN, WEIBO_SECRET, WEIBO_TOKEN
from tests.clock import frozen_time
from tests.fakes.wechat_platform import (
    FakeWeChatPlatform,
    read_wechat_reply,
    wechat_event_push,
    wechat_push,
    wechat_signed_post,
)
from tests.fakes.weibo_platform import FakeWeiboPlatform, weibo_push
from tests.supervision.conftest import make_team

OPENID = "oUser-citizen-0001"


@pytest.fixture
def platforms(app, db):
    """The desk configured for both channels (safe mode on WeChat), talking to fake platforms."""
    with FakeWeChatPlatform(APP_ID, APP_SECRET, hang_s=2) as wechat, FakeWeiboPlatform(WEIBO_TOKEN) as weibo:
        settings = {
            "WECHAT_TOKEN": TOKEN,
            "WECHAT_APP_ID": APP_ID,
            "WECHAT_APP_SECRET": APP_SECRET,
            "WECHAT_AES_KEY": AES_KEY,
            "WECHAT_API_BASE": wechat.base_url,
            "WEIBO_APP_SECRET": WEIBO_SECRET,
            "WEIBO_ACCESS_TOKEN": WEIBO_TOKEN,
            "WEIBO_API_BASE": weibo.base_url,
        }
        previous = {key: app.config[key] for key in settings}
        app.config.update(settings)
        try:
            yield wechat, weibo
        finally:
            app.config.update(previous)
            app.extensions.pop("desk_senders", None)


def post_wechat(client, params, body):
    return client.post("/hooks/wechat", query_string=params, data=body, content_type="text/xml")


def secure_push(text: str, msg_id: int, openid: str = OPENID):
    return wechat_push(text, openid, msg_id, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY)


def _reply_text(response) -> str:
    return read_wechat_reply(response.data, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY)["Content"]


def _cases(db):
    return db.session.scalar(select(func.count()).select_from(Case))


def test_a_wechat_message_becomes_one_case_and_the_reply_goes_back(db, client, platforms, browser, login_as):
    wechat, _ = platforms
    params, body = secure_push("请问小额贷款公司的利率上限是多少？", 7001)
    first = post_wechat(client, params, body)
    assert first.status_code == 200
    fields = read_wechat_reply(first.data, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY)
    assert fields["ToUserName"] == OPENID and fields["MsgType"] == "text"
    case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
    assert case is not None and case.number in fields["Content"] and "查询码" in fields["Content"]
    for _ in range(3):  # the platform's retries
        again = post_wechat(client, params, body)
        assert again.status_code == 200 and case.number in _reply_text(again)
    assert _cases(db) == 1
    assert db.session.scalar(select(func.count()).select_from(InboundMessage)) == 1
    inbound = db.session.scalar(select(InboundMessage))
    assert inbound.pending_code is None and inbound.case_id == case.id

    team = make_team(suffix="wx")
    login_as(team.office)
    triage = browser.get("/office/").get_data(as_text=True)
    assert case.number in triage and "微信" in triage
    services.assign_case(team.office, case, team.division)
    services.submit_for_signoff(team.staff, case, "您好，小额贷款公司贷款利率应符合国家有关规定。")
    wechat.user_messaged(OPENID)
    services.sign_off(team.head, case)
    db.session.commit()  # the delivery job runs after the commit (inline without Redis)
    [sent] = wechat.sent
    assert sent.openid == OPENID and case.number in sent.text and "利率应符合" in sent.text
    delivery = db.session.scalar(select(Delivery).where(Delivery.case_id == case.id))
    assert delivery.state == "delivered" and [t.outcome for t in delivery.tries] == ["delivered"]


def test_outside_the_window_the_case_says_the_reply_is_not_deliverable(
    db, client, platforms, browser, login_as
):
    wechat, _ = platforms
    post_wechat(client, *secure_push("想了解融资担保公司设立条件", 7101))
    case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
    team = make_team(suffix="wn")
    services.assign_case(team.office, case, team.division)
    services.submit_for_signoff(team.staff, case, "您好，融资担保公司设立条件如下……")
    services.sign_off(team.head, case)  # the citizen never wrote within 48 h: errcode 45015
    db.session.commit()
    assert wechat.sent == []
    delivery = db.session.scalar(select(Delivery).where(Delivery.case_id == case.id))
    assert delivery.state == "undeliverable" and delivery.tries[0].outcome == "window_closed"
    login_as(team.head)
    page = browser.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "答复无法经渠道送达" in page


def test_a_failed_delivery_is_retried_after_a_back_off(db, client, platforms):
    wechat, _ = platforms
    post_wechat(client, *secure_push("典当行可以吸收存款吗", 7201))
    case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
    team = make_team(suffix="wr")
    services.assign_case(team.office, case, team.division)
    services.submit_for_signoff(team.staff, case, "您好，典当行不得吸收存款。")
    wechat.user_messaged(OPENID)
    wechat.fail_next(1, "500", endpoint="send")
    services.sign_off(team.head, case)
    db.session.commit()
    delivery = db.session.scalar(select(Delivery).where(Delivery.case_id == case.id))
    assert delivery.state == "pending" and delivery.next_attempt_at is not None
    assert catch_up_channels()["deliveries_retried"] == 0  # not due yet
    with frozen_time(utcnow() + timedelta(minutes=1)):
        assert catch_up_channels()["deliveries_retried"] == 1
    db.session.refresh(delivery)
    assert delivery.state == "delivered" and [t.outcome for t in delivery.tries] == ["retryable", "delivered"]
    assert len(wechat.sent) == 1


def test_pieces_typed_in_a_row_join_one_case(db, client, platforms):
    first = post_wechat(client, *secure_push("我想投诉某融资租赁公司，", 7301))
    second = post_wechat(client, *secure_push("他们擅自扣划保证金五万元。", 7302))
    assert _cases(db) == 1
    case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
    assert case.number in _reply_text(first) and "并入来信 " + case.number in _reply_text(second)
    assert "擅自扣划保证金" in case.content and "融资租赁公司" in case.content


def test_events_are_stored_but_make_no_case(db, client, platforms):
    params, body = wechat_event_push("subscribe", OPENID, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY)
    response = post_wechat(client, params, body)
    assert response.status_code == 200 and "感谢关注" in _reply_text(response)
    assert _cases(db) == 0
    row = db.session.scalar(select(InboundMessage))
    assert row.kind == "event" and not row.makes_case and row.processed_at is not None


@pytest.mark.parametrize(
    ("tamper", "status"),
    [
        ("signature", 403),
        ("stale", 403),
        ("malformed", 400),
        ("dtd", 400),
        ("oversized", 413),
    ],
)
def test_bad_pushes_are_refused_and_create_nothing(db, client, platforms, tamper, status):
    if tamper == "signature":
        params, body = secure_push("hello", 7401)
        params["signature"] = "0" * 40
    elif tamper == "stale":
        old = int((utcnow() - timedelta(hours=1)).timestamp())
        params, body = wechat_push(
            "hello", OPENID, 7402, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY, create_time=old
        )
    elif tamper == "malformed":
        params, body = wechat_signed_post("<xml><ToUserName>", token=TOKEN, app_id=APP_ID)
    elif tamper == "dtd":
        bomb = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml><Encrypt>&a;</Encrypt></xml>'
        params, body = wechat_signed_post(bomb, token=TOKEN, app_id=APP_ID)
    else:
        params, body = secure_push("长" * 40000, 7403)
    response = post_wechat(client, params, body)
    assert response.status_code == status
    assert _cases(db) == 0
    assert db.session.scalar(select(func.count()).select_from(InboundMessage)) == 0


def test_the_wechat_url_check_answers_echostr_only_when_signed(client, platforms):
    from tests.fakes.wechat_platform import _sign

    good = {
        "signature": _sign(TOKEN, "1700000000", "42"),
        "timestamp": "1700000000",
        "nonce": "42",
        "echostr": "e",
    }
    assert client.get("/hooks/wechat", query_string=good).data == b"e"
    assert client.get("/hooks/wechat", query_string={**good, "nonce": "43"}).status_code == 403


def test_hooks_of_an_unconfigured_channel_do_not_exist(client, db):
    assert client.post("/hooks/wechat", data=b"<xml/>").status_code == 404
    assert client.post("/hooks/weibo", data=b"{}").status_code == 404


def test_a_weibo_message_becomes_one_case_and_the_reply_goes_back(db, client, platforms):
    import json
    from urllib.parse import unquote

    _, weibo = platforms
    params, body = weibo_push("你好，请问区域性股权市场挂牌需要什么条件？", 5550001, app_secret=WEIBO_SECRET)
    responses = [
        client.post("/hooks/weibo", query_string=params, data=body, content_type="application/json")
        for _ in range(4)
    ]
    assert {r.status_code for r in responses} == {200}
    reply = responses[0].get_json()
    text = json.loads(unquote(reply["data"]))["text"]
    case = db.session.scalar(select(Case).where(Case.channel == "weibo"))
    assert _cases(db) == 1 and case.number in text and reply["receiver_id"] == 5550001
    team = make_team(suffix="wb")
    services.assign_case(team.office, case, team.division)
    services.submit_for_signoff(team.staff, case, "您好，挂牌条件请见……")
    weibo.user_messaged("5550001")
    services.sign_off(team.head, case)
    db.session.commit()
    [sent] = weibo.sent
    assert case.number in sent.text


def test_with_redis_down_pushes_are_answered_and_the_sweep_makes_each_case_once(app, db, client, platforms):
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
    try:
        replies = [
            post_wechat(client, *secure_push(f"第{i}个问题", 7500 + i, openid=f"o-{i}")) for i in range(3)
        ]
    finally:
        app.config["REDIS_URL"] = None
        app.extensions.pop("desk_redis", None)
    assert {r.status_code for r in replies} == {200}
    numbers = [_reply_text(r).split("编号 ")[1].split("，")[0] for r in replies]
    assert _cases(db) == 0  # the jobs could not be sent
    with frozen_time(utcnow() + timedelta(minutes=2)):
        assert catch_up_channels()["inbox_processed"] == 3
        assert catch_up_channels()["inbox_processed"] == 0
    made = db.session.scalars(select(Case.number).where(Case.channel == "wechat")).all()
    assert sorted(made) == sorted(numbers)
    states = db.session.scalars(select(Case.state)).all()
    assert set(states) == {CaseState.RECEIVED}


def test_a_delivery_failing_every_retry_is_flagged_to_the_office(
    app, db, client, platforms, browser, login_as
):
    wechat, _ = platforms
    app.config["DELIVERY_MAX_ATTEMPTS"] = 2
    try:
        post_wechat(client, *secure_push("地方资产管理公司归谁监管", 7601))
        case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
        team = make_team(suffix="wf")
        services.assign_case(team.office, case, team.division)
        services.submit_for_signoff(team.staff, case, "您好，……")
        wechat.user_messaged(OPENID)
        wechat.fail_next(2, "busy", endpoint="send")
        services.sign_off(team.head, case)
        db.session.commit()
        with frozen_time(utcnow() + timedelta(hours=1)):
            catch_up_channels()
    finally:
        app.config["DELIVERY_MAX_ATTEMPTS"] = 5
    delivery = db.session.scalar(select(Delivery).where(Delivery.case_id == case.id))
    assert delivery.state == "failed" and delivery.attempts == 2
    login_as(team.office)
    assert "1 件答复经微信或微博发送失败" in browser.get("/office/").get_data(as_text=True)
    response = browser.get("/office/cases?delivery=failed")
    found = response.get_data(as_text=True)
    assert response.status_code == 200, found[-3000:]
    assert case.number in found


def test_the_admin_sees_which_channels_are_configured(db, browser, login_as, platforms):
    login_as("admin")
    page = browser.get("/admin/channels").get_data(as_text=True)
    assert "/hooks/wechat" in page and "/hooks/weibo" in page and "安全模式" in page
    assert APP_SECRET not in page and WEIBO_TOKEN not in page


LONG_REPLY = "您好，关于您反映的问题，经核实答复如下：" + "依据有关规定，该公司经营行为须符合监管要求。" * 60


def test_a_long_reply_on_wechat_reaches_the_citizen_with_the_way_to_the_whole_text(db, client, platforms):
    wechat, _ = platforms
    post_wechat(client, *secure_push("想了解融资租赁公司的监管规定", 7701))
    case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
    team = make_team(suffix="wl")
    services.assign_case(team.office, case, team.division)
    services.submit_for_signoff(team.staff, case, LONG_REPLY)
    wechat.user_messaged(OPENID)
    services.sign_off(team.head, case)
    db.session.commit()
    delivery = db.session.scalar(select(Delivery).where(Delivery.case_id == case.id))
    assert delivery.state == "delivered"  # not refused by WeChat as too long (errcode 45002)
    [sent] = wechat.sent
    assert len(sent.text.encode("utf-8")) <= 2048
    assert case.number in sent.text and "经核实答复如下" in sent.text
    assert "全文" in sent.text and "/track" in sent.text


def test_a_long_reply_on_weibo_is_not_cut_off_without_a_word(db, client, platforms):
    _, weibo = platforms
    params, body = weibo_push("请问融资租赁公司归谁监管？", 5550002, app_secret=WEIBO_SECRET)
    client.post("/hooks/weibo", query_string=params, data=body, content_type="application/json")
    case = db.session.scalar(select(Case).where(Case.channel == "weibo"))
    team = make_team(suffix="wbl")
    services.assign_case(team.office, case, team.division)
    services.submit_for_signoff(team.staff, case, LONG_REPLY)
    weibo.user_messaged("5550002")
    services.sign_off(team.head, case)
    db.session.commit()
    [sent] = weibo.sent
    assert len(sent.text) < 300
    assert case.number in sent.text and "经核实答复如下" in sent.text
    assert "全文" in sent.text and "/track" in sent.text


def test_the_wechat_receipt_promises_the_deadline_the_admin_set(db, client, platforms, make_user):
    from desk.cases.calendar_services import set_deadline_rules
    from desk.models import Role

    set_deadline_rules(make_user(Role.ADMIN), {"consultation": 5})
    db.session.commit()
    first = post_wechat(client, *secure_push("请问私募基金备案找哪个部门？", 7801))
    text = _reply_text(first)
    assert "5个工作日内答复" in text and "7个工作日" not in text
    case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
    assert case.deadline_days == 5


def test_whoever_drafts_the_reply_is_told_of_a_piece_added_later(db, client, platforms):
    post_wechat(client, *secure_push("我想投诉某融资租赁公司擅自扣划保证金，", 7311))
    case = db.session.scalar(select(Case).where(Case.channel == "wechat"))
    team = make_team(suffix="wj")
    services.assign_case(team.office, case, team.division)
    services.submit_for_signoff(team.staff, case, "您好，关于保证金扣划问题，经核查……")
    db.session.commit()
    post_wechat(client, *secure_push("补充：扣划金额为五万元，合同编号HT-2026-01。", 7312))
    db.session.refresh(case)
    assert "五万元" in case.content
    notices = db.session.scalars(select(Notification).where(Notification.case_id == case.id)).all()
    told = {n.user_id: n.text for n in notices if n.kind == "message_joined"}
    assert set(told) == {team.staff.id, team.head.id}  # the drafter, and the head who would sign it
    assert all(case.number in text and "答复稿请对照补充内容核改" in text for text in told.values())
    assert not any(n.user_id == team.office.id for n in notices if n.kind == "message_joined")
