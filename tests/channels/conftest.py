"""Fixtures for the channel protocol tests: credentials, a clock, Redis, the fake platforms."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime

import fakeredis
import pytest
import redis

from tests.fakes.wechat_platform import FakeWeChatPlatform
from tests.fakes.weibo_platform import FakeWeiboPlatform

TOKEN = "desk-token"
APP_ID = "wx1234567890abcdef"
APP_SECRET = "wechat-app-secret"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as the platform issues
WEIBO_SECRET = "weibo-app-secret"
WEIBO_TOKEN = "weibo-access-token"
NOW = datetime(2026, 3, 2, 2, 0, 0, tzinfo=UTC)


class Clock:
    """A settable clock for the fakes."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    """A clock standing at NOW; tests move `clock.moment`."""
    return Clock(NOW)


@pytest.fixture
def redis_conn():
    """Real Redis when TEST_REDIS_URL is set (keys under a unique prefix, removed after), else fakeredis."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        conn = fakeredis.FakeRedis()
        conn.test_prefix = f"test-chan-{uuid.uuid4().hex}:"
        yield conn
        return
    conn = redis.Redis.from_url(url)
    conn.test_prefix = f"test-chan-{uuid.uuid4().hex}:"
    try:
        yield conn
    finally:
        keys = list(conn.scan_iter(match=f"{conn.test_prefix}*"))
        if keys:
            conn.delete(*keys)
        conn.close()


@pytest.fixture
def wechat_fake(clock):
    """A running fake WeChat platform for APP_ID / APP_SECRET."""
    with FakeWeChatPlatform(APP_ID, APP_SECRET, clock=clock, hang_s=5) as fake:
        yield fake


@pytest.fixture
def weibo_fake(clock):
    """A running fake Weibo reply API (48 h, unlimited)."""
    with FakeWeiboPlatform(WEIBO_TOKEN, clock=clock, hang_s=5) as fake:
        yield fake
