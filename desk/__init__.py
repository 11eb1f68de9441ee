"""Desk: the citizen interaction desk of a local financial regulatory bureau."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from desk.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    """Build the application: wiring only, no I/O and no connections."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.update(load_config(config))
    if app.config["PROXY_COUNT"]:
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)

    from desk import (  # noqa: F401 (database: engine hooks)
        background,
        cli,
        database,
        security,
        templating,
    )
    from desk.extensions import csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    limiter.init_app(app)  # after the bad-input guard: its keys read the form
    templating.init_app(app)
    cli.init_app(app)

    # Subscribers of the case core's signals (desk.cases.signals), connected once on import.
    from desk.channels import delivery  # noqa: F401 (a signed-off reply goes back on its channel)
    from desk.knowledge import index_cache, routing  # noqa: F401 (suggestions, routing notes)
    from desk.supervision import services as supervision  # noqa: F401 (notices follow the case)
    from desk.web import register_blueprints

    register_blueprints(app)
    return app
