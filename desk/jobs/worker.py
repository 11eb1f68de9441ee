"""RQ workers that run every job inside the desk's app context."""

from __future__ import annotations

from flask import Flask
from rq import SimpleWorker, Worker
from rq.job import Job
from rq.queue import Queue

from desk.extensions import db


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
