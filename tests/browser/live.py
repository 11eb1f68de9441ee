"""The desk served for a real browser: its own SQLite file, the demo data, werkzeug in a thread."""

from __future__ import annotations

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
    """The app served on a free local port, and the frozen clock every request reads."""

    app: Flask
    url: str
    clock: object


@contextmanager
def serve_demo(folder: Path) -> Iterator[LiveServer]:
    """Migrate a fresh SQLite file in `folder`, load the demo data and serve it until the block ends."""
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
    with frozen_time(MOMENT) as clock:
        with app.app_context():
            upgrade()
            load_demo()
            db.session.commit()
            sweep()  # as `make run`'s scheduler would: overdue demo cases come under supervision
            db.engine.dispose()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}", clock=clock)
        finally:
            server.shutdown()
            thread.join(timeout=5)
            with app.app_context():
                db.engine.dispose()


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
