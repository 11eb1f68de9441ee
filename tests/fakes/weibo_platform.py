"""A fake Weibo reply API server and a helper that pushes like the fans service platform does."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from werkzeug.wrappers import Request, Response

from desk.channels.weibo import MONTHS, WEEKDAYS, sign
from tests.fakes import FakeServer

ACCOUNT_ID = "5000000001"  # our Weibo account, receiver_id of pushes
# Error codes the fake answers with. 21332 and 10001 are Weibo's; 20701 stands for "window closed",
# whose real code is not documented anywhere we could check.
INVALID_TOKEN, WINDOW_CLOSED, SYSTEM_ERROR, PARAM_ERROR = 21332, 20701, 10001, 10008


@dataclass(frozen=True)
class SentReply:
    """A reply the fake accepted."""

    receiver_id: str
    text: str
    at: datetime


class FakeWeiboPlatform(FakeServer):
    """Weibo's messages/reply API with a configurable window.

    Window: `window_max=None` means unlimited within `window` (48 h); `window=timedelta(days=7),
    window_max=1` is the other documented reading.
    """

    def __init__(
        self,
        access_token: str,
        *,
        clock: Callable[[], datetime] | None = None,
        window: timedelta = timedelta(hours=48),
        window_max: int | None = None,
        hang_s: float = 30.0,
    ) -> None:
        super().__init__(clock, hang_s)
        self.access_token = access_token
        self.window = window
        self.window_max = window_max
        self.sent: list[SentReply] = []
        self._last_message: dict[str, datetime] = {}
        self._sent_in_window: dict[str, int] = {}

    def user_messaged(self, sender_id: str, at: datetime | None = None) -> None:
        """A fan wrote to the account at `at` (default now): opens a fresh window for him."""
        with self.lock:
            self._last_message[str(sender_id)] = at or self.now()
            self._sent_in_window[str(sender_id)] = 0

    def handle(self, request: Request) -> Response:
        """Route to the reply endpoint."""
        if request.path != "/2/messages/reply.json" or request.method != "POST":
            return self._error(404, 10014, "not found", request)
        how = self._take_failure("send")
        if how == "500":
            return self._error(500, SYSTEM_ERROR, "system error", request)
        if how == "busy":
            return self._error(503, SYSTEM_ERROR, "system error", request)
        if how == "hang":
            self._hang()
            return Response("too late", status=504)
        return self._reply(request)

    def _error(self, status: int, code: int, error: str, request: Request) -> Response:
        return self.json_response({"error_code": code, "error": error, "request": request.path}, status)

    def _reply(self, request: Request) -> Response:
        form, now = request.form, self.now()
        if form.get("access_token") != self.access_token:
            return self._error(403, INVALID_TOKEN, "invalid_access_token", request)
        receiver = form.get("receiver_id", "")
        data = form.get("data", "")
        try:
            # The JSON string, form-encoded; also accept it percent-encoded once more.
            text = json.loads(data if data.startswith("{") else unquote(data))["text"]
            assert form.get("type") == "text" and receiver and isinstance(text, str)
        except (ValueError, KeyError, TypeError, AssertionError):
            return self._error(400, PARAM_ERROR, "param error", request)
        with self.lock:
            last = self._last_message.get(receiver)
            count = self._sent_in_window.get(receiver, 0)
            limit = self.window_max
            if last is None or now - last > self.window or (limit is not None and count >= limit):
                return self._error(403, WINDOW_CLOSED, "reply window closed", request)
            self._sent_in_window[receiver] = count + 1
            self.sent.append(SentReply(receiver, text, now))
        return self.json_response({"id": len(self.sent), "receiver_id": int(receiver), "text": text})


# -- acting as Weibo pushing to the desk ---------------------------------------------------------
def weibo_created_at(moment: datetime) -> str:
    """Weibo's created_at format, in Beijing time: 'Mon Jul 16 18:09:20 +0800 2012'."""
    local = moment.astimezone(ZoneInfo("Asia/Shanghai"))
    return f"{WEEKDAYS[local.weekday()]} {MONTHS[local.month - 1]} {local:%d %H:%M:%S} +0800 {local.year}"


def weibo_signed_post(
    payload: dict | str | bytes, app_secret: str, *, timestamp_ms: int | None = None, nonce: str | None = None
) -> tuple[dict[str, str], bytes]:
    """The query params and body Weibo POSTs for `payload`, signed with a millisecond timestamp."""
    timestamp = str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000))
    nonce = nonce or str(secrets.randbelow(10**10))
    params = {"signature": sign(app_secret, timestamp, nonce), "timestamp": timestamp, "nonce": nonce}
    if isinstance(payload, dict):
        payload = json.dumps(payload, ensure_ascii=False)
    return params, payload.encode("utf-8") if isinstance(payload, str) else payload


def weibo_push(
    text: str,
    sender_id: str | int,
    receiver_id: str | int = ACCOUNT_ID,
    created_at: datetime | str | None = None,
    app_secret: str = "",
    *,
    kind: str = "text",
    data: dict | None = None,
    timestamp_ms: int | None = None,
) -> tuple[dict[str, str], bytes]:
    """A push (params, body) as Weibo sends it; `kind`/`data` make events, images, positions..."""
    created = created_at or datetime.now().astimezone()
    payload = {
        "type": kind,
        "receiver_id": int(receiver_id),
        "sender_id": int(sender_id),
        "created_at": created if isinstance(created, str) else weibo_created_at(created),
        "text": text,
        "data": data or {},
    }
    if timestamp_ms is None and isinstance(created, datetime):
        timestamp_ms = int(created.timestamp() * 1000)
    return weibo_signed_post(payload, app_secret, timestamp_ms=timestamp_ms)
