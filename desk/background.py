"""Background work: enqueued after the commit, on RQ with Redis, else run inline in a fresh context.

Jobs are plain functions in `desk/jobs/` that take ids; domain packages name them by their dotted
path ("desk.jobs.channels.deliver_reply"), so nothing below the jobs imports them. A job is only
sent once the transaction that made its work necessary has committed, so a worker never looks
for rows that are not there yet, and a rolled-back request sends nothing. Whatever a job must do
can also be found again from the database by the periodic sweep, so a Redis outage delays work
but loses none.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from flask import Flask, current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry
from sqlalchemy import event
from sqlalchemy.orm import Session

from desk.extensions import db

log = logging.getLogger(__name__)

QUEUE_NAME = "desk"
_PENDING = "desk_jobs_after_commit"


Job = Callable[..., Any] | str  # a function, or its dotted path


def enqueue_after_commit(func: Job, *args: Any, retry: Retry | None = None) -> None:
    """Run `func(*args)` in the background once the current transaction commits."""
    call_after_commit(dispatch, func, args, retry)


def call_after_commit(callback: Job, *args: Any) -> None:
    """Call `callback(*args)` (a function or its dotted path) in this app context after the commit.

    For work that decides itself how to reach the background (see `desk.jobs.inbox`); a rollback
    drops it like a job.
    """
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so a rollback of this unit of work also drops the call
    session.info.setdefault(_PENDING, []).append(partial(_call, callback, args))


def _call(callback: Job, args: tuple) -> None:
    resolve(callback)(*args)


def redis_connection(app: Flask | None = None) -> Redis | None:
    """The shared Redis connection, or None when the desk runs without Redis."""
    app = app or current_app
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    state = app.extensions.setdefault("desk_redis", {})
    if state.get("url") != url:
        state["url"], state["conn"] = url, Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
    return state["conn"]


def job_queue(app: Flask | None = None) -> Queue | None:
    """The desk's RQ queue, or None without Redis."""
    conn = redis_connection(app)
    return Queue(QUEUE_NAME, connection=conn) if conn is not None else None


def dispatch(func: Job, args: tuple, retry: Retry | None = None) -> None:
    """Send one job now: to RQ, or run it inline (its own app context, session and commit)."""
    app = current_app._get_current_object()
    queue = job_queue(app)
    if queue is None:
        run_inline(app, func, args)
        return
    try:
        with queue.connection.pipeline() as pipe:  # one round trip to Redis
            queue.enqueue(func, *args, retry=retry, pipeline=pipe)
            pipe.execute()
    except RedisError:
        # The work is recorded in the database; the sweep will find it again.
        log.warning("Redis unavailable: %s%r left for the sweep", _name(func), args, exc_info=True)


def run_inline(app: Flask, func: Job, args: tuple) -> Any:
    """Run a job in this process, in a new app context so it has a session of its own."""
    with app.app_context():
        try:
            return resolve(func)(*args)
        except Exception:
            db.session.rollback()
            log.exception("inline job %s%r failed", _name(func), args)
            return None


def resolve(func: Job) -> Callable[..., Any]:
    """The job function itself, from a function or its dotted path."""
    if callable(func):
        return func
    module, _, name = func.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _name(func: Job) -> str:
    return func if isinstance(func, str) else func.__name__


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    # SQLAlchemy calls this hook when a SAVEPOINT is released too (begin_nested(), as numbering
    # does): the work is not committed yet, so what waits for the commit waits on.
    if session.in_nested_transaction():
        return
    calls = session.info.pop(_PENDING, None)
    if not calls or not has_app_context():
        return
    for call in calls:
        call()


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous_transaction) -> None:
    # The whole unit of work was abandoned, so nothing it asked for is to be done.
    if previous_transaction.parent is None and not previous_transaction.nested:
        session.info.pop(_PENDING, None)
