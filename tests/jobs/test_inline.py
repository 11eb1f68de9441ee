"""Jobs run inline (no Redis) on a file database, with connections of their own as in `make run`."""

from __future__ import annotations

import logging

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from desk import create_app
from desk.background import enqueue_after_commit
from desk.extensions import db
from desk.models import Division

seen: list[str | None] = []


def look_for_division(name: str) -> None:
    """A job: find the division the request created (in the job's own session)."""
    seen.append(db.session.scalar(select(Division.name).where(Division.name == name)))


@pytest.fixture
def file_app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'desk.sqlite3'}",
            "REDIS_URL": None,
        }
    )
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()


def test_an_inline_job_runs_after_the_commit_even_with_a_savepoint_in_the_transaction(file_app, caplog):
    seen.clear()
    with file_app.app_context(), caplog.at_level(logging.ERROR, logger="desk.background"):
        db.session.add(Division(name="普惠金融处"))
        db.session.flush()
        enqueue_after_commit(look_for_division, "普惠金融处")
        with db.session.begin_nested():  # as a case number is drawn while a letter is taken in
            db.session.add(Division(name="银行一处"))
        assert seen == []  # the work is not committed yet
        db.session.commit()
    assert seen == ["普惠金融处"]  # ran once, after the commit, and found what was committed
    assert "failed" not in caplog.text  # not "database is locked" behind the request's own lock
