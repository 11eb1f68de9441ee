"""The one list of periodic jobs, and the scheduler that enqueues each once per slot.

Any number of schedulers may run: each slot of each job is claimed with Redis SET NX, so only one
of them enqueues it. Without Redis the scheduler runs the jobs itself, in-process.
"""

from __future__ import annotations

import logging
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask import Flask
from redis.exceptions import RedisError

from desk.background import job_queue, redis_connection, run_inline
from desk.jobs import maintenance, reports, routing
from desk.timeutil import bureau_tz, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    """A job run every `every`, or once a day at local time `daily_at`."""

    name: str
    func: Callable[[], object]
    every: timedelta | None = None
    daily_at: time | None = None

    def slot(self, now: datetime) -> str | None:
        """The current slot's id; None while a daily job's hour has not come yet today."""
        if self.every is not None:
            return str(int(now.timestamp() // self.every.total_seconds()))
        local = now.astimezone(bureau_tz())
        if local.time() < self.daily_at:
            return None
        return local.date().isoformat()


PERIODIC_JOBS: tuple[PeriodicJob, ...] = (
    PeriodicJob("sweep", maintenance.sweep, every=timedelta(minutes=5)),
    PeriodicJob("send_notice_emails", maintenance.send_notice_emails, every=timedelta(minutes=2)),
    PeriodicJob("retrain_router", routing.retrain_router, daily_at=time(2, 0)),
    PeriodicJob("warm_reports", reports.warm_reports, every=timedelta(minutes=1)),
)


class Scheduler:
    """Enqueue (or, without Redis, run) every periodic job whose slot has come."""

    def __init__(self, app: Flask, jobs: tuple[PeriodicJob, ...] = PERIODIC_JOBS) -> None:
        self.app = app
        self.jobs = jobs
        self._ran: dict[str, str] = {}  # without Redis: the last slot run in this process

    def tick(self, now: datetime | None = None) -> list[str]:
        """Start the jobs that are due now; returns their names."""
        now = now or utcnow()
        started = []
        for job in self.jobs:
            slot = job.slot(now)
            if slot is None or not self._claim(job, slot):
                continue
            started.append(job.name)
            queue = job_queue(self.app)
            if queue is None:
                run_inline(self.app, job.func, ())
                continue
            try:
                queue.enqueue(job.func, job_timeout=600)
            except RedisError:
                log.warning("could not enqueue %s", job.name, exc_info=True)
        return started

    def run_forever(self, interval: float = 15.0) -> None:
        """Tick every `interval` seconds until interrupted."""
        while True:
            try:
                self.tick()
            except Exception:
                log.exception("scheduler tick failed")
            clock.sleep(interval)

    def _claim(self, job: PeriodicJob, slot: str) -> bool:
        conn = redis_connection(self.app)
        if conn is None:
            if self._ran.get(job.name) == slot:
                return False
            self._ran[job.name] = slot
            return True
        ttl = int(job.every.total_seconds() * 2) if job.every else 2 * 86400
        try:
            return bool(conn.set(f"desk:periodic:{job.name}:{slot}", "1", nx=True, ex=ttl))
        except RedisError:
            log.warning("Redis unavailable: %s not scheduled this time", job.name)
            return False
