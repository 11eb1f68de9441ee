"""Faults cost nothing (real Redis and PostgreSQL): pushes with platform retries while a private
Redis is stopped and restarted and a worker is SIGKILLed mid-job → every accepted message is one
case, none lost, none doubled, and the workers that saw Redis go away are still at work.

`python -m bench.faults --pushes 10000` runs the same scenario at full size."""

from __future__ import annotations

import os
import shutil
from datetime import timedelta

import pytest

from bench.faults import PrivateRedis, run_scenario
from desk.jobs import maintenance
from desk.timeutil import utcnow
from tests.clock import frozen_time

PUSHES = 1500
pytestmark = pytest.mark.skipif(
    not (
        os.environ.get("TEST_REDIS_URL")
        and os.environ.get("TEST_DATABASE_URL")
        and shutil.which("redis-server")
    ),
    reason="needs real Redis and PostgreSQL (TEST_REDIS_URL, TEST_DATABASE_URL) and redis-server",
)


def test_redis_outage_and_a_killed_worker_lose_and_double_nothing(committed):
    app = committed
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("the fault test runs on PostgreSQL")
    keys = ("REDIS_URL", "WECHAT_TOKEN", "WECHAT_APP_ID", "WECHAT_AES_KEY", "CHANNEL_JOIN_SECONDS")
    previous = {key: app.config.get(key) for key in keys}

    def sweep_later() -> dict:
        with frozen_time(utcnow() + timedelta(minutes=3)):
            return maintenance.sweep()

    with PrivateRedis() as redis:
        app.config["REDIS_URL"] = redis.url
        app.extensions.pop("desk_redis", None)
        try:
            result = run_scenario(app, redis, pushes=PUSHES, sweep_later=sweep_later)
        finally:
            app.config.update(previous)
            app.extensions.pop("desk_redis", None)
    print(result)
    assert result["accepted"] == PUSHES  # every push got its answer, Redis or not
    assert result["lost"] == 0 and result["duplicated"] == 0
    assert result["cases"] == PUSHES and result["unprocessed"] == 0
    assert result["answers_differing_on_retry"] == 0
    assert result["workers_killed"] == 1
    assert result["workers_alive"] == result["workers_started"] - 1  # the others came back after Redis did
