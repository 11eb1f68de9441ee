"""Plain-mode replay guard and Weibo de-duplication: a signed (timestamp, nonce) pair carries one
message only, a platform retry of that message still gets its first answer, stale timestamps are
refused, and two distinct Weibo messages sent in the same second are both kept."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from desk.jobs.channels import catch_up_channels
from desk.models import InboundMessage, WebhookNonce
from desk.timeutil import utcnow
from tests.channels.conftest import APP_ID, TOKEN, WEIBO_SECRET
from tests.clock import frozen_time
from tests.fakes.wechat_platform import read_wechat_reply, wechat_push, wechat_signed_post
from tests.fakes.weibo_platform import weibo_push, weibo_signed_post


@pytest.fixture
def plain_hooks(app, db):
    """WeChat in plain mode and Weibo configured; no Redis unless a test adds it."""
    settings = {"WECHAT_TOKEN": TOKEN, "WECHAT_APP_ID": APP_ID, "WEIBO_APP_SECRET": WEIBO_SECRET}
    previous = {key: app.config[key] for key in settings}
    app.config.update(settings)
    yield
    app.config.update(previous)


@pytest.fixture(params=["database", "redis", "redis-down"])
def nonce_store(request, app, plain_hooks):
    """Where used pairs are kept: the database (no Redis), Redis, or the database while Redis is down."""
    if request.param == "redis":
        yield request.getfixturevalue("app_redis")
        return
    if request.param == "redis-down":
        app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"
        try:
            yield None
        finally:
            app.config["REDIS_URL"] = None
            app.extensions.pop("desk_redis", None)
        return
    yield None


def _wechat(client, params, body):
    return client.post("/hooks/wechat", query_string=params, data=body, content_type="text/xml")


def _rows(db) -> int:
    return db.session.scalar(select(func.count()).select_from(InboundMessage))


def test_a_used_pair_with_another_body_is_refused_and_writes_nothing(db, client, nonce_store):
    params, body = wechat_push("请问私募基金备案找谁？", "o-replay-1", 6101, token=TOKEN, app_id=APP_ID)
    first = _wechat(client, params, body)
    assert first.status_code == 200
    _, forged = wechat_push("伪造的另一条消息", "o-attacker", 6102, token=TOKEN, app_id=APP_ID)
    replayed = _wechat(client, params, forged)
    assert replayed.status_code == 403 and "签名已被使用" in replayed.get_data(as_text=True)
    assert _rows(db) == 1


def test_a_platform_retry_with_the_same_pair_gets_the_same_answer(db, client, nonce_store):
    params, body = wechat_push("融资担保公司的注册资本要求？", "o-replay-2", 6201, token=TOKEN, app_id=APP_ID)
    answers = [_wechat(client, params, body) for _ in range(3)]
    assert {a.status_code for a in answers} == {200}
    texts = {read_wechat_reply(a.data, token=TOKEN, app_id=APP_ID)["Content"] for a in answers}
    assert len(texts) == 1 and "编号" in texts.pop()
    assert _rows(db) == 1


def test_stale_and_future_timestamps_are_refused(db, client, plain_hooks):
    now = int(utcnow().timestamp())
    for moment in (now - 301, now + 301):
        params, body = wechat_push("过期的请求", "o-replay-3", 6300 + moment % 7, token=TOKEN, app_id=APP_ID)
        params, body = wechat_signed_post(body.decode(), token=TOKEN, app_id=APP_ID, timestamp=moment)
        assert _wechat(client, params, body).status_code == 403
    assert _rows(db) == 0


def test_a_pair_without_a_nonce_is_refused(db, client, plain_hooks):
    params, body = wechat_push("没有随机数", "o-replay-4", 6401, token=TOKEN, app_id=APP_ID)
    params["nonce"] = ""  # signed by hand: the fake draws a nonce for an empty one
    params["signature"] = hashlib.sha1("".join(sorted([TOKEN, params["timestamp"], ""])).encode()).hexdigest()
    assert _wechat(client, params, body).status_code == 403
    assert _rows(db) == 0


def test_database_pairs_are_forgotten_once_no_timestamp_can_reach_them(db, client, plain_hooks):
    params, body = wechat_push("记住随机数", "o-replay-5", 6501, token=TOKEN, app_id=APP_ID)
    assert _wechat(client, params, body).status_code == 200
    assert db.session.scalar(select(func.count()).select_from(WebhookNonce)) == 1
    with frozen_time(utcnow() + timedelta(minutes=20)):
        catch_up_channels()
    assert db.session.scalar(select(func.count()).select_from(WebhookNonce)) == 0


def _weibo(client, params, body):
    return client.post("/hooks/weibo", query_string=params, data=body, content_type="application/json")


def test_two_weibo_messages_in_the_same_second_are_two_messages(db, client, nonce_store):
    sent = utcnow().replace(microsecond=0)
    first = _weibo(client, *weibo_push("你好", 1901, created_at=sent, app_secret=WEIBO_SECRET))
    second = _weibo(client, *weibo_push("请问典当行归谁管？", 1901, created_at=sent, app_secret=WEIBO_SECRET))
    assert first.status_code == second.status_code == 200
    assert _rows(db) == 2
    texts = [json.loads(unquote(r.get_json()["data"]))["text"] for r in (first, second)]
    assert "编号" in texts[0] and "并入" in texts[1]  # the second joins the first one's case


def test_a_weibo_retry_is_one_message_with_the_same_answer(db, client, nonce_store):
    sent = utcnow().replace(microsecond=0)
    params, body = weibo_push("小额贷款公司的利率上限？", 1902, created_at=sent, app_secret=WEIBO_SECRET)
    retry_params, _ = weibo_signed_post(body, WEIBO_SECRET)  # a retry signed afresh
    answers = [_weibo(client, params, body), _weibo(client, params, body), _weibo(client, retry_params, body)]
    assert {a.status_code for a in answers} == {200}
    assert len({a.get_data() for a in answers}) == 1
    assert _rows(db) == 1


def test_a_weibo_message_id_when_present_tells_messages_apart(db, client, plain_hooks):
    sent = utcnow().replace(microsecond=0)
    _, body = weibo_push("同一内容", 1903, created_at=sent, app_secret=WEIBO_SECRET)
    payload = json.loads(body)
    for msg_id in (1, 2, 2):
        _weibo(client, *weibo_signed_post({**payload, "msg_id": 900 + msg_id}, WEIBO_SECRET))
    assert sorted(db.session.scalars(select(InboundMessage.dedup_key)).all()) == [
        "weibo:id:901",
        "weibo:id:902",
    ]


def test_a_used_weibo_pair_with_another_body_is_refused(db, client, nonce_store):
    sent = utcnow().replace(microsecond=0)
    params, body = weibo_push("第一条", 1904, created_at=sent, app_secret=WEIBO_SECRET)
    assert _weibo(client, params, body).status_code == 200
    _, forged = weibo_push("伪造", 1905, created_at=sent, app_secret=WEIBO_SECRET)
    assert _weibo(client, params, forged).status_code == 403
    assert _rows(db) == 1
