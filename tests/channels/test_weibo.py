"""Weibo pushes: millisecond signatures, replay guard, JSON decoding, passive replies."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest

from desk.channels import weibo
from desk.channels.inbound import PushRejected
from tests.channels.conftest import NOW, WEIBO_SECRET
from tests.fakes.weibo_platform import ACCOUNT_ID, weibo_created_at, weibo_push, weibo_signed_post

NOW_MS = int(NOW.timestamp() * 1000)


def decode(params, body, **kw):
    """Decode as the webhook view would, at NOW."""
    return weibo.decode_push(body, params, app_secret=WEIBO_SECRET, now=NOW, **kw)


def rejected(params, body, **kw) -> str:
    """The reason a push is refused."""
    with pytest.raises(PushRejected) as caught:
        decode(params, body, **kw)
    return caught.value.reason


def test_get_verification_uses_millisecond_timestamps():
    params, _ = weibo_signed_post({}, WEIBO_SECRET, timestamp_ms=NOW_MS, nonce="123")
    assert len(params["timestamp"]) == 13
    assert weibo.verify_get(WEIBO_SECRET, params["signature"], params["timestamp"], "123")
    assert not weibo.verify_get("other", params["signature"], params["timestamp"], "123")
    assert not weibo.verify_get(WEIBO_SECRET, params["signature"], str(NOW_MS // 1000), "123")
    assert not weibo.verify_get(WEIBO_SECRET, "", "", "")


def test_text_push_decodes():
    params, body = weibo_push("请问融资担保公司怎么申请牌照？", 1900000001, ACCOUNT_ID, NOW, WEIBO_SECRET)
    message = decode(params, body)
    assert message.channel == "weibo"
    assert (message.sender, message.recipient) == ("1900000001", ACCOUNT_ID)
    assert (message.kind, message.text, message.event) == ("text", "请问融资担保公司怎么申请牌照？", None)
    assert message.sent_at == NOW
    assert message.dedup_key.startswith("weibo:sha256:")
    assert message.makes_case
    assert json.loads(message.raw)["text"] == "请问融资担保公司怎么申请牌照？"


def test_created_at_is_read_whatever_the_offset():
    assert weibo.parse_created_at("Mon Jul 16 18:09:20 +0800 2012") == datetime(
        2012, 7, 16, 10, 9, 20, tzinfo=UTC
    )
    assert weibo.parse_created_at("Sun Dec 31 23:30:00 -0130 2023") == datetime(2024, 1, 1, 1, 0, tzinfo=UTC)
    assert weibo_created_at(NOW) == "Mon Mar 02 10:00:00 +0800 2026"
    for bad in [
        "",
        "yesterday",
        "Mon Jul 16 18:09:20 2012",
        "Mon Foo 16 18:09:20 +0800 2012",
        "Mon Jul 16 25:09:20 +0800 2012",
    ]:
        with pytest.raises(PushRejected):
            weibo.parse_created_at(bad)


def test_retries_share_the_dedup_key():
    first = decode(*weibo_push("你好", 19, ACCOUNT_ID, NOW, WEIBO_SECRET))
    retry = decode(*weibo_push("你好", 19, ACCOUNT_ID, NOW, WEIBO_SECRET, timestamp_ms=NOW_MS + 5000))
    assert first.dedup_key == retry.dedup_key


@pytest.mark.parametrize(
    ("kind", "data", "makes_case"),
    [
        ("image", {"vfid": 821804459, "tovfid": 821804469}, True),
        ("voice", {"vfid": 821804459, "tovfid": 821804469}, True),
        ("position", {"longitude": "116.308586", "latitude": "39.982525"}, True),
        ("mention", {}, False),
        ("brand_new_type", {"x": 1}, False),
    ],
)
def test_other_types_decode(kind, data, makes_case):
    message = decode(*weibo_push("", 19, ACCOUNT_ID, NOW, WEIBO_SECRET, kind=kind, data=data))
    assert (message.kind, message.makes_case) == (kind, makes_case)
    if makes_case:
        assert message.media == data


@pytest.mark.parametrize("subtype", ["follow", "unfollow", "subscribe", "click"])
def test_events_make_no_case(subtype):
    data = {"subtype": subtype, "key": "menu-1"}
    message = decode(*weibo_push("", 19, ACCOUNT_ID, NOW, WEIBO_SECRET, kind="event", data=data))
    assert (message.kind, message.event, message.makes_case) == ("event", subtype, False)
    assert message.media == {"key": "menu-1"}


def test_blank_text_makes_no_case():
    message = decode(*weibo_push("  ", 19, ACCOUNT_ID, NOW, WEIBO_SECRET))
    assert (message.kind, message.makes_case) == ("text", False)


def test_wrong_signature_is_refused():
    params, body = weibo_push("x", 19, ACCOUNT_ID, NOW, "someone-else")
    assert rejected(params, body) == "signature"
    assert rejected({}, body) == "signature"


def test_seconds_instead_of_milliseconds_are_stale():
    params, body = weibo_push("x", 19, ACCOUNT_ID, NOW, WEIBO_SECRET, timestamp_ms=NOW_MS // 1000)
    assert rejected(params, body) == "stale"


@pytest.mark.parametrize("offset_s", [-301, 301])
def test_stale_or_future_push_is_refused(offset_s):
    params, body = weibo_push("x", 19, ACCOUNT_ID, NOW, WEIBO_SECRET, timestamp_ms=NOW_MS + offset_s * 1000)
    assert rejected(params, body) == "stale"
    assert decode(params, body, max_age_s=400).text == "x"


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"",
        b"[1, 2]",
        "汉字".encode("gb18030"),
        b'{"type": "text", "sender_id": 1, "receiver_id": 2}',
        b'{"type": "text", "sender_id": 1, "created_at": "Mon Jul 16 18:09:20 +0800 2012"}',
        b'{"type": "text", "sender_id": {"a": 1}, "receiver_id": 2, '
        b'"created_at": "Mon Jul 16 18:09:20 +0800 2012"}',
        b'{"type": "text", "sender_id": 1, "receiver_id": 2, "created_at": 1342433360}',
        b'{"type": "text", "sender_id": 1, "receiver_id": 2, "created_at": "16/07/2012"}',
        b'{"type": "text", "sender_id": 1, "receiver_id": 2, "created_at": "Mon Jul 16 18:09:20 +0800 2012", '
        b'"text": {"a": 1}}',
    ],
    ids=[
        "broken",
        "empty",
        "array",
        "gb18030",
        "no-created-at",
        "no-receiver",
        "object-id",
        "int-date",
        "bad-date",
        "object-text",
    ],
)
def test_malformed_push_is_refused(body):
    params, _ = weibo_signed_post(body, WEIBO_SECRET, timestamp_ms=NOW_MS)
    assert rejected(params, body) == "malformed"


def test_oversized_push_is_refused():
    assert rejected({}, b"{" + b" " * 70_000 + b"}") == "too_large"


def test_passive_reply_format():
    message = decode(*weibo_push("你好", 1900000001, ACCOUNT_ID, NOW, WEIBO_SECRET))
    reply = json.loads(weibo.passive_text_reply(message, "已收到，编号 ZX-20260302-0001 & 查询码见短信"))
    assert reply["result"] is True
    assert reply["sender_id"] == int(ACCOUNT_ID)  # from us
    assert reply["receiver_id"] == 1900000001  # to the citizen
    assert reply["type"] == "text"
    assert "%" in reply["data"] and "&" not in reply["data"]
    assert json.loads(unquote(reply["data"])) == {"text": "已收到，编号 ZX-20260302-0001 & 查询码见短信"}


def test_passive_reply_is_cut_below_300_characters():
    message = decode(*weibo_push("你好", 19, ACCOUNT_ID, NOW, WEIBO_SECRET))
    exact = json.loads(unquote(json.loads(weibo.passive_text_reply(message, "答" * 299))["data"]))["text"]
    assert exact == "答" * 299
    long = json.loads(unquote(json.loads(weibo.passive_text_reply(message, "答" * 1000))["data"]))["text"]
    assert len(long) == 299 and long.endswith("…")


def test_sent_at_follows_created_at_not_the_request():
    created = NOW - timedelta(seconds=90)
    message = decode(*weibo_push("x", 19, ACCOUNT_ID, created, WEIBO_SECRET, timestamp_ms=NOW_MS))
    assert message.sent_at == created
