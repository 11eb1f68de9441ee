"""Faults cost nothing: WeChat pushes (with platform retries) while Redis is stopped and restarted
and a worker is SIGKILLed mid-job; every accepted message must be exactly one case.

    python -m bench.faults --database-url postgresql+psycopg://postgres@127.0.0.1/desk_faults \\
        --pushes 10000

It rebuilds the scratch database with the migrations, starts a private redis-server on a free
port (the shared one is never touched) and two `desk worker` processes, posts the pushes through
the app in this process, and prints JSON: pushes, accepted, retries, lost, duplicated, cases,
unprocessed, workers_alive... `tests/jobs/test_faults.py` runs the same scenario with fewer pushes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN, APP_ID = "fault-token", "wxfault000000001"


class PrivateRedis:
    """A redis-server of its own on a free port, without persistence, that can be stopped and started."""

    def __init__(self) -> None:
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="desk-redis-")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (again) on the same port and wait until it answers."""
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", self.dir]
        self.proc = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        from redis import Redis

        conn = Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                if conn.ping():
                    conn.close()
                    return
            time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        """Kill it (everything in it is lost, as after a crash)."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)

    def __enter__(self) -> PrivateRedis:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kill_tree(pid: int) -> None:
    """SIGKILL a process and all its descendants, children first."""
    for child in children(pid):
        kill_tree(child)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The direct children of a process (an RQ worker's work horse)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        return []


def start_worker(app) -> subprocess.Popen:
    """A `flask desk worker` process on the app's database and Redis, in a process group of its own."""
    config = app.config
    env = {
        **os.environ,
        "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": config["REDIS_URL"],
        "SECRET_KEY": config["SECRET_KEY"],
        "WECHAT_TOKEN": config["WECHAT_TOKEN"],
        "WECHAT_APP_ID": config["WECHAT_APP_ID"],
        "CHANNEL_JOIN_SECONDS": "0",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "desk", "worker"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_scenario(
    app,
    redis: PrivateRedis,
    *,
    pushes: int,
    sweep_later: Callable[[], dict],
    retry_share: float = 0.1,
    workers: int = 2,
    seed: int = 0,
    drain_wait_s: float = 120.0,
) -> dict:
    """Pushes with retries through Redis down/up and a killed worker; returns what became of them.

    `app` is configured by the caller with REDIS_URL = redis.url; `sweep_later` runs the periodic
    sweep as it would run a few minutes later (stale rows are caught up).
    """
    from sqlalchemy import func, select

    from desk.extensions import db
    from desk.models import Case, InboundMessage
    from desk.timeutil import utcnow

    app.config.update(WECHAT_TOKEN=TOKEN, WECHAT_APP_ID=APP_ID, WECHAT_AES_KEY=None, CHANNEL_JOIN_SECONDS=0)
    rng = random.Random(seed)
    client = app.test_client()
    procs = [start_worker(app) for _ in range(workers)]
    original = list(procs)
    killed: list[int] = []
    answers: dict[int, set[str]] = {}
    sent, refused = 0, 0
    began = time.monotonic()
    try:
        for i in range(pushes):
            if i == pushes // 4:
                redis.stop()
            elif i == pushes // 2:
                redis.start()
            elif i == (pushes * 3) // 4:
                victim = _busy_worker(procs)
                kill_tree(victim.pid)
                victim.wait(10)
                killed.append(victim.pid)
                procs.remove(victim)
                procs.append(start_worker(app))
            msg_id = 10**9 + i
            params, body = _push(msg_id, f"o-fault-{i % 997}", int(utcnow().timestamp()))
            tries = 1 + (rng.random() < retry_share) + (rng.random() < retry_share / 2)
            for _ in range(3 if tries == 1 else tries):
                response = client.post(
                    "/hooks/wechat", query_string=params, data=body, content_type="text/xml"
                )
                sent += 1
                if response.status_code == 200:
                    answers.setdefault(msg_id, set()).add(_number(response.data))
                    if tries == 1:
                        break
                else:
                    refused += 1
        pushed_s = time.monotonic() - began
        unprocessed = _wait_for_drain(drain_wait_s)
        swept = sweep_later()["inbox_processed"]
        db.session.remove()
        numbers = {n for found in answers.values() for n in found}
        made = db.session.execute(select(Case.number, func.count()).group_by(Case.number)).all()
        counts = dict(made)
        result = {
            "pushes": pushes,
            "requests": sent,
            "refused": refused,
            "accepted": len(answers),
            "answers_differing_on_retry": sum(len(found) > 1 for found in answers.values()),
            "cases": sum(counts.values()),
            "lost": len(numbers - counts.keys()),
            "duplicated": sum(n - 1 for n in counts.values() if n > 1) + len(counts.keys() - numbers),
            "unprocessed_before_sweep": unprocessed,
            "swept": swept,
            "unprocessed": db.session.scalar(
                select(func.count()).select_from(InboundMessage).where(InboundMessage.processed_at.is_(None))
            ),
            "workers_killed": len(killed),
            "workers_alive": sum(p.poll() is None for p in original if p.pid not in killed),
            "workers_started": len(original),
            "push_s": round(pushed_s, 1),
            "total_s": round(time.monotonic() - began, 1),
        }
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                kill_tree(proc.pid)
                proc.wait(10)
    return result


def _busy_worker(procs: list[subprocess.Popen]) -> subprocess.Popen:
    """A worker with a work horse (a job under way), or the first one after a few seconds."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for proc in procs:
            if children(proc.pid):
                time.sleep(0.05)  # well inside the job
                return proc
        time.sleep(0.02)
    return procs[0]


def _wait_for_drain(limit_s: float) -> int:
    """Wait until the workers have processed what they can (no progress for a few seconds)."""
    from sqlalchemy import func, select

    from desk.extensions import db
    from desk.models import InboundMessage

    last, still_since = None, time.monotonic()
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        db.session.remove()
        left = db.session.scalar(
            select(func.count()).select_from(InboundMessage).where(InboundMessage.processed_at.is_(None))
        )
        if left == 0:
            return 0
        if left != last:
            last, still_since = left, time.monotonic()
        elif time.monotonic() - still_since > 5:
            return left
        time.sleep(0.5)
    return last or 0


def _push(msg_id: int, openid: str, timestamp: int) -> tuple[dict, bytes]:
    import hashlib

    nonce = str(msg_id)
    signature = hashlib.sha1("".join(sorted([TOKEN, str(timestamp), nonce])).encode()).hexdigest()
    body = (
        f"<xml><ToUserName><![CDATA[gh_fault]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[请问融资担保公司如何备案？第{msg_id}号]]></Content><MsgId>{msg_id}</MsgId></xml>"
    ).encode()
    return {"signature": signature, "timestamp": str(timestamp), "nonce": nonce, "openid": openid}, body


def _number(reply: bytes) -> str:
    from desk.channels.wechat import parse_xml_safely

    content = parse_xml_safely(reply).findtext("Content") or ""
    return content.split("编号 ")[1].split("，")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--pushes", type=int, default=10_000)
    parser.add_argument("--retry-share", type=float, default=0.1)
    args = parser.parse_args()

    import time_machine
    from flask_migrate import upgrade
    from sqlalchemy import text

    from desk import create_app
    from desk.extensions import db
    from desk.jobs import maintenance
    from desk.timeutil import utcnow

    with PrivateRedis() as redis:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": args.database_url,
                "SECRET_KEY": "fault-secret",
                "REDIS_URL": redis.url,
                "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            }
        )
        with app.app_context():
            with db.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("DROP SCHEMA public CASCADE"))
                    conn.execute(text("CREATE SCHEMA public"))
            upgrade()

            def sweep_later() -> dict:
                with time_machine.travel(utcnow().timestamp() + 180, tick=True):
                    return maintenance.sweep()

            result = run_scenario(
                app, redis, pushes=args.pushes, sweep_later=sweep_later, retry_share=args.retry_share
            )
            db.engine.dispose()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
