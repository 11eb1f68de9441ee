"""A fake WeChat API server (token, customer-service send) and helpers that push like WeChat does."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from wechatpy.crypto import WeChatCrypto
from werkzeug.wrappers import Request, Response

from desk.channels.wechat import _cdata, parse_xml_safely
from tests.fakes import FakeServer

ACCOUNT = "gh_desk0000001"  # our official account's id, as ToUserName
TEXT_MAX_BYTES = 2048  # a customer-service text longer than this (in UTF-8) is refused with 45002


@dataclass(frozen=True)
class SentMessage:
    """A customer-service message the fake accepted."""

    openid: str
    text: str
    at: datetime


class FakeWeChatPlatform(FakeServer):
    """WeChat's token and customer-service APIs, with its 48 h / 5 message window.

    `with FakeWeChatPlatform("wx-app", "secret") as fake:` then point a sender at `fake.base_url`.
    """

    def __init__(
        self,
        app_id: str,
        app_secret: str,
        *,
        clock: Callable[[], datetime] | None = None,
        token_lifetime_s: int = 7200,
        window: timedelta = timedelta(hours=48),
        window_max: int = 5,
        hang_s: float = 30.0,
    ) -> None:
        super().__init__(clock, hang_s)
        self.app_id = app_id
        self.app_secret = app_secret
        self.token_lifetime_s = token_lifetime_s
        self.window = window
        self.window_max = window_max
        self.tokens: dict[str, datetime] = {}  # token -> expires at
        self.token_requests = 0
        self.sent: list[SentMessage] = []
        self._last_message: dict[str, datetime] = {}
        self._sent_in_window: dict[str, int] = {}

    # -- test controls -----------------------------------------------------------------------
    def user_messaged(self, openid: str, at: datetime | None = None) -> None:
        """A citizen wrote to the account at `at` (default now): opens a fresh window for him."""
        with self.lock:
            self._last_message[openid] = at or self.now()
            self._sent_in_window[openid] = 0

    def expire_tokens(self) -> None:
        """Make every token issued so far expired (errcode 42001), as after two hours."""
        with self.lock:
            past = self.now() - timedelta(seconds=1)
            self.tokens = dict.fromkeys(self.tokens, past)

    # -- endpoints ---------------------------------------------------------------------------
    def handle(self, request: Request) -> Response:
        """Route to the token and send endpoints."""
        if request.path == "/cgi-bin/token" and request.method == "GET":
            return self._failing("token") or self._token(request)
        if request.path == "/cgi-bin/message/custom/send" and request.method == "POST":
            return self._failing("send") or self._send(request)
        return self.json_response({"errcode": 404, "errmsg": "not found"}, 404)

    def _failing(self, endpoint: str) -> Response | None:
        how = self._take_failure(endpoint)
        if how == "500":
            return Response("Internal Server Error", status=500)
        if how == "busy":
            return self.json_response({"errcode": -1, "errmsg": "system error"})
        if how == "hang":
            self._hang()
            return Response("too late", status=504)
        return None

    def _token(self, request: Request) -> Response:
        args = request.args
        with self.lock:
            self.token_requests += 1
        if args.get("grant_type") != "client_credential":
            return self.json_response({"errcode": 40002, "errmsg": "invalid grant_type"})
        if args.get("appid") != self.app_id:
            return self.json_response({"errcode": 40013, "errmsg": "invalid appid"})
        if args.get("secret") != self.app_secret:
            return self.json_response({"errcode": 40125, "errmsg": "invalid appsecret"})
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[token] = self.now() + timedelta(seconds=self.token_lifetime_s)
        return self.json_response({"access_token": token, "expires_in": self.token_lifetime_s})

    def _send(self, request: Request) -> Response:
        now = self.now()
        with self.lock:
            expires = self.tokens.get(request.args.get("access_token", ""))
            if expires is None:
                return self.json_response({"errcode": 40001, "errmsg": "invalid credential"})
            if expires <= now:
                return self.json_response({"errcode": 42001, "errmsg": "access_token expired"})
            try:
                message = json.loads(request.get_data())
                openid, text = message["touser"], message["text"]["content"]
                assert message["msgtype"] == "text"
            except (ValueError, KeyError, TypeError, AssertionError):
                return self.json_response({"errcode": 47001, "errmsg": "data format error"})
            if len(text.encode("utf-8")) > TEXT_MAX_BYTES:
                return self.json_response({"errcode": 45002, "errmsg": "content size out of limit"})
            last = self._last_message.get(openid)
            if last is None or now - last > self.window:
                return self.json_response({"errcode": 45015, "errmsg": "response out of time limit"})
            if self._sent_in_window[openid] >= self.window_max:
                return self.json_response({"errcode": 45047, "errmsg": "out of response count limit"})
            self._sent_in_window[openid] += 1
            self.sent.append(SentMessage(openid, text, now))
        return self.json_response({"errcode": 0, "errmsg": "ok"})


# -- acting as WeChat pushing to the desk ---------------------------------------------------------
def _sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def _fields_xml(fields: dict[str, str | int]) -> str:
    inner = "".join(
        f"<{name}>{value}</{name}>" if isinstance(value, int) else f"<{name}>{_cdata(value)}</{name}>"
        for name, value in fields.items()
    )
    return f"<xml>{inner}</xml>"


def wechat_signed_post(
    inner_xml: str,
    *,
    token: str,
    app_id: str,
    aes_key: str | None = None,
    openid: str = "",
    to_user: str = ACCOUNT,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> tuple[dict[str, str], bytes]:
    """The query params and body WeChat POSTs for `inner_xml`: signed, and encrypted in safe mode."""
    timestamp_s = str(timestamp if timestamp is not None else int(time.time()))
    nonce = nonce or str(secrets.randbelow(10**10))
    params = {"signature": _sign(token, timestamp_s, nonce), "timestamp": timestamp_s, "nonce": nonce}
    if openid:
        params["openid"] = openid
    if not aes_key:
        return params, inner_xml.encode("utf-8")
    reply_shaped = WeChatCrypto(token, aes_key, app_id).encrypt_message(inner_xml, nonce, timestamp_s)
    encrypted = parse_xml_safely(reply_shaped).findtext("Encrypt")
    params.update(encrypt_type="aes", msg_signature=_sign(token, timestamp_s, nonce, encrypted))
    body = _fields_xml({"ToUserName": to_user, "Encrypt": encrypted})
    return params, body.encode("utf-8")


def _message(openid: str, msg_type: str, create_time: int | None, to_user: str, **fields) -> str:
    head = {
        "ToUserName": to_user,
        "FromUserName": openid,
        "CreateTime": int(create_time if create_time is not None else time.time()),
        "MsgType": msg_type,
    }
    return _fields_xml({**head, **{k: v for k, v in fields.items() if v is not None}})


def wechat_push(
    text: str,
    openid: str,
    msg_id: int,
    *,
    token: str,
    app_id: str,
    aes_key: str | None = None,
    create_time: int | None = None,
    to_user: str = ACCOUNT,
    timestamp: int | None = None,
) -> tuple[dict[str, str], bytes]:
    """A text message push (params, body), as WeChat sends it."""
    xml = _message(openid, "text", create_time, to_user, Content=text, MsgId=int(msg_id))
    return _post(xml, token, app_id, aes_key, openid, to_user, timestamp, create_time)


def wechat_image_push(
    pic_url: str, media_id: str, openid: str, msg_id: int, *, token: str, app_id: str, aes_key=None, **kw
) -> tuple[dict[str, str], bytes]:
    """An image message push (params, body)."""
    create_time, to_user = kw.get("create_time"), kw.get("to_user", ACCOUNT)
    xml = _message(openid, "image", create_time, to_user, PicUrl=pic_url, MediaId=media_id, MsgId=int(msg_id))
    return _post(xml, token, app_id, aes_key, openid, to_user, kw.get("timestamp"), create_time)


def wechat_voice_push(
    media_id: str,
    openid: str,
    msg_id: int,
    *,
    token: str,
    app_id: str,
    aes_key=None,
    recognition: str | None = None,
    **kw,
) -> tuple[dict[str, str], bytes]:
    """A voice message push (params, body), with WeChat's speech recognition when given."""
    create_time, to_user = kw.get("create_time"), kw.get("to_user", ACCOUNT)
    xml = _message(
        openid,
        "voice",
        create_time,
        to_user,
        MediaId=media_id,
        Format="amr",
        Recognition=recognition,
        MsgId=int(msg_id),
    )
    return _post(xml, token, app_id, aes_key, openid, to_user, kw.get("timestamp"), create_time)


def wechat_event_push(
    event: str,
    openid: str,
    *,
    token: str,
    app_id: str,
    aes_key=None,
    event_key: str | None = None,
    **kw,
) -> tuple[dict[str, str], bytes]:
    """An event push ('subscribe', 'unsubscribe', 'CLICK'...): no MsgId, as WeChat sends them."""
    create_time, to_user = kw.get("create_time"), kw.get("to_user", ACCOUNT)
    xml = _message(openid, "event", create_time, to_user, Event=event, EventKey=event_key)
    return _post(xml, token, app_id, aes_key, openid, to_user, kw.get("timestamp"), create_time)


def _post(xml, token, app_id, aes_key, openid, to_user, timestamp, create_time):
    # WeChat signs with the moment it pushes, which is the message's CreateTime for a first try.
    timestamp = timestamp if timestamp is not None else create_time
    return wechat_signed_post(
        xml, token=token, app_id=app_id, aes_key=aes_key, openid=openid, to_user=to_user, timestamp=timestamp
    )


def read_wechat_reply(
    body: bytes, *, token: str, app_id: str | None = None, aes_key: str | None = None
) -> dict[str, str]:
    """The fields of a passive reply, as WeChat reads it (verifying and decrypting in safe mode)."""
    root = parse_xml_safely(body)
    if aes_key:
        xml = WeChatCrypto(token, aes_key, app_id).decrypt_message(
            {"Encrypt": root.findtext("Encrypt")},
            root.findtext("MsgSignature"),
            root.findtext("TimeStamp"),
            root.findtext("Nonce"),
        )
        root = parse_xml_safely(xml)
    return {child.tag: child.text or "" for child in root}
