"""Property-based tests over the WeChat and Weibo push parsers and webhooks: whatever the bytes
(NUL, control characters, lone surrogates, invalid UTF-8, huge numbers and timestamps, deep JSON),
a signed push is decoded or refused with a PushRejected, the webhook answers 200 or 4xx — never
5xx — and a refused push writes nothing."""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.channels import wechat, weibo
from desk.channels.inbound import InboundMessage, PushRejected
from desk.models import InboundMessage as InboxRow
from desk.models import WebhookNonce
from desk.timeutil import utcnow
from tests.channels.conftest import AES_KEY, APP_ID, NOW, TOKEN, WEIBO_SECRET
from tests.fakes.wechat_platform import wechat_signed_post
from tests.fakes.weibo_platform import weibo_created_at, weibo_signed_post

T0 = int(NOW.timestamp())
FIXTURES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Text with what breaks storage: NUL and C0 controls, lone surrogates, astral characters.
nasty_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\x01", "\x1f", "\x7f", "\ud800", "\udfff", "\U0001f600", "]]>", "&", "<"]),
    ),
    max_size=40,
).map("".join)
huge_numbers = st.one_of(
    st.integers(),
    st.integers(min_value=10**18, max_value=10**400),
    st.integers(max_value=-1),
    st.sampled_from([2**63, 2**64, 10**1000, -(10**30)]),
)


def _xml_value(value: object) -> str:
    """A field as it may reach the parser: CDATA text, numbers, or character references."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "".join(
        f"&#{ord(c)};" if c in "&<>" or ord(c) < 0x20 or 0xD800 <= ord(c) < 0xE000 else c for c in text
    )


@st.composite
def wechat_xml(draw) -> str:
    """WeChat-shaped XML with hostile values, sometimes nested or repeated elements."""
    fields = {
        "ToUserName": draw(st.one_of(nasty_text, st.just("gh_desk"))),
        "FromUserName": draw(st.one_of(nasty_text, st.text(min_size=100, max_size=300))),
        "CreateTime": draw(st.one_of(huge_numbers, nasty_text)),
        "MsgType": draw(
            st.one_of(st.sampled_from(["text", "image", "voice", "event", "location", "link"]), nasty_text)
        ),
        "Content": draw(nasty_text),
        "MsgId": draw(st.one_of(huge_numbers, nasty_text)),
        "Event": draw(nasty_text),
        "PicUrl": draw(nasty_text),
    }
    parts = [f"<{name}>{_xml_value(value)}</{name}>" for name, value in fields.items()]
    if draw(st.booleans()):
        parts.append("<Content><a>nested</a></Content>")
    depth = draw(st.integers(0, 3)) * 300
    return "<xml>" + "<d>" * depth + "".join(parts) + "</d>" * depth + "</xml>"


def _decode_wechat(body: bytes, params: dict, mode: dict) -> InboundMessage | None:
    try:
        return wechat.decode_push(body, params, token=TOKEN, now=NOW, **mode)
    except PushRejected:
        return None


@settings(max_examples=300, deadline=None)
@given(body=st.binary(max_size=2000))
def test_any_bytes_signed_for_wechat_decode_or_are_refused(body):
    params, _ = wechat_signed_post("<xml/>", token=TOKEN, app_id=APP_ID, timestamp=T0)
    _decode_wechat(body, params, {})


@settings(max_examples=300, deadline=None)
@given(xml=wechat_xml(), safe=st.booleans())
def test_hostile_wechat_xml_decodes_to_storable_fields_or_is_refused(xml, safe):
    mode = {"app_id": APP_ID, "aes_key": AES_KEY} if safe else {}
    try:
        params, body = wechat_signed_post(xml, token=TOKEN, timestamp=T0, **({"app_id": APP_ID} | mode))
    except UnicodeEncodeError:  # a lone surrogate cannot even be encrypted by the platform
        return
    message = _decode_wechat(body, params, mode)
    if message is not None:
        _assert_storable(message)


@settings(max_examples=200, deadline=None)
@given(timestamp=st.one_of(huge_numbers.map(str), nasty_text, st.just("1" * 5000)))
def test_any_timestamp_is_fresh_or_refused(timestamp):
    for decode, params in (
        (lambda p: wechat.decode_push(b"<xml/>", p, token=TOKEN, now=NOW), _signed_wechat(timestamp)),
        (lambda p: weibo.decode_push(b"{}", p, app_secret=WEIBO_SECRET, now=NOW), _signed_weibo(timestamp)),
    ):
        with contextlib.suppress(PushRejected):
            decode(params)


def _signed_wechat(timestamp: str) -> dict:
    params, _ = wechat_signed_post("<xml/>", token=TOKEN, app_id=APP_ID)
    params["timestamp"] = timestamp
    params["signature"] = _sha1(TOKEN, timestamp, params["nonce"])
    return params


def _signed_weibo(timestamp: str) -> dict:
    params, _ = weibo_signed_post({}, WEIBO_SECRET)
    params["timestamp"] = timestamp
    params["signature"] = weibo.sign(WEIBO_SECRET, timestamp, params["nonce"])
    return params


def _sha1(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8", "surrogatepass")).hexdigest()


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), huge_numbers, st.floats(), nasty_text),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(nasty_text, children, max_size=4)
    ),
    max_leaves=20,
)


@st.composite
def weibo_payload(draw) -> bytes:
    """Weibo-shaped JSON with hostile values, deep nesting or raw bytes that are not JSON at all."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=1000))
    if choice == 1:
        depth = draw(st.integers(500, 20000))
        return ("[" * depth + "]" * depth).encode()
    payload = {
        "type": draw(
            st.one_of(st.sampled_from(["text", "event", "image", "voice", "position"]), json_values)
        ),
        "sender_id": draw(st.one_of(huge_numbers, nasty_text, json_values)),
        "receiver_id": draw(st.one_of(huge_numbers, nasty_text)),
        "created_at": draw(
            st.one_of(
                st.just(weibo_created_at(NOW)),
                st.sampled_from(["Mon Jan 01 00:00:00 +0800 1", "Fri Dec 31 23:59:59 -2359 9999"]),
                nasty_text,
                huge_numbers,
            )
        ),
        "text": draw(st.one_of(nasty_text, json_values)),
        "data": draw(json_values),
    }
    if draw(st.booleans()):
        payload["msg_id"] = draw(st.one_of(huge_numbers, nasty_text))
    text = json.dumps(payload, ensure_ascii=draw(st.booleans()), default=str)
    return text.encode("utf-8", "surrogatepass") if choice == 3 else text.encode("utf-8", "replace")


@settings(max_examples=300, deadline=None)
@given(body=weibo_payload())
def test_hostile_weibo_json_decodes_to_storable_fields_or_is_refused(body):
    params, _ = weibo_signed_post(b"", WEIBO_SECRET, timestamp_ms=T0 * 1000)
    try:
        message = weibo.decode_push(body, params, app_secret=WEIBO_SECRET, now=NOW)
    except PushRejected:
        return
    _assert_storable(message)


def _assert_storable(message: InboundMessage) -> None:
    """What a decoded push holds fits the inbox row on any database."""
    assert isinstance(message.sent_at, datetime) and message.sent_at.tzinfo is not None
    assert len(message.sender) <= 128 and len(message.recipient) <= 128 and len(message.kind) <= 16
    assert len(message.dedup_key) <= 160
    stored = [message.sender, message.recipient, message.kind, message.text, message.raw, message.dedup_key]
    stored.append(json.dumps(message.media, ensure_ascii=False))
    for value in stored:
        value.encode("utf-8")  # no lone surrogate
        assert "\x00" not in value


# -- through the webhooks, with the database -------------------------------------------------


@pytest.fixture
def rows(db):
    """Counts the inbox and nonce rows (the fixture keeps `db` out of Hypothesis's reports)."""

    def count() -> int:
        inbox = db.session.scalar(select(func.count()).select_from(InboxRow))
        return inbox + db.session.scalar(select(func.count()).select_from(WebhookNonce))

    return count


def _configured(app, **settings_):
    previous = {key: app.config[key] for key in settings_}
    app.config.update(settings_)
    return previous


@FIXTURES
@given(xml=wechat_xml())
def test_the_wechat_webhook_never_answers_5xx_and_a_refusal_writes_nothing(app, rows, client, xml):
    previous = _configured(app, WECHAT_TOKEN=TOKEN, WECHAT_APP_ID=APP_ID)
    try:
        params, body = wechat_signed_post(
            xml, token=TOKEN, app_id=APP_ID, timestamp=int(utcnow().timestamp())
        )
        before = rows()
        response = client.post("/hooks/wechat", query_string=params, data=body, content_type="text/xml")
        assert response.status_code in (200, 400, 403, 413)
        if response.status_code != 200:
            assert rows() == before
    finally:
        app.config.update(previous)


@FIXTURES
@given(body=weibo_payload())
def test_the_weibo_webhook_never_answers_5xx_and_a_refusal_writes_nothing(app, rows, client, body):
    previous = _configured(app, WEIBO_APP_SECRET=WEIBO_SECRET)
    try:
        params, _ = weibo_signed_post(b"", WEIBO_SECRET, timestamp_ms=int(utcnow().timestamp() * 1000))
        before = rows()
        response = client.post(
            "/hooks/weibo", query_string=params, data=body, content_type="application/json"
        )
        assert response.status_code in (200, 400, 403, 413)
        if response.status_code != 200:
            assert rows() == before
    finally:
        app.config.update(previous)


@FIXTURES
@given(
    args=st.dictionaries(
        st.sampled_from(["signature", "timestamp", "nonce", "echostr", "encrypt_type", "msg_signature"]),
        nasty_text,
    )
)
def test_any_query_string_is_answered_4xx(app, rows, client, args):
    previous = _configured(app, WECHAT_TOKEN=TOKEN, WECHAT_APP_ID=APP_ID, WEIBO_APP_SECRET=WEIBO_SECRET)
    try:
        for path in ("/hooks/wechat", "/hooks/weibo"):
            query = {k: v.encode("utf-8", "surrogatepass") for k, v in args.items()}
            assert client.get(path, query_string=query).status_code < 500
            assert client.post(path, query_string=query, data=b"<xml/>").status_code in (400, 403)
    finally:
        app.config.update(previous)
