"""Benchmark: server time of every page each role reads, on the demo data.

    python -m bench.pages [--rounds 20]

Builds the demo on a scratch SQLite file (the real migrations, the sweep run once), signs in as
each role through the test client and times each GET inside the app (no network, no browser).
The report cache is off, so dashboards are counted on every request. The last line of stdout is
JSON: p50/p95 per page and over all pages, in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import time_machine
from flask_migrate import upgrade

from desk import create_app
from desk.extensions import db

MOMENT = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
PAGES = {
    None: ["/", "/write/consultation", "/track", "/statistics", "/login"],
    "office": [
        "/office/",
        "/office/cases",
        "/office/cases?due=overdue",
        "/supervision/",
        "/supervision/extensions",
        "/knowledge/",
        "/office/dashboard",
        "/office/circulars",
        "/reports/cases?figure=overdue",
        "/inbox",
        "case",
    ],
    "yh1.staff": ["/staff/queue", "/supervision/", "/inbox", "case"],
    "yh1.head": ["/staff/queue?view=review", "/reports/division", "case"],
    "admin": ["/admin/", "/admin/users", "/admin/calendar", "/admin/rules", "/admin/routing"],
}
CASE_LINK = re.compile(r'href="(/staff/cases/\d+)"')
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def _app(folder: Path):
    from desk.demo.seed import load_demo
    from desk.jobs.maintenance import sweep

    app = create_app(
        {
            "SECRET_KEY": "bench-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'desk.sqlite3'}",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "UPLOAD_FOLDER": str(folder / "uploads"),
            "REPORTS_CACHE_SECONDS": 0,
        }
    )
    with app.app_context():
        upgrade()
        load_demo()
        db.session.commit()
        sweep()
    return app


def _sign_in(client, username: str) -> None:
    from desk.demo.seed import DEMO_PASSWORD

    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    form = {"csrf_token": token, "username": username, "password": DEMO_PASSWORD}
    response = client.post("/login", data=form)
    assert response.status_code == 302, username


def run(rounds: int) -> dict:
    """Time every page `rounds` times (after one warm-up read); returns the figures."""
    timings: dict[str, list[float]] = {}
    with time_machine.travel(MOMENT, tick=True), tempfile.TemporaryDirectory() as folder:
        app = _app(Path(folder))
        for username, paths in PAGES.items():
            client = app.test_client()
            if username:
                _sign_in(client, username)
            queue = client.get(paths[0]).get_data(as_text=True)
            for path in paths:
                if path == "case":
                    path = CASE_LINK.search(queue).group(1)
                key = f"{username or 'citizen'} {path}"
                assert client.get(path).status_code == 200, key  # warm-up: indexes, caches
                for _ in range(rounds):
                    start = time.perf_counter()
                    response = client.get(path)
                    timings.setdefault(key, []).append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, key
        with app.app_context():
            db.engine.dispose()
    every = [t for series in timings.values() for t in series]
    return {
        "rounds": rounds,
        "pages": {key: _summary(series) for key, series in timings.items()},
        "all": _summary(every),
    }


def _summary(series: list[float]) -> dict:
    ordered = sorted(series)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
    }


def main() -> None:
    """Run and print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    result = run(args.rounds)
    for key, figures in sorted(result["pages"].items(), key=lambda item: -item[1]["p95_ms"]):
        print(f"{figures['p95_ms']:8.1f} ms p95  {figures['p50_ms']:8.1f} ms p50  {key}")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
