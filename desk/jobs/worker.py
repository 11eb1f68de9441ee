"""RQ workers that run every job inside the desk's app context, and come back after Redis outages."""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from contextlib import contextmanager

from flask import Flask
from redis.exceptions import RedisError
from rq import SimpleWorker, Worker
from rq.job import Job
from rq.queue import Queue

from desk.extensions import db

log = logging.getLogger(__name__)


class _AppContextMixin:
    """Give each job an app context (and so a database session), removed when it ends."""

    app: Flask | None = None

    def _desk_app(self) -> Flask:
        if self.app is None:
            # Started as `rq worker --worker-class desk.jobs.worker.DeskWorker`: build the app once.
            from desk import create_app

            type(self).app = create_app()
        return self.app

    def perform_job(self, job: Job, queue: Queue) -> bool:
        with self._desk_app().app_context():
            return super().perform_job(job, queue)


class DeskWorker(_AppContextMixin, Worker):
    """The production worker: each job runs in a forked work horse."""

    def main_work_horse(self, job: Job, queue: Queue):
        # A forked child must not share the parent's pooled database connections.
        with self._desk_app().app_context():
            db.engine.dispose(close=False)
        return super().main_work_horse(job, queue)


class DeskSimpleWorker(_AppContextMixin, SimpleWorker):
    """A worker without fork, for tests and `desk worker --burst`."""


# Back-off between attempts to bring a worker back after Redis went away (seconds).
BACKOFF_FIRST_S = 0.5
BACKOFF_MAX_S = 30.0
# A worker that ran this long before it stopped starts again with the first back-off.
HEALTHY_RUN_S = 60.0


def run_worker(
    app: Flask,
    queue_names: list[str],
    *,
    burst: bool = False,
    with_scheduler: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Run an RQ worker, and start a fresh one with growing back-off whenever Redis takes it down.

    RQ's own loop retries only a failed dequeue; a lost connection anywhere else (heartbeat,
    registration, maintenance, a job's bookkeeping) makes it log "unhandled exception, quitting"
    and return. Here the worker stops only when asked to (SIGTERM/SIGINT), or in burst mode once
    Redis answers and the queues are empty. A job interrupted by the outage is not lost: the rows
    it was working on are still unprocessed in the database and the sweep catches them up.
    """
    from desk.background import redis_connection

    worker_class = DeskSimpleWorker if burst else DeskWorker
    worker_class.app = app
    delay = BACKOFF_FIRST_S
    while True:
        began, worker = time.monotonic(), None
        try:
            worker = worker_class(queue_names, connection=redis_connection(app))
            worker.work(burst=burst, with_scheduler=with_scheduler)
        except RedisError as error:  # raised outside RQ's loop: naming, registering the worker
            log.warning("worker could not start: %s", error)
        if getattr(worker, "_stop_requested", False):
            return
        if burst and _queues_empty(app, queue_names):
            return
        if time.monotonic() - began > HEALTHY_RUN_S:
            delay = BACKOFF_FIRST_S
        log.warning("worker stopped without being asked (Redis?); starting again in %.1f s", delay)
        with _default_stop_signals():
            sleep(delay)
        delay = min(delay * 2, BACKOFF_MAX_S)


def _queues_empty(app: Flask, queue_names: list[str]) -> bool:
    """True when Redis answers and no job waits on the queues (a burst worker's end)."""
    from desk.background import redis_connection

    conn = redis_connection(app)
    try:
        return all(Queue(name, connection=conn).count == 0 for name in queue_names)
    except RedisError:
        return False


@contextmanager
def _default_stop_signals():
    """While waiting between workers, SIGTERM and SIGINT stop the process at once."""
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
