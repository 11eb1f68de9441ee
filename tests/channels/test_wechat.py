"""WeChat pushes: signatures, safe mode, replay guard, hostile XML, decoding, passive replies."""

from __future__ import annotations

import hashlib
import pickle
from datetime import UTC, datetime, timedelta

import pytest
from wechatpy.exceptions import InvalidAppIdException

from desk.channels import wechat
from desk.channels.inbound import PushRejected
from tests.channels.conftest import AES_KEY, APP_ID, NOW, TOKEN
from tests.fakes.wechat_platform import (
    ACCOUNT,
    read_wechat_reply,
    wechat_event_push,
    wechat_image_push,
    wechat_push,
    wechat_signed_post,
    wechat_voice_push,
)

T0 = int(NOW.timestamp())
SAFE = {"app_id": APP_ID, "aes_key": AES_KEY}
MODES = [pytest.param({}, id="plain"), pytest.param(SAFE, id="safe")]


def decode(params, body, **kw):
    """Decode as the webhook view would, at NOW."""
    return wechat.decode_push(body, params, token=TOKEN, now=NOW, **kw)


def rejected(params, body, **kw) -> str:
    """The reason a push is refused."""
    with pytest.raises(PushRejected) as caught:
        decode(params, body, **kw)
    return caught.value.reason


def test_get_verification():
    params, _ = wechat_signed_post("<xml/>", token=TOKEN, app_id=APP_ID, timestamp=T0, nonce="42")
    assert wechat.verify_get(TOKEN, params["signature"], params["timestamp"], params["nonce"])
    assert not wechat.verify_get("other", params["signature"], params["timestamp"], params["nonce"])
    assert not wechat.verify_get(TOKEN, params["signature"], str(T0 + 1), params["nonce"])
    assert not wechat.verify_get(TOKEN, "", "", "")


@pytest.mark.parametrize("mode", MODES)
def test_text_push_decodes(mode):
    creds = {"app_id": APP_ID, **mode}
    params, body = wechat_push(
        "我想咨询小额贷款利率", "o-citizen-1", 7001, token=TOKEN, create_time=T0, **creds
    )
    if mode:
        assert params["encrypt_type"] == "aes" and b"<Encrypt>" in body and "利率".encode() not in body
    message = decode(params, body, **mode)
    assert message.channel == "wechat"
    assert (message.sender, message.recipient) == ("o-citizen-1", ACCOUNT)
    assert message.sent_at == NOW and message.sent_at.tzinfo is not None
    assert (message.kind, message.text, message.event) == ("text", "我想咨询小额贷款利率", None)
    assert message.dedup_key == "wechat:msg:7001"
    assert message.makes_case
    assert "<MsgId>7001</MsgId>" in message.raw and "利率" in message.raw


@pytest.mark.parametrize("mode", MODES)
def test_image_and_voice_pushes_decode(mode):
    creds = {"token": TOKEN, "app_id": APP_ID, "create_time": T0, **{"aes_key": None, **mode}}
    image = decode(*wechat_image_push("http://mmbiz.example/p.jpg", "media-1", "o-1", 8001, **creds), **mode)
    assert (image.kind, image.text) == ("image", "")
    assert image.media == {"pic_url": "http://mmbiz.example/p.jpg", "media_id": "media-1"}
    assert image.makes_case and image.dedup_key == "wechat:msg:8001"

    voice = decode(*wechat_voice_push("media-2", "o-1", 8002, recognition="非法集资举报", **creds), **mode)
    assert (voice.kind, voice.text, voice.media["media_id"]) == ("voice", "非法集资举报", "media-2")
    silent = decode(*wechat_voice_push("media-3", "o-1", 8003, **creds), **mode)
    assert silent.text == "" and silent.makes_case


@pytest.mark.parametrize("event", ["subscribe", "unsubscribe", "CLICK"])
@pytest.mark.parametrize("mode", MODES)
def test_events_are_deduplicated_by_sender_and_time_and_make_no_case(mode, event):
    params, body = wechat_event_push(
        event, "o-fan", token=TOKEN, create_time=T0, event_key="menu-1" if event == "CLICK" else None,
        **{"app_id": APP_ID, "aes_key": None, **mode},
    )  # fmt: skip
    message = decode(params, body, **mode)
    assert (message.kind, message.event) == ("event", event.lower())
    assert message.dedup_key == f"wechat:evt:o-fan:{T0}"
    assert not message.makes_case


def test_retries_of_one_push_share_the_dedup_key():
    first = decode(*wechat_push("你好", "o-1", 9, token=TOKEN, app_id=APP_ID, create_time=T0))
    retry = decode(
        *wechat_push("你好", "o-1", 9, token=TOKEN, app_id=APP_ID, create_time=T0, timestamp=T0 + 5)
    )
    assert first.dedup_key == retry.dedup_key


def test_wrong_plain_signature():
    params, body = wechat_push("x", "o-1", 1, token="someone-else", app_id=APP_ID, create_time=T0)
    assert rejected(params, body) == "signature"
    params, body = wechat_push("x", "o-1", 1, token=TOKEN, app_id=APP_ID, create_time=T0)
    assert rejected({**params, "signature": ""}, body) == "signature"
    assert rejected({}, body) == "signature"


def test_wrong_msg_signature_in_safe_mode():
    params, body = wechat_push("x", "o-1", 1, token=TOKEN, create_time=T0, **SAFE)
    assert rejected({**params, "msg_signature": "0" * 40}, body, **SAFE) == "signature"
    params.pop("msg_signature")
    assert rejected(params, body, **SAFE) == "signature"


def test_tampered_ciphertext_is_refused():
    _, body = wechat_push("x", "o-1", 1, token=TOKEN, create_time=T0, **SAFE)
    root = wechat.parse_xml_safely(body)
    garbage = "QUJD" + root.findtext("Encrypt")[4:]  # same length, different blocks
    params2, _ = wechat_signed_post("<xml/>", token=TOKEN, app_id=APP_ID, timestamp=T0, nonce="1")
    params2.update(
        encrypt_type="aes",
        msg_signature=hashlib.sha1("".join(sorted([TOKEN, str(T0), "1", garbage])).encode()).hexdigest(),
    )
    tampered = f"<xml><Encrypt><![CDATA[{garbage}]]></Encrypt></xml>".encode()
    assert rejected(params2, tampered, **SAFE) in {"malformed", "appid"}


def test_message_for_another_app_is_refused():
    params, body = wechat_push(
        "x", "o-1", 1, token=TOKEN, app_id="wx-someone-else", aes_key=AES_KEY, create_time=T0
    )
    assert rejected(params, body, **SAFE) == "appid"


def test_safe_mode_cannot_be_downgraded_or_faked():
    plain = wechat_push("x", "o-1", 1, token=TOKEN, app_id=APP_ID, create_time=T0)
    assert rejected(*plain, **SAFE) == "encryption"
    encrypted = wechat_push("x", "o-1", 1, token=TOKEN, create_time=T0, **SAFE)
    assert rejected(*encrypted) == "encryption"  # we hold no key
    assert rejected(*encrypted, app_id=APP_ID, aes_key="too-short") == "encryption"


@pytest.mark.parametrize("offset", [-301, 301, -86400])
def test_stale_or_future_timestamp_is_refused(offset):
    params, body = wechat_push("x", "o-1", 1, token=TOKEN, app_id=APP_ID, create_time=T0 + offset)
    assert rejected(params, body) == "stale"


def test_timestamp_inside_the_window_is_accepted():
    params, body = wechat_push("x", "o-1", 1, token=TOKEN, app_id=APP_ID, create_time=T0 - 299)
    assert decode(params, body).text == "x"
    late = wechat_push("x", "o-1", 1, token=TOKEN, app_id=APP_ID, create_time=T0 - 3000)
    assert decode(*late, max_age_s=3600).text == "x"


def test_unreadable_timestamp_is_refused():
    params, body = wechat_signed_post("<xml/>", token=TOKEN, app_id=APP_ID, timestamp="soon", nonce="1")  # type: ignore[arg-type]
    assert rejected(params, body) == "stale"


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE xml [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime>
<MsgType>text</MsgType><Content>&lol3;</Content><MsgId>1</MsgId></xml>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xml><Content>&xxe;</Content></xml>"""
DOCTYPE_ONLY = '<!DOCTYPE xml SYSTEM "http://evil.example/x.dtd"><xml><Content>x</Content></xml>'
PROCESSING_INSTRUCTION = '<?xml-stylesheet href="x"?><xml><Content>x<?php evil ?></Content></xml>'


@pytest.mark.parametrize(
    "xml",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, DOCTYPE_ONLY, PROCESSING_INSTRUCTION],
    ids=["billion-laughs", "external-entity", "doctype", "processing-instruction"],
)
@pytest.mark.parametrize("mode", MODES)
def test_dtd_entities_and_processing_instructions_are_refused(mode, xml):
    # Signed correctly (an attacker who knows the token, or WeChat gone rogue): still refused.
    params, body = wechat_signed_post(xml, token=TOKEN, timestamp=T0, **{"app_id": APP_ID, **mode})
    assert rejected(params, body, **mode) == "forbidden_xml"


@pytest.mark.parametrize(
    "xml",
    ["<xml><Content>unclosed</xml>", "not xml at all", "", "<xml></xml>", "<xml>text</xml>",
     "<html><MsgType>text</MsgType></html>",
     "<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>soon</CreateTime>"
     "<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>"],
)  # fmt: skip
@pytest.mark.parametrize("mode", MODES)
def test_malformed_xml_is_refused(mode, xml):
    params, body = wechat_signed_post(xml, token=TOKEN, timestamp=T0, **{"app_id": APP_ID, **mode})
    assert rejected(params, body, **mode) == "malformed"


HEAD = f"<xml><ToUserName>gh</ToUserName><FromUserName>o-1</FromUserName><CreateTime>{T0}</CreateTime>"


@pytest.mark.parametrize(
    "fields",
    [
        "<FromUserName>o-2</FromUserName><MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId>",
        "<MsgType>text</MsgType><Content><b>x</b></Content><MsgId>1</MsgId>",
        "<MsgType>text</MsgType><Content>x</Content><Content>y</Content><MsgId>1</MsgId>",
        "<MsgType>event</MsgType><Event><subscribe/></Event>",
        "<MsgType>image</MsgType><PicUrl><u>1</u></PicUrl><MsgId>1</MsgId>",
        "<MsgType>text</MsgType><Content>x</Content><MsgId>one</MsgId>",
    ],
    ids=["two-senders", "nested-content", "two-contents", "nested-event", "nested-picurl", "bad-msgid"],
)
def test_repeated_or_nested_fields_are_malformed(fields):
    params, body = wechat_signed_post(HEAD + fields + "</xml>", token=TOKEN, app_id=APP_ID, timestamp=T0)
    assert rejected(params, body) == "malformed"


def test_create_time_out_of_range_is_malformed():
    xml = (
        HEAD.replace(str(T0), "99999999999999")
        + "<MsgType>text</MsgType><Content>x</Content><MsgId>1</MsgId></xml>"
    )
    assert rejected(*wechat_signed_post(xml, token=TOKEN, app_id=APP_ID, timestamp=T0)) == "malformed"


@pytest.mark.parametrize(
    ("fields", "kind", "event"),
    [
        ("<MsgType>event</MsgType><Event>view_miniprogram</Event>", "event", "view_miniprogram"),
        (
            "<MsgType>event</MsgType><Event>subscribe</Event><EventKey>qrscene_12</EventKey>",
            "event",
            "subscribe_scan",
        ),
        ("<MsgType>brand_new</MsgType><MsgId>5</MsgId>", "brand_new", None),
        ("<MsgType>text</MsgType><Content>  </Content><MsgId>5</MsgId>", "text", None),
    ],
)
def test_unknown_events_types_and_blank_texts_make_no_case(fields, kind, event):
    message = decode(*wechat_signed_post(HEAD + fields + "</xml>", token=TOKEN, app_id=APP_ID, timestamp=T0))
    assert (message.kind, message.event, message.makes_case) == (kind, event, False)


def test_malformed_envelope_in_safe_mode():
    params, _ = wechat_push("x", "o-1", 1, token=TOKEN, create_time=T0, **SAFE)
    assert rejected(params, b"<xml><ToUserName>gh</ToUserName></xml>", **SAFE) in {"malformed", "signature"}


def test_non_utf8_body_is_refused():
    params, _ = wechat_push("x", "o-1", 1, token=TOKEN, app_id=APP_ID, create_time=T0)
    assert rejected(params, "<xml><Content>汉字</Content></xml>".encode("gb18030")) == "malformed"


def test_oversized_body_is_refused_before_anything_else():
    assert rejected({}, b"<xml>" + b"x" * 70_000 + b"</xml>") == "too_large"
    params, body = wechat_push("长" * 400, "o-1", 1, token=TOKEN, app_id=APP_ID, create_time=T0)
    assert rejected(params, body, max_bytes=1000) == "too_large"


def test_unknown_message_type_makes_no_case():
    xml = (
        f"<xml><ToUserName>gh</ToUserName><FromUserName>o-1</FromUserName><CreateTime>{T0}</CreateTime>"
        "<MsgType>miniprogrampage</MsgType><Title>t</Title><MsgId>5</MsgId></xml>"
    )
    message = decode(*wechat_signed_post(xml, token=TOKEN, app_id=APP_ID, timestamp=T0))
    assert (message.kind, message.makes_case, message.dedup_key) == ("miniprogrampage", False, "wechat:msg:5")


def test_location_message_is_a_position():
    xml = (
        f"<xml><ToUserName>gh</ToUserName><FromUserName>o-1</FromUserName><CreateTime>{T0}</CreateTime>"
        "<MsgType>location</MsgType><Location_X>23.13</Location_X><Location_Y>113.26</Location_Y>"
        "<Scale>20</Scale><Label>广州市</Label><MsgId>6</MsgId></xml>"
    )
    message = decode(*wechat_signed_post(xml, token=TOKEN, app_id=APP_ID, timestamp=T0))
    assert (message.kind, message.text, message.media["latitude"]) == ("position", "广州市", "23.13")


@pytest.mark.parametrize("mode", MODES)
def test_passive_reply_swaps_the_parties_and_decrypts_back(mode):
    message = decode(
        *wechat_push("你好", "o-citizen", 1, token=TOKEN, create_time=T0, **{"app_id": APP_ID, **mode}),
        **mode,
    )
    content = "已收到，编号 ZX-20260302-0001。<请凭查询码查询> ]]> & 完"
    body = wechat.passive_text_reply(message, content, token=TOKEN, timestamp=T0 + 1, nonce="n1", **mode)
    if mode:
        assert b"<Encrypt>" in body and "编号".encode() not in body
    fields = read_wechat_reply(body, token=TOKEN, **{"app_id": APP_ID, **mode})
    assert fields["ToUserName"] == "o-citizen"
    assert fields["FromUserName"] == ACCOUNT
    assert (fields["MsgType"], fields["Content"], fields["CreateTime"]) == ("text", content, str(T0 + 1))


def test_passive_reply_encrypted_for_our_app_only():
    message = decode(*wechat_push("你好", "o-1", 1, token=TOKEN, create_time=T0, **SAFE), **SAFE)
    body = wechat.passive_text_reply(message, "好", token=TOKEN, **SAFE)
    with pytest.raises(InvalidAppIdException):
        read_wechat_reply(body, token=TOKEN, app_id="wx-other", aes_key=AES_KEY)


def test_sent_at_is_utc():
    moment = datetime(2026, 1, 1, 0, 0, tzinfo=UTC) + timedelta(seconds=1)
    params, body = wechat_push("x", "o", 1, token=TOKEN, app_id=APP_ID, create_time=int(moment.timestamp()))
    message = wechat.decode_push(body, params, token=TOKEN, now=moment)
    assert message.sent_at == moment and message.sent_at.utcoffset() == timedelta(0)


def test_push_rejected_survives_pickling():
    error = pickle.loads(pickle.dumps(PushRejected("stale", "old")))
    assert (error.reason, error.detail) == ("stale", "old")
