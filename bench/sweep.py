"""Benchmark: fill a scratch database with N cases, then time the sweep, the dashboard and a queue.

    python -m bench.sweep --database-url postgresql+psycopg://postgres@127.0.0.1/desk_bench --n 1000000
    python -m bench.sweep --database-url /tmp/desk_bench.sqlite3 --n 100000 --reset

The schema comes from the real migrations. Cases are generated in Python with a fixed seed and
written set-wise (COPY on PostgreSQL, executemany in large batches on SQLite). The last line of
stdout is JSON with the timings.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from desk import create_app
from desk.cases.deadlines import load_calendar
from desk.cases.kinds import KINDS as KIND_SPECS
from desk.extensions import db
from desk.models import Division, Role, User
from desk.timeutil import bureau_tz, today

PASSWORD = "bench-password"
BATCH = 50_000
CASE_COLUMNS = [
    "number",
    "kind",
    "channel",
    "state",
    "division_id",
    "subject",
    "content",
    "citizen_name",
    "phone",
    "consent_publish",
    "received_at",
    "received_on",
    "deadline_days",
    "extension_days",
    "due_date",
    "due_provisional",
    "joint_review",
    "replied_at",
    "replied_on",
    "handling_workdays",
    "closed_at",
    "updated_at",
]
RATING_COLUMNS = ["case_id", "level", "rated_at", "reply_signed_at"]
# Shares of states: most cases open, as in the target of the benchmark.
STATES = [
    ("received", 0.05),
    ("assigned", 0.55),
    ("in_review", 0.10),
    ("replied", 0.12),
    ("closed", 0.15),
    ("not_accepted", 0.03),
]
KINDS = [("consultation", 0.5), ("complaint", 0.3), ("mailbox", 0.2)]
CHANNELS = [("web", 0.6), ("wechat", 0.2), ("weibo", 0.05), ("phone", 0.15)]
PREFIX = {code: spec.prefix for code, spec in KIND_SPECS.items()}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url(value: str) -> str:
    """A SQLAlchemy URL; a bare path means a SQLite file."""
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).resolve()}"


def prepare(url: str, reset: bool) -> None:
    """Refuse a database that holds cases unless --reset, which drops everything."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            has_cases = inspect(conn).has_table("cases") and conn.scalar(text("SELECT count(*) FROM cases"))
    finally:
        engine.dispose()
    if has_cases and not reset:
        sys.exit(f"{url} already holds cases: use a scratch database or pass --reset")
    if not reset:
        return
    if engine.dialect.name == "postgresql":
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        path = make_url(url).database
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def pick(rng: random.Random, choices: list[tuple[str, float]]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def generate_cases(n: int, divisions: list[int], current: date, soon: date, ratings: list, seed: int = 7):
    """Rows for `cases` (ratings appended to `ratings`): dates over 3 years, ~10 % overdue, some due soon."""
    rng = random.Random(seed)
    tz = bureau_tz()
    state_names, state_weights = zip(*STATES, strict=True)
    kind_names, kind_weights = zip(*KINDS, strict=True)
    channel_names, channel_weights = zip(*CHANNELS, strict=True)
    states = rng.choices(state_names, state_weights, k=n)
    kinds = rng.choices(kind_names, kind_weights, k=n)
    channels = rng.choices(channel_names, channel_weights, k=n)
    now = datetime.now(UTC)
    # Cases arrive in time order, so the table is laid out by receipt date as in a real desk.
    received_days = sorted(current - timedelta(days=rng.randrange(0, 3 * 365)) for _ in range(n))
    for i in range(n):
        state, kind = states[i], kinds[i]
        received_on = received_days[i]
        received_at = datetime(
            received_on.year, received_on.month, received_on.day, 8 + i % 10, i % 60, tzinfo=tz
        ).astimezone(UTC)
        deadline = KIND_SPECS[kind].default_days
        division = None if state in ("received", "not_accepted") else divisions[i % len(divisions)]
        replied_at = replied_on = workdays = closed_at = None
        if state in ("received", "assigned", "in_review"):
            roll = rng.random()
            if roll < 0.14:  # overdue: up to ~30 working days late
                due = current - timedelta(days=rng.randrange(1, 43))
            elif roll < 0.20:  # due soon
                due = current + timedelta(days=rng.randrange(0, (soon - current).days + 1))
            else:
                due = soon + timedelta(days=rng.randrange(1, 43))
        else:
            due = received_on + timedelta(days=deadline * 7 // 5 + 1)
            if state in ("replied", "closed"):
                days = rng.randrange(1, deadline * 7 // 5 + 12)  # ~20 % late
                replied_on = min(received_on + timedelta(days=days), current)
                replied_at = datetime(
                    replied_on.year, replied_on.month, replied_on.day, 15, tzinfo=tz
                ).astimezone(UTC)
                workdays = max((replied_on - received_on).days * 5 // 7, 0)
                if state == "closed":
                    closed_at = replied_at + timedelta(days=2)
                if rng.random() < 0.5:
                    level = rng.choices(["satisfied", "basic", "dissatisfied"], [0.6, 0.3, 0.1])[0]
                    ratings.append((i + 1, level, replied_at + timedelta(days=1), replied_at))
        yield (
            f"{PREFIX[kind]}{received_on:%Y%m%d}-{i:07d}",
            kind,
            channels[i],
            state,
            division,
            f"基准测试来信 {i}",
            "关于小额贷款公司利率和融资担保业务的咨询。",
            "测试来信人",
            "13800000000",
            False,
            received_at,
            received_on,
            deadline,
            0,
            due,
            False,
            False,
            replied_at,
            replied_on,
            workdays,
            closed_at,
            now,
        )


def fill(n: int, division_count: int) -> dict:
    """Divisions, a head and a staff member each, one office user, then N cases and ratings."""
    divisions = []
    for i in range(division_count):
        division = Division(name=f"基准处室{i + 1:02d}", sort_order=(i + 1) * 10)
        db.session.add(division)
        divisions.append(division)
    db.session.add(Division(name="综合处", sort_order=0))
    db.session.flush()
    users = []
    office = User(username="office", display_name="综合处", role=Role.OFFICE)
    users.append(office)
    for i, division in enumerate(divisions):
        for role in (Role.HEAD, Role.STAFF):
            users.append(
                User(
                    username=f"{role.value}{i + 1:02d}",
                    display_name=f"{role.label}{i + 1}",
                    role=role,
                    division_id=division.id,
                )
            )
    for user in users:
        user.set_password(PASSWORD)
        db.session.add(user)
    db.session.commit()
    division_ids = [d.id for d in divisions]
    current = today()
    soon = load_calendar().add_workdays(current, 2).due_date
    db.session.remove()  # no session transaction may hold SQLite's write lock during the load
    ratings: list[tuple] = []
    rows = generate_cases(n, division_ids, current, soon, ratings)
    write = _copy if db.engine.dialect.name == "postgresql" else _executemany
    write("cases", CASE_COLUMNS, rows)
    write("ratings", RATING_COLUMNS, ratings)
    return {"divisions": division_count, "ratings": len(ratings)}


def _copy(table: str, columns: list[str], rows) -> None:
    raw = db.engine.raw_connection()
    try:
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        raw.commit()
    finally:
        raw.close()


def _executemany(table: str, columns: list[str], rows) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN")
        batch = []
        for row in rows:
            batch.append(tuple(_sqlite_value(v) for v in row))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
        cursor.execute("COMMIT")
    finally:
        raw.close()


def _sqlite_value(value):
    # Stored as SQLAlchemy writes them: naive UTC datetimes and ISO dates.
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def analyze() -> None:
    """Fresh statistics (and the visibility map for index-only scans) after the bulk load."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"))


def time_sweep() -> tuple[float | None, float | None, dict]:
    """The lead's sweep, cold (opens supervisions) and again (steady state); None if not there yet."""
    try:
        from desk.supervision.sweep import sweep_deadlines
    except ImportError:
        log("desk.supervision.sweep not on this branch yet: sweep not timed")
        return None, None, {}
    timings, results = [], []
    for _ in range(2):
        started = time.perf_counter()
        result = sweep_deadlines()
        db.session.commit()
        timings.append(time.perf_counter() - started)
        results.append(result)
        db.session.remove()
    info = {"sweep_result": _as_dict(results[0]), "sweep_again_result": _as_dict(results[1])}
    return timings[0], timings[1], info


def _as_dict(result) -> dict:
    try:
        from dataclasses import asdict

        return asdict(result)
    except TypeError:
        return {"repr": repr(result)}


def time_page(app, username: str, url: str, repeat: int) -> float:
    """Median milliseconds of `repeat` requests after one warm-up, signed in through the login form."""
    if app.config["REPORTS_CACHE_SECONDS"] == 0:
        repeat = min(repeat, 3)  # every request counts afresh: a few are enough
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    assert client.get(url).status_code == 200
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return round(statistics.median(timings), 1)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="SQLAlchemy URL, or a SQLite file path")
    parser.add_argument("--n", type=int, help="cases (default 1,000,000 on PostgreSQL, 100,000 on SQLite)")
    parser.add_argument("--divisions", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page")
    parser.add_argument("--reset", action="store_true", help="drop and rebuild the schema first")
    args = parser.parse_args(argv)
    url = database_url(args.database_url)
    dialect = make_url(url).get_backend_name()
    n = args.n or (1_000_000 if dialect == "postgresql" else 100_000)
    prepare(url, args.reset)
    config = {
        "SECRET_KEY": "bench-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "REPORTS_CACHE_SECONDS": 60,
    }
    app = create_app(config)
    # The same desk counting on every request: what the first visitor of each minute waits.
    uncached = create_app({**config, "REPORTS_CACHE_SECONDS": 0})
    with app.app_context():
        upgrade()
        log(f"filling {n} cases into {dialect} ...")
        started = time.perf_counter()
        info = fill(n, args.divisions)
        analyze()
        fill_s = time.perf_counter() - started
        log(f"filled in {fill_s:.1f} s")
        sweep_s, sweep_again_s, sweep_info = time_sweep()
        if sweep_s is not None:
            analyze()
    dashboard_ms = time_page(app, "office", "/office/dashboard", args.repeat)
    head_dashboard_ms = time_page(app, "head01", "/reports/division", args.repeat)
    queue_ms = time_page(app, "head01", "/staff/queue", args.repeat)
    statistics_ms = time_page(app, "office", "/statistics", args.repeat)
    dashboard_cold_ms = time_page(uncached, "office", "/office/dashboard", args.repeat)
    head_dashboard_cold_ms = time_page(uncached, "head01", "/reports/division", args.repeat)
    result = {
        "n": n,
        "db": dialect,
        "fill_s": round(fill_s, 1),
        "sweep_s": None if sweep_s is None else round(sweep_s, 2),
        "sweep_again_s": None if sweep_again_s is None else round(sweep_again_s, 2),
        "dashboard_ms": dashboard_ms,
        "queue_ms": queue_ms,
        "dashboard_cold_ms": dashboard_cold_ms,
        "head_dashboard_ms": head_dashboard_ms,
        "head_dashboard_cold_ms": head_dashboard_cold_ms,
        "statistics_ms": statistics_ms,
        **info,
        **sweep_info,
    }
    for each in (app, uncached):
        with each.app_context():
            db.engine.dispose()
    print(json.dumps(result, ensure_ascii=False))
    return result


if __name__ == "__main__":
    main()
