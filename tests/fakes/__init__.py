"""Fake WeChat and Weibo platforms on 127.0.0.1 for tests and benchmarks (no external network).

    with FakeWeChatPlatform(app_id, app_secret, clock=clock) as fake:
        fake.user_messaged(openid, at=moment)      # opens his 48 h / 5 message window
        WeChatSender(fake.base_url, app_id, app_secret, redis=r).send_text(openid, "...")
        fake.sent, fake.token_requests             # what got through, how many tokens were fetched
        fake.expire_tokens()                       # next send meets 42001 and refreshes
        fake.fail_next(2, "500" | "busy" | "hang", endpoint="send" | "token")

    with FakeWeiboPlatform(access_token, window=timedelta(days=7), window_max=1) as fake: ...

Pushes towards the desk: `wechat_platform.wechat_push` (and `_image_`, `_voice_`, `_event_push`,
`wechat_signed_post` for any XML), `read_wechat_reply`; `weibo_platform.weibo_push`,
`weibo_signed_post`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

FAILURE_MODES = ("500", "busy", "hang")


class FakeServer:
    """A tiny WSGI app served from a thread on an ephemeral port; use it as a context manager."""

    def __init__(self, clock: Callable[[], datetime] | None = None, hang_s: float = 30.0) -> None:
        self.clock = clock or (lambda: datetime.now(UTC))
        self.hang_s = hang_s
        self.lock = threading.RLock()
        self.requests: list[tuple[str, str]] = []  # (method, path) of every call, in order
        self._failures: dict[str, list[str]] = {}
        self._release = threading.Event()
        self._server = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self):
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True)
        # A short poll interval so that leaving the block (shutdown) takes milliseconds, not 0.5 s.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._release.set()  # let hanging requests finish
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def base_url(self) -> str:
        """Where the fake listens, e.g. http://127.0.0.1:54321 (no trailing slash)."""
        return f"http://127.0.0.1:{self._server.server_port}"

    def now(self) -> datetime:
        """The fake's current time (its injectable clock)."""
        return self.clock()

    # -- failure injection -------------------------------------------------------------------
    def fail_next(self, count: int = 1, how: str = "500", *, endpoint: str = "send") -> None:
        """Make the next `count` calls to `endpoint` fail: '500', 'busy' (platform busy) or 'hang'."""
        assert how in FAILURE_MODES, how
        with self.lock:
            self._failures.setdefault(endpoint, []).extend([how] * count)

    def _take_failure(self, endpoint: str) -> str | None:
        with self.lock:
            queue = self._failures.get(endpoint)
            return queue.pop(0) if queue else None

    def _hang(self) -> None:
        self._release.wait(self.hang_s)

    # -- WSGI --------------------------------------------------------------------------------
    def _wsgi(self, environ, start_response):
        request = Request(environ)
        with self.lock:
            self.requests.append((request.method, request.path))
        response = self.handle(request)
        return response(environ, start_response)

    def handle(self, request: Request) -> Response:  # pragma: no cover - overridden
        """Answer one request."""
        raise NotImplementedError

    @staticmethod
    def json_response(payload: Any, status: int = 200) -> Response:
        """A JSON answer with raw UTF-8, as the platforms send it."""
        body = json.dumps(payload, ensure_ascii=False)
        return Response(body, status=status, content_type="application/json; charset=utf-8")
