"""The inbox feed: webhooks announce committed inbox rows on a Redis list; drainer jobs on RQ
turn them into cases.

One RQ job per message would cost the webhook, the desk's hottest path, about a millisecond of
CPU for the job's hash and bookkeeping. Pushing the row's id onto a list costs what any durable
webhook pays. A drainer job is enqueued only when none holds slot 0 (a Redis key set with NX);
a drainer that finds a backlog arms the next slot, so up to `INBOX_DRAINERS` work in parallel.

The database stays the truth: an id that was never pushed (Redis down) or was popped by a
drainer that died is an unprocessed inbox row, which the sweep processes (`process_stale_inbox`),
and processing a row twice does nothing the second time.
"""

from __future__ import annotations

import logging
import time

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq.timeouts import BaseTimeoutException

from desk.background import job_queue, redis_connection, run_inline
from desk.extensions import db

log = logging.getLogger(__name__)

FEED = "desk:inbox:feed"
SLOT = "desk:inbox:drainer:{}"
SLOT_TTL_S = 60  # a drainer that dies holds its slot at most this long
BATCH = 50
RUN_S = 60.0  # then a drainer hands over to a fresh job, keeping its slot


def announce_inbound(inbound_id: int) -> None:
    """After the commit: make sure the row will be processed (queued, or inline without Redis)."""
    from desk.jobs.channels import process_inbound_message

    app = current_app._get_current_object()
    conn = redis_connection(app)
    if conn is None:
        run_inline(app, process_inbound_message, (inbound_id,))
        return
    try:
        with conn.pipeline(transaction=False) as pipe:  # one round trip
            pipe.rpush(FEED, inbound_id)
            pipe.set(SLOT.format(0), 1, nx=True, ex=SLOT_TTL_S)
            _, armed = pipe.execute()
        if armed:
            job_queue(app).enqueue(drain_inbox, 0)
    except RedisError:
        log.warning("Redis unavailable: inbox row %s left for the sweep", inbound_id, exc_info=True)


def rearm_drainer() -> int | None:
    """For the sweep: start a drainer for ids left on the feed by one that died.

    Returns the feed's length, or None without Redis (or with Redis down), when nothing is queued
    there and the sweep must process unprocessed rows itself.
    """
    conn = redis_connection()
    if conn is None:
        return None
    try:
        backlog = conn.llen(FEED)
        if backlog and conn.set(SLOT.format(0), 1, nx=True, ex=SLOT_TTL_S):
            job_queue().enqueue(drain_inbox, 0)
    except RedisError:
        log.warning("Redis unavailable: the sweep processes the inbox itself", exc_info=True)
        return None
    return backlog


def drain_inbox(slot: int = 0) -> int:
    """RQ job: process announced rows until the feed is empty; returns how many were processed."""
    conn = redis_connection()
    key = SLOT.format(slot)
    began, done = time.monotonic(), 0
    while True:
        ids = conn.lpop(FEED, BATCH)
        if not ids:
            conn.delete(key)
            # A push may have come between the empty pop and the delete, and found the slot taken.
            if conn.llen(FEED) and conn.set(key, 1, nx=True, ex=SLOT_TTL_S):
                continue
            return done
        if len(ids) == BATCH:
            _arm_next(conn, slot)
        for raw in ids:
            done += _process(int(raw))
        conn.expire(key, SLOT_TTL_S)
        if time.monotonic() - began > RUN_S:
            job_queue().enqueue(drain_inbox, slot)  # the slot stays held by the follow-up
            return done


def _arm_next(conn: Redis, slot: int) -> None:
    """A full batch means a backlog: start one more drainer, up to the configured number."""
    following = slot + 1
    if following < current_app.config["INBOX_DRAINERS"] and conn.set(
        SLOT.format(following), 1, nx=True, ex=SLOT_TTL_S
    ):
        job_queue().enqueue(drain_inbox, following)


def _process(inbound_id: int) -> int:
    """One row in its own transaction; a failure is logged and left for the sweep."""
    from desk.jobs.channels import process_inbound_message

    try:
        process_inbound_message(inbound_id)
        return 1
    except BaseTimeoutException:
        raise  # RQ stopping the job: the rest of the batch is left for the sweep
    except Exception:
        db.session.rollback()
        log.exception("inbox row %s not processed; the sweep will retry it", inbound_id)
        return 0
