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


def test_the_nightly_retraining_holds_no_lock_while_it_fits(file_app, monkeypatch):
    """`make run` on SQLite: letters can be taken in while the router is fitted (a fit takes minutes on
    a large history; a held write lock would make them fail after the busy timeout)."""
    import sqlite3

    from desk.jobs.routing import retrain_router
    from desk.knowledge import routing
    from tests.conftest import utc
    from tests.supervision.conftest import make_team, replied_case

    with file_app.app_context():
        teams = [make_team("银行一处", suffix="a"), make_team("保险与担保处", suffix="b")]
        for i in range(12):
            for team, what in zip(
                teams, ("银行卡被盗刷，银行不予赔付", "保险理赔被拒，保险公司拖延"), strict=True
            ):
                replied_case(
                    team, utc(2026, 10, 1 + i, 2, 0), utc(2026, 10, 2 + i, 2, 0), content=f"{what}（{i}）"
                )
        db.session.commit()
        path = db.engine.url.database
        writable: list[bool] = []
        real = routing.cross_validate

        def cross_validate_while_someone_writes(*args, **kwargs):
            other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")  # what taking a letter in does first
                other.execute("ROLLBACK")
                writable.append(True)
            except sqlite3.OperationalError:
                writable.append(False)
            finally:
                other.close()
            return real(*args, **kwargs)

        monkeypatch.setattr(routing, "cross_validate", cross_validate_while_someone_writes)
        result = retrain_router()
    assert writable == [True]
    assert result["n_cases"] == 24
