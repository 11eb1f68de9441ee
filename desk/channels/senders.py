"""Delivering replies later through the platforms' APIs (WeChat customer service, Weibo reply)."""

from __future__ import annotations

import contextlib
import json
import logging
import time
from dataclasses import dataclass
from typing import Any

import requests
from redis.exceptions import LockError, RedisError

from desk.channels.weibo import truncate_text

log = logging.getLogger(__name__)

WECHAT_API = "https://api.weixin.qq.com"
WEIBO_API = "https://m.api.weibo.com"
# (connect, read) seconds: a delivery job must not hang a worker.
DEFAULT_TIMEOUT = (3.05, 10.0)

# WeChat errcodes. The token ones make us fetch a new token once and try again.
WECHAT_TOKEN_ERRCODES = frozenset({40001, 40014, 42001})
# 45015: the 48 h window is closed; 45047: the 5 messages of the window are used up.
WECHAT_WINDOW_ERRCODES = frozenset({45015, 45047})
WECHAT_RETRYABLE_ERRCODES = frozenset({-1, 45009, 45011})  # system busy, API quota, API rate
# Weibo error_codes (2014 documentation; the window one is the fake's, real one unverified).
WEIBO_WINDOW_ERRCODES = frozenset({20701})
WEIBO_RETRYABLE_ERRCODES = frozenset({10001, 10009, 10022, 10023, 10024})

WINDOW_CLOSED, RETRYABLE, PERMANENT = "window_closed", "retryable", "permanent"


@dataclass(frozen=True)
class DeliveryResult:
    """A message the platform accepted."""

    channel: str
    recipient: str


class DeliveryError(Exception):
    """A message not delivered; `kind` says what the job should do about it.

    - window_closed: the platform's reply window is shut; never retry, point the citizen to the
      web look-up instead;
    - retryable: network error, timeout, 5xx, "busy": try again later;
    - permanent: anything else (bad credentials, bad recipient): retrying will not help.
    """

    def __init__(self, kind: str, errcode: int | None, message: str) -> None:
        assert kind in (WINDOW_CLOSED, RETRYABLE, PERMANENT), kind
        super().__init__(f"{kind} ({errcode}): {message}")
        self.kind = kind
        self.errcode = errcode
        self.message = message

    def __reduce__(self):
        # Survive pickling (job queues), which would otherwise call __init__ with the message only.
        return (type(self), (self.kind, self.errcode, self.message))

    @property
    def retryable(self) -> bool:
        """Whether trying again later may succeed."""
        return self.kind == RETRYABLE


def _json_call(session: requests.Session, method: str, url: str, timeout, **kwargs) -> tuple[int, Any]:
    """Make one HTTP call; returns (status, decoded JSON or None); network trouble is retryable."""
    try:
        response = session.request(method, url, timeout=timeout, **kwargs)
    except requests.Timeout as exc:
        raise DeliveryError(RETRYABLE, None, f"timeout: {exc}")
    except requests.RequestException as exc:
        raise DeliveryError(RETRYABLE, None, f"network: {exc}")
    try:
        payload = response.json()
    except ValueError:
        payload = None
    if response.status_code >= 500:
        raise DeliveryError(RETRYABLE, None, f"HTTP {response.status_code}")
    return response.status_code, payload


class WeChatSender:
    """Sends customer-service messages; the access token is shared by all workers through Redis."""

    def __init__(
        self,
        api_base: str,
        app_id: str,
        app_secret: str,
        redis=None,
        session: requests.Session | None = None,
        *,
        timeout=DEFAULT_TIMEOUT,
        key_prefix: str = "desk:wechat:",
        lock_wait_s: float = 5.0,
    ) -> None:
        self.api_base = (api_base or WECHAT_API).rstrip("/")
        self.app_id = app_id
        self.app_secret = app_secret
        self.redis = redis
        self.session = session or requests.Session()
        self.timeout = timeout
        self.token_key = f"{key_prefix}token:{app_id}"
        self.lock_key = f"{key_prefix}token-lock:{app_id}"
        self.lock_wait_s = lock_wait_s
        self._local_token: tuple[str, float] | None = None  # without Redis: (token, expires at)

    # -- access token -----------------------------------------------------------------------
    def access_token(self, *, replacing: str | None = None) -> str:
        """A valid token: the shared one, or a fresh one when none is shared or `replacing` is it."""
        cached = self._cached_token()
        if cached and cached != replacing:
            return cached
        if self.redis is None:
            return self._fetch_token()
        # One worker refreshes; the others wait for its token instead of invalidating each other's.
        lock = self.redis.lock(self.lock_key, timeout=30, blocking_timeout=self.lock_wait_s)
        acquired = lock.acquire()
        try:
            cached = self._cached_token()
            if cached and cached != replacing:
                return cached
            return self._fetch_token()
        finally:
            if acquired:
                # Held longer than its timeout: someone else may own it now, nothing to release.
                with contextlib.suppress(LockError):
                    lock.release()

    def _cached_token(self) -> str | None:
        if self.redis is None:
            if self._local_token and self._local_token[1] > time.monotonic():
                return self._local_token[0]
            return None
        value = self.redis.get(self.token_key)
        return value.decode() if isinstance(value, bytes) else value

    def _fetch_token(self) -> str:
        status, payload = _json_call(
            self.session,
            "GET",
            f"{self.api_base}/cgi-bin/token",
            self.timeout,
            params={"grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret},
        )
        if not isinstance(payload, dict) or not payload.get("access_token"):
            raise _wechat_error(payload, status)
        token = str(payload["access_token"])
        # Keep it a little shorter than WeChat does, so nobody sends with a token about to die.
        ttl = max(int(payload.get("expires_in", 7200)) - 300, 30)
        if self.redis is None:
            self._local_token = (token, time.monotonic() + ttl)
        else:
            self.redis.set(self.token_key, token, ex=ttl)
        log.info("wechat access token fetched for %s (ttl %ss)", self.app_id, ttl)
        return token

    def _token_for_send(self, replacing: str | None = None) -> str:
        try:
            return self.access_token(replacing=replacing)
        except RedisError as exc:  # the shared cache is down: a later try may find it back
            raise DeliveryError(RETRYABLE, None, f"redis: {exc}")

    # -- sending ----------------------------------------------------------------------------
    def send_text(self, openid: str, text: str) -> DeliveryResult:
        """Send a text to a follower; raises DeliveryError (see its kinds) when not delivered."""
        message = {"touser": openid, "msgtype": "text", "text": {"content": text}}
        # Raw UTF-8 rather than \u escapes, as wechatpy sends it too.
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        token = self._token_for_send()
        for attempt in (1, 2):
            status, payload = _json_call(
                self.session,
                "POST",
                f"{self.api_base}/cgi-bin/message/custom/send",
                self.timeout,
                params={"access_token": token},
                data=body,
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
            errcode = payload.get("errcode", 0) if isinstance(payload, dict) else None
            if status == 200 and errcode == 0:
                return DeliveryResult("wechat", openid)
            if errcode in WECHAT_TOKEN_ERRCODES and attempt == 1:
                token = self._token_for_send(replacing=token)
                continue
            raise _wechat_error(payload, status)
        raise AssertionError("unreachable")


def _wechat_error(payload: Any, status: int) -> DeliveryError:
    if not isinstance(payload, dict) or "errcode" not in payload:
        return DeliveryError(PERMANENT if status < 500 else RETRYABLE, None, f"HTTP {status}: {payload!r}")
    errcode, errmsg = int(payload["errcode"]), str(payload.get("errmsg", ""))
    if errcode in WECHAT_WINDOW_ERRCODES:
        return DeliveryError(WINDOW_CLOSED, errcode, errmsg)
    if errcode in WECHAT_RETRYABLE_ERRCODES:
        return DeliveryError(RETRYABLE, errcode, errmsg)
    return DeliveryError(PERMANENT, errcode, errmsg)


class WeiboSender:
    """Sends replies through Weibo's messages/reply API with the account's access token."""

    def __init__(
        self,
        api_base: str,
        access_token: str,
        session: requests.Session | None = None,
        *,
        timeout=DEFAULT_TIMEOUT,
        window_errcodes: frozenset[int] = WEIBO_WINDOW_ERRCODES,
    ) -> None:
        self.api_base = (api_base or WEIBO_API).rstrip("/")
        self.access_token = access_token
        self.session = session or requests.Session()
        self.timeout = timeout
        self.window_errcodes = window_errcodes

    def send_text(self, receiver_id: str, text: str) -> DeliveryResult:
        """Send a text to a fan; raises DeliveryError (see its kinds) when not delivered."""
        status, payload = _json_call(
            self.session,
            "POST",
            f"{self.api_base}/2/messages/reply.json",
            self.timeout,
            data={
                "access_token": self.access_token,
                "type": "text",
                # The form encoding is the urlencoding Weibo asks for: encoding twice would show "%E4".
                "data": json.dumps({"text": truncate_text(text)}, ensure_ascii=False),
                "receiver_id": receiver_id,
                "save_sender_box": "1",
            },
        )
        if status == 200 and isinstance(payload, dict) and "error_code" not in payload:
            return DeliveryResult("weibo", receiver_id)
        if not isinstance(payload, dict) or "error_code" not in payload:
            raise DeliveryError(PERMANENT, None, f"HTTP {status}: {payload!r}")
        errcode, error = int(payload["error_code"]), str(payload.get("error", ""))
        if errcode in self.window_errcodes:
            raise DeliveryError(WINDOW_CLOSED, errcode, error)
        if errcode in WEIBO_RETRYABLE_ERRCODES:
            raise DeliveryError(RETRYABLE, errcode, error)
        raise DeliveryError(PERMANENT, errcode, error)
