"""The inbox feed on Redis: webhooks push ids, one drainer job at a time empties the list, a backlog
starts a second; every message becomes exactly one case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rq import Queue
from sqlalchemy import select

from desk.background import QUEUE_NAME
from desk.jobs import inbox
from desk.jobs.channels import catch_up_channels
from desk.jobs.worker import DeskSimpleWorker
from desk.models import Case, InboundMessage
from desk.timeutil import utcnow
from tests.channels.conftest import APP_ID, TOKEN
from tests.clock import frozen_time
from tests.fakes.wechat_platform import read_wechat_reply, wechat_push


@pytest.fixture
def wechat_plain(app):
    previous = {key: app.config[key] for key in ("WECHAT_TOKEN", "WECHAT_APP_ID")}
    app.config.update(WECHAT_TOKEN=TOKEN, WECHAT_APP_ID=APP_ID)
    yield
    app.config.update(previous)


def _push(client, text: str, msg_id: int) -> str:
    params, body = wechat_push(text, f"o-feed-{msg_id}", msg_id, token=TOKEN, app_id=APP_ID)
    response = client.post("/hooks/wechat", query_string=params, data=body, content_type="text/xml")
    assert response.status_code == 200
    return read_wechat_reply(response.data, token=TOKEN, app_id=APP_ID)["Content"].split("编号 ")[1][:15]


def _work(app, conn) -> None:
    DeskSimpleWorker.app = app
    DeskSimpleWorker([QUEUE_NAME], connection=conn).work(burst=True)


def test_many_pushes_queue_one_drainer_and_every_message_becomes_one_case(
    app, db, client, app_redis, wechat_plain, monkeypatch
):
    monkeypatch.setattr(inbox, "BATCH", 4)
    numbers = [_push(client, f"第{i}个问题：融资担保公司如何备案？", 8100 + i) for i in range(10)]
    queue = Queue(QUEUE_NAME, connection=app_redis)
    assert queue.count == 1  # ten messages, one drainer job
    assert app_redis.llen(inbox.FEED) == 10
    assert db.session.scalar(select(Case.id)) is None  # nothing is a case before the worker runs

    _work(app, app_redis)

    made = db.session.scalars(select(Case.number).where(Case.channel == "wechat")).all()
    assert sorted(made) == sorted(numbers)
    assert app_redis.llen(inbox.FEED) == 0
    assert not app_redis.exists(inbox.SLOT.format(0), inbox.SLOT.format(1))  # both slots released
    pending = db.session.scalars(select(InboundMessage.id).where(InboundMessage.processed_at.is_(None)))
    assert pending.all() == []


def test_a_backlog_starts_a_second_drainer_but_no_more_than_configured(app, db, app_redis, monkeypatch):
    monkeypatch.setattr(inbox, "BATCH", 2)
    app_redis.rpush(inbox.FEED, *range(10**6, 10**6 + 8))  # ids of no row: processed as nothing
    app_redis.set(inbox.SLOT.format(0), 1)
    queue = Queue(QUEUE_NAME, connection=app_redis)
    with app.app_context():
        inbox._arm_next(app_redis, 0)
        inbox._arm_next(app_redis, 0)  # slot 1 is taken now
        inbox._arm_next(app_redis, 1)  # INBOX_DRAINERS is 2: there is no slot 2
    assert [job.args for job in queue.jobs] == [(1,)]


def test_a_push_while_a_drainer_holds_the_slot_queues_no_job_and_is_still_drained(
    app, db, client, app_redis, wechat_plain
):
    app_redis.set(inbox.SLOT.format(0), 1)  # a drainer is at work
    number = _push(client, "小额贷款公司的利率上限是多少？", 8200)
    assert Queue(QUEUE_NAME, connection=app_redis).count == 0
    assert inbox.drain_inbox(0) == 1
    assert db.session.scalars(select(Case.number)).all() == [number]
    assert not app_redis.exists(inbox.SLOT.format(0))


def test_ids_left_on_the_feed_by_a_dead_drainer_are_caught_up_by_the_sweep_and_rearm_a_drainer(
    app, db, client, app_redis, wechat_plain
):
    numbers = [_push(client, f"第{i}个问题：典当行归谁监管？", 8300 + i) for i in range(3)]
    queue = Queue(QUEUE_NAME, connection=app_redis)
    queue.empty()  # the drainer's job is lost, and its slot has expired
    app_redis.delete(inbox.SLOT.format(0))
    with frozen_time(utcnow() + timedelta(minutes=2)):
        assert catch_up_channels()["inbox_processed"] == 3  # whatever the feed still holds
    assert sorted(db.session.scalars(select(Case.number)).all()) == sorted(numbers)
    assert [job.func_name for job in queue.jobs] == ["desk.jobs.inbox.drain_inbox"]
    _work(app, app_redis)  # the drainer finds the rows done and makes nothing twice
    assert sorted(db.session.scalars(select(Case.number)).all()) == sorted(numbers)
    assert app_redis.llen(inbox.FEED) == 0


def test_the_sweep_catches_up_every_stale_row_in_batches_whatever_the_feed(
    app, db, client, app_redis, wechat_plain, monkeypatch
):
    from desk.jobs import channels

    monkeypatch.setattr(channels, "CATCH_UP_BATCH", 3)
    numbers = [_push(client, f"第{i}个问题：私募基金归谁管？", 8400 + i) for i in range(8)]
    Queue(QUEUE_NAME, connection=app_redis).empty()  # the drainer never runs; the feed keeps all ids
    assert app_redis.llen(inbox.FEED) == 8
    with frozen_time(utcnow() + timedelta(minutes=2)):
        assert catch_up_channels()["inbox_processed"] == 8
        assert catch_up_channels()["inbox_processed"] == 0
    assert sorted(db.session.scalars(select(Case.number)).all()) == sorted(numbers)
    assert (
        db.session.scalars(select(InboundMessage.id).where(InboundMessage.processed_at.is_(None))).all() == []
    )


def test_a_row_that_fails_does_not_stop_the_catch_up_of_the_others(
    app, db, client, wechat_plain, monkeypatch
):
    from desk.channels import intake
    from desk.jobs import channels

    monkeypatch.setattr(channels, "CATCH_UP_BATCH", 2)
    app.config["REDIS_URL"] = "redis://127.0.0.1:1/0"  # Redis down: nothing is announced
    try:
        numbers = [_push(client, f"第{i}个问题：融资租赁归谁管？", 8500 + i) for i in range(5)]
    finally:
        app.config["REDIS_URL"] = None
        app.extensions.pop("desk_redis", None)
    bad = db.session.scalars(select(InboundMessage.id).order_by(InboundMessage.id)).all()[1]
    real = intake.process_inbound

    def failing(inbound_id):
        if inbound_id == bad:
            raise RuntimeError("poisoned row")
        return real(inbound_id)

    monkeypatch.setattr(intake, "process_inbound", failing)
    with frozen_time(utcnow() + timedelta(minutes=2)):
        assert catch_up_channels()["inbox_processed"] == 4
    made = db.session.scalars(select(Case.number)).all()
    assert sorted(made) == sorted(numbers[:1] + numbers[2:])
