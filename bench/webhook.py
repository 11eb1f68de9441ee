"""Webhook throughput: signed WeChat pushes against the desk under gunicorn, next to the ceiling.

    python -m bench.webhook --database-url postgresql+psycopg://postgres@127.0.0.1/desk_bench \\
        --redis-url redis://127.0.0.1:6379/3 --seconds 10

It (re)builds the scratch database with the migrations, starts gunicorn (`--workers`, default 4)
with PostgreSQL and Redis, and drives pushes from a second process on loopback: first at the
baseline endpoint (insert the raw body, commit, push one Redis entry: the cost of durability
alone), then at `/hooks/wechat` with distinct MsgIds. Then RQ workers drain the queue and it
counts the cases made. The last line is JSON with rps, p50_ms, p99_ms, baseline_rps, accepted,
cases_created and drain_cases_per_s: cases over the time from the first message processed to the
last (drain_cases_per_s_with_startup also counts the workers' start-up, a few seconds).

The load process is a single-thread epoll client (`bench.http_load`): on a 2-core machine every
millisecond the client spends is taken from the server it measures. Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from bench import http_load

ROOT = Path(__file__).resolve().parent.parent
TOKEN, APP_ID = "bench-token", "wxbench0000000001"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--clients", type=int, default=32, help="concurrent connections of the load process")
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker (>1: gthread, keep-alive)"
    )
    parser.add_argument("--rq-workers", type=int, default=2)
    parser.add_argument("--drain-timeout", type=float, default=1800.0)
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECRET_KEY": "bench-secret",
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_APP_ID": APP_ID,
        "CHANNEL_JOIN_SECONDS": "0",
    }
    _prepare(args.database_url, args.redis_url)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{port}",
            "--preload",
            *(
                ["--worker-class", "gthread", "--threads", str(args.threads), "--keep-alive", "5"]
                if args.threads > 1
                else []
            ),
            "--log-level",
            "warning",
            "bench.webhook_app:app",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        _wait_for(port)
        _load(port, "/bench/baseline", 2, args.clients, msg_base=5 * 10**8)  # warm every worker up
        baseline = _load(port, "/bench/baseline", args.seconds, args.clients, msg_base=0)
        hooks = _load(port, "/hooks/wechat", args.seconds, args.clients, msg_base=10**9)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    drain_s, cases, working_s, cpu_s = _drain(env, args.database_url, args.rq_workers, args.drain_timeout)
    result = {
        "rps": hooks["rps"],
        "p50_ms": hooks["p50_ms"],
        "p99_ms": hooks["p99_ms"],
        "baseline_rps": baseline["rps"],
        "baseline_p99_ms": baseline["p99_ms"],
        "ratio_to_baseline": round(hooks["rps"] / baseline["rps"], 3) if baseline["rps"] else None,
        "accepted": hooks["accepted"],
        "errors": hooks["errors"],
        "cases_created": cases,
        "drain_s": drain_s,
        "drain_working_s": working_s,
        "drain_cases_per_s": round(cases / working_s, 1) if working_s else None,
        "drain_cases_per_s_with_startup": round(cases / drain_s, 1) if drain_s else None,
        "drain_worker_cpu_s": cpu_s,
        "drain_worker_cpu_ms_per_case": round(1000 * cpu_s / cases, 2) if cases else None,
        "seconds": args.seconds,
        "gunicorn_workers": args.workers,
        "gunicorn_threads": args.threads,
        "clients": args.clients,
    }
    print(json.dumps(result))


def _prepare(database_url: str, redis_url: str) -> None:
    """A fresh schema from the migrations, the baseline's table, an empty Redis database."""
    from flask_migrate import upgrade
    from redis import Redis
    from sqlalchemy import text

    from desk import create_app
    from desk.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench"})
    with app.app_context():
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        with db.engine.begin() as conn:
            serial = "SERIAL" if conn.dialect.name == "postgresql" else "INTEGER"
            conn.execute(text(f"CREATE TABLE bench_raw (id {serial} PRIMARY KEY, body TEXT NOT NULL)"))
        db.engine.dispose()
    Redis.from_url(redis_url).flushdb()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _load(port: int, path: str, seconds: float, clients: int, msg_base: int) -> dict:
    """Run the load generator in a second process and return its figures."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.webhook",
            "--load",
            str(port),
            path,
            str(seconds),
            str(clients),
            str(msg_base),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_load(port: int, path: str, seconds: float, clients: int, msg_base: int) -> dict:
    """`clients` connections posting signed plain-mode pushes with distinct MsgIds for `seconds`."""
    counter = iter(range(msg_base, msg_base + 10**8))

    def request() -> bytes:
        msg_id = next(counter)
        openid = f"o-bench-{msg_id % 5000}"
        # A fresh (timestamp, nonce) a push, as the platform signs them: a pair is accepted once.
        timestamp, nonce = str(int(time.time())), str(msg_id)
        signature = hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce])).encode()).hexdigest()
        query = f"{path}?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid="
        body = (
            f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[{openid}]]>"
            f"</FromUserName><CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]>"
            f"</MsgType><Content><![CDATA[请问小额贷款公司的利率上限是多少？编号{msg_id}]]></Content>"
            f"<MsgId>{msg_id}</MsgId></xml>"
        ).encode()
        head = (
            f"POST {query}{openid} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: text/xml\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body

    return http_load.run("127.0.0.1", port, request, seconds=seconds, connections=clients).summary()


def _drain(
    env: dict, database_url: str, workers: int, timeout: float
) -> tuple[float, int, float | None, float]:
    """RQ workers process the queue; returns the wall time (with the workers' start-up), the cases
    made, and the time from the first to the last message processed (the drain rate's base)."""
    from sqlalchemy import create_engine, text

    cpu_before = _children_cpu_s()
    began = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "desk", "worker", "--burst"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    for proc in procs:
        try:
            proc.wait(timeout=max(1.0, timeout - (time.monotonic() - began)))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    # CPU the worker processes (and their children) used, start-up included: robust to a busy machine.
    cpu_s = round(_children_cpu_s() - cpu_before, 1)
    engine = create_engine(database_url)
    with engine.connect() as conn:
        cases = conn.execute(text("SELECT count(*) FROM cases")).scalar_one()
        first, last = conn.execute(
            text(
                "SELECT min(processed_at), max(processed_at) FROM inbound_messages WHERE case_id IS NOT NULL"
            )
        ).one()
    engine.dispose()
    working = round((last - first).total_seconds(), 1) if first and last and last > first else None
    return round(time.monotonic() - began, 1), cases, working, cpu_s


def _children_cpu_s() -> float:
    """User and system CPU of this process's finished children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--load":
        port, path, seconds, clients, base = sys.argv[2:7]
        print(json.dumps(run_load(int(port), path, float(seconds), int(clients), int(base))))
    else:
        main()
