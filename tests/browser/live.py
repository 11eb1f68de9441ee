"""The desk served for a real browser: its own SQLite file, the demo data, werkzeug in a child process."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask
from flask_migrate import upgrade
from werkzeug.serving import make_server

from desk import create_app
from desk.extensions import db
from tests.clock import frozen_time

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Wednesday 18 November 2026, 10:00 in Shanghai: a working day, demo cases due soon and overdue.
MOMENT = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@dataclass
class LiveServer:
    """The desk served on a free local port by a process of its own."""

    url: str
    log: Path


def build_app(folder: Path) -> Flask:
    """An app on a fresh, migrated SQLite file in `folder` with the demo data, swept once."""
    from desk.demo.seed import load_demo
    from desk.jobs.maintenance import sweep

    app = create_app(
        {
            "SECRET_KEY": "browser-secret",
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
        sweep()  # as `make run`'s scheduler would: overdue demo cases come under supervision
        db.engine.dispose()
    return app


def serve(folder: Path) -> None:
    """Build the demo app and serve it with the clock frozen at MOMENT; prints `READY <port>`."""
    with frozen_time(MOMENT):
        app = build_app(folder)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
        print(f"READY {server.server_port}", flush=True)
        server.serve_forever()


@contextmanager
def serve_demo(folder: Path) -> Iterator[LiveServer]:
    """Serve the demo in a child process (its frozen clock and its threads stay out of the tests)."""
    log = folder / "server.log"
    with log.open("w") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.browser.live", str(folder)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    try:
        line = process.stdout.readline()
        if not line.startswith("READY "):
            raise RuntimeError(f"the live server did not start: {log.read_text()[-2000:]}")
        yield LiveServer(url=f"http://127.0.0.1:{int(line.split()[1])}", log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


@contextmanager
def launch_chromium() -> Iterator[object]:
    """Debian's chromium, headless, driven by Playwright (its own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
