"""A worker killed in the middle of turning a message into a case loses nothing (real Redis)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from redis import Redis
from rq import Queue
from rq.registry import StartedJobRegistry
from sqlalchemy import func, select, text

from desk.background import QUEUE_NAME
from desk.extensions import db as _db
from desk.jobs import maintenance
from desk.jobs.worker import DeskSimpleWorker
from desk.models import Case, InboundMessage
from desk.timeutil import utcnow
from tests.channels.conftest import AES_KEY, APP_ID, APP_SECRET, TOKEN
from tests.clock import frozen_time
from tests.fakes.wechat_platform import read_wechat_reply, wechat_push

REDIS_URL = os.environ.get("TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs a real Redis (TEST_REDIS_URL)")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_a_killed_worker_loses_no_message_and_makes_no_second_case(committed):
    app = committed
    conn = Redis.from_url(REDIS_URL)
    conn.flushdb()
    settings = {
        "REDIS_URL": REDIS_URL,
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_APP_ID": APP_ID,
        "WECHAT_APP_SECRET": APP_SECRET,
        "WECHAT_AES_KEY": AES_KEY,
    }
    app.config.update(settings)
    app.extensions.pop("desk_redis", None)
    worker = None
    blocker = _db.engine.connect()
    try:
        params, body = wechat_push(
            "请问私募基金归谁管？", "o-killed", 9001, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY
        )
        response = app.test_client().post("/hooks/wechat", query_string=params, data=body)
        assert response.status_code == 200
        number = read_wechat_reply(response.data, token=TOKEN, app_id=APP_ID, aes_key=AES_KEY)["Content"]
        assert Queue(QUEUE_NAME, connection=conn).count == 1

        # Hold the inbox row, so the worker's job is stuck in the middle when it is killed.
        blocker.begin()  # on SQLite the desk's BEGIN IMMEDIATE already takes the write lock
        if blocker.dialect.name == "postgresql":
            blocker.execute(text("SELECT id FROM inbound_messages FOR UPDATE"))
        env = {
            **os.environ,
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": "x",
            "REDIS_URL": REDIS_URL,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
        env.update({k: v for k, v in settings.items() if k != "REDIS_URL"})
        worker = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "desk", "worker"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started = StartedJobRegistry(QUEUE_NAME, connection=conn)
        deadline = time.monotonic() + 30
        while not started.get_job_ids() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert started.get_job_ids(), "the worker never started the job"
        time.sleep(0.3)
        _kill_tree(worker.pid)  # the worker and its work horse (in a process group of its own), mid-job
        worker.wait(timeout=10)
        blocker.rollback()

        assert _db.session.scalar(select(func.count()).select_from(Case)) == 0
        with frozen_time(utcnow() + timedelta(minutes=2)):
            assert maintenance.sweep()["inbox_processed"] == 1
        # The job RQ lost, run again anyway, finds the work done.
        from desk.jobs.channels import process_inbound_message

        row_id = _db.session.scalar(select(InboundMessage.id))
        Queue(QUEUE_NAME, connection=conn).enqueue(process_inbound_message, row_id)
        DeskSimpleWorker.app = app
        DeskSimpleWorker([QUEUE_NAME], connection=conn).work(burst=True)
        cases = _db.session.scalars(select(Case.number)).all()
        assert len(cases) == 1 and cases[0] in number
    finally:
        if worker and worker.poll() is None:
            _kill_tree(worker.pid)
        blocker.close()
        conn.flushdb()
        for key in settings:
            app.config[key] = None
        app.extensions.pop("desk_redis", None)


def _kill_tree(pid: int) -> None:
    """SIGKILL a process and all its descendants, children first."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except FileNotFoundError:
        children = []
    for child in children:
        _kill_tree(child)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
