"""Delivering later through the platforms' APIs, against the local fake platforms."""

from __future__ import annotations

import pickle
import threading
from datetime import timedelta

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from desk.channels.senders import DeliveryError, DeliveryResult, WeChatSender, WeiboSender
from tests.channels.conftest import APP_ID, APP_SECRET, NOW, WEIBO_TOKEN
from tests.fakes.weibo_platform import FakeWeiboPlatform

FAST = (1.0, 0.5)  # connect, read: the "hang" tests wait this long


@pytest.fixture
def make_wechat_sender(wechat_fake, redis_conn):
    """Factory: a WeChat sender on the fake, sharing the test's Redis (or none)."""

    def make(*, redis=redis_conn, secret: str = APP_SECRET, app_id: str = APP_ID) -> WeChatSender:
        return WeChatSender(
            wechat_fake.base_url,
            app_id,
            secret,
            redis=redis,
            timeout=FAST,
            key_prefix=getattr(redis_conn, "test_prefix", "test-chan:"),
        )

    return make


def error_of(send) -> DeliveryError:
    """The DeliveryError a send raises."""
    with pytest.raises(DeliveryError) as caught:
        send()
    return caught.value


def test_wechat_delivered(wechat_fake, make_wechat_sender):
    wechat_fake.user_messaged("o-1", at=NOW - timedelta(hours=47))
    result = make_wechat_sender().send_text("o-1", "您的来信已办结，答复如下：……")
    assert result == DeliveryResult("wechat", "o-1")
    assert [(m.openid, m.text) for m in wechat_fake.sent] == [("o-1", "您的来信已办结，答复如下：……")]


def test_token_is_shared_through_redis(wechat_fake, make_wechat_sender, redis_conn):
    wechat_fake.user_messaged("o-1")
    make_wechat_sender().send_text("o-1", "一")
    make_wechat_sender().send_text("o-1", "二")  # another worker
    assert wechat_fake.token_requests == 1
    ttl = redis_conn.ttl(f"{redis_conn.test_prefix}token:{APP_ID}")
    assert 7200 - 300 - 5 <= ttl <= 7200 - 300


def test_concurrent_workers_fetch_one_token(wechat_fake, make_wechat_sender):
    wechat_fake.user_messaged("o-1")
    senders = [make_wechat_sender() for _ in range(5)]
    tokens: list[str] = []
    threads = [threading.Thread(target=lambda s=s: tokens.append(s.access_token())) for s in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(set(tokens)) == 1 and len(tokens) == 5
    assert wechat_fake.token_requests == 1


def test_without_redis_the_token_is_kept_in_process(wechat_fake, make_wechat_sender):
    wechat_fake.user_messaged("o-1")
    sender = make_wechat_sender(redis=None)
    sender.send_text("o-1", "一")
    sender.send_text("o-1", "二")
    assert wechat_fake.token_requests == 1 and len(wechat_fake.sent) == 2


def test_expired_token_is_refreshed_once(wechat_fake, make_wechat_sender):
    wechat_fake.user_messaged("o-1")
    sender = make_wechat_sender()
    sender.send_text("o-1", "一")
    wechat_fake.expire_tokens()
    sender.send_text("o-1", "二")
    assert wechat_fake.token_requests == 2
    assert [m.text for m in wechat_fake.sent] == ["一", "二"]
    # A second worker picks up the refreshed token instead of fetching its own.
    make_wechat_sender().send_text("o-1", "三")
    assert wechat_fake.token_requests == 2


def test_token_that_stays_invalid_is_permanent(wechat_fake, make_wechat_sender, monkeypatch):
    wechat_fake.user_messaged("o-1")
    sender = make_wechat_sender()
    monkeypatch.setattr(wechat_fake, "token_lifetime_s", 0)  # every token born expired
    error = error_of(lambda: sender.send_text("o-1", "一"))
    assert (error.kind, error.errcode) == ("permanent", 42001)
    assert wechat_fake.token_requests == 2 and not wechat_fake.sent


def test_window_closed_after_48_hours(wechat_fake, make_wechat_sender):
    wechat_fake.user_messaged("o-1", at=NOW - timedelta(hours=48, seconds=1))
    error = error_of(lambda: make_wechat_sender().send_text("o-1", "迟到的答复"))
    assert (error.kind, error.errcode, error.retryable) == ("window_closed", 45015, False)
    never = error_of(lambda: make_wechat_sender().send_text("o-never", "x"))
    assert never.kind == "window_closed"


def test_sixth_message_in_the_window_is_refused(wechat_fake, make_wechat_sender):
    wechat_fake.user_messaged("o-1", at=NOW - timedelta(hours=1))
    sender = make_wechat_sender()
    for number in range(5):
        sender.send_text("o-1", f"第{number + 1}条")
    error = error_of(lambda: sender.send_text("o-1", "第6条"))
    assert (error.kind, error.errcode) == ("window_closed", 45047)
    wechat_fake.user_messaged("o-1")  # the citizen writes again: a new window
    sender.send_text("o-1", "第6条")
    assert len(wechat_fake.sent) == 6


@pytest.mark.parametrize(("how", "errcode"), [("500", None), ("busy", -1), ("hang", None)])
def test_platform_trouble_is_retryable(wechat_fake, make_wechat_sender, how, errcode):
    wechat_fake.user_messaged("o-1")
    sender = make_wechat_sender()
    wechat_fake.fail_next(1, how)
    error = error_of(lambda: sender.send_text("o-1", "一"))
    assert (error.kind, error.errcode, error.retryable) == ("retryable", errcode, True)
    sender.send_text("o-1", "一")  # the retry goes through
    assert len(wechat_fake.sent) == 1


def test_token_endpoint_trouble_is_retryable(wechat_fake, make_wechat_sender):
    wechat_fake.user_messaged("o-1")
    wechat_fake.fail_next(1, "500", endpoint="token")
    assert error_of(lambda: make_wechat_sender().send_text("o-1", "一")).kind == "retryable"


def test_unreachable_platform_is_retryable():
    sender = WeChatSender("http://127.0.0.1:9", APP_ID, APP_SECRET, timeout=FAST)
    assert error_of(lambda: sender.send_text("o-1", "一")).kind == "retryable"


@pytest.mark.parametrize(
    ("credentials", "errcode"), [({"secret": "wrong"}, 40125), ({"app_id": "wx-x"}, 40013)]
)
def test_bad_credentials_are_permanent(wechat_fake, make_wechat_sender, credentials, errcode):
    wechat_fake.user_messaged("o-1")
    error = error_of(lambda: make_wechat_sender(**credentials).send_text("o-1", "一"))
    assert (error.kind, error.errcode) == ("permanent", errcode)


# -- Weibo ---------------------------------------------------------------------------------------
def test_weibo_delivered(weibo_fake):
    weibo_fake.user_messaged("19", at=NOW - timedelta(hours=47))
    sender = WeiboSender(weibo_fake.base_url, WEIBO_TOKEN, timeout=FAST)
    assert sender.send_text("19", "您好，答复如下：年利率 & 期限") == DeliveryResult("weibo", "19")
    sender.send_text("19", "答" * 500)
    assert [r.text for r in weibo_fake.sent] == ["您好，答复如下：年利率 & 期限", "答" * 298 + "…"]


def test_weibo_window_closed(weibo_fake):
    weibo_fake.user_messaged("19", at=NOW - timedelta(hours=49))
    sender = WeiboSender(weibo_fake.base_url, WEIBO_TOKEN, timeout=FAST)
    assert error_of(lambda: sender.send_text("19", "x")).kind == "window_closed"
    assert error_of(lambda: sender.send_text("20", "x")).kind == "window_closed"


def test_weibo_one_message_in_seven_days(clock):
    with FakeWeiboPlatform(WEIBO_TOKEN, clock=clock, window=timedelta(days=7), window_max=1) as fake:
        fake.user_messaged("19", at=NOW - timedelta(days=6))
        sender = WeiboSender(fake.base_url, WEIBO_TOKEN, timeout=FAST)
        sender.send_text("19", "一")
        assert error_of(lambda: sender.send_text("19", "二")).kind == "window_closed"
        assert len(fake.sent) == 1


@pytest.mark.parametrize("how", ["500", "busy", "hang"])
def test_weibo_trouble_is_retryable(weibo_fake, how):
    weibo_fake.user_messaged("19")
    sender = WeiboSender(weibo_fake.base_url, WEIBO_TOKEN, timeout=FAST)
    weibo_fake.fail_next(1, how)
    assert error_of(lambda: sender.send_text("19", "x")).kind == "retryable"
    sender.send_text("19", "x")
    assert len(weibo_fake.sent) == 1


def test_weibo_bad_token_is_permanent(weibo_fake):
    weibo_fake.user_messaged("19")
    error = error_of(lambda: WeiboSender(weibo_fake.base_url, "wrong", timeout=FAST).send_text("19", "x"))
    assert (error.kind, error.errcode) == ("permanent", 21332)


def test_redis_outage_is_retryable(wechat_fake):
    down = redis.Redis(host="127.0.0.1", port=9, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    sender = WeChatSender(wechat_fake.base_url, APP_ID, APP_SECRET, redis=down, timeout=FAST)
    assert error_of(lambda: sender.send_text("o-1", "x")).kind == "retryable"


def test_delivery_error_survives_pickling():
    error = pickle.loads(pickle.dumps(DeliveryError("window_closed", 45015, "response out of time limit")))
    assert (error.kind, error.errcode, error.message) == (
        "window_closed",
        45015,
        "response out of time limit",
    )
