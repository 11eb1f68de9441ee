"""Channel jobs: turn an inbox row into a case, send a reply back; both idempotent."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from desk.extensions import db
from desk.timeutil import utcnow

log = logging.getLogger(__name__)


def process_inbound_message(inbound_id: int) -> int | None:
    """Make or extend the case of one inbox row (nothing if it was processed already)."""
    from sqlalchemy.exc import IntegrityError

    from desk.channels.intake import process_inbound

    try:
        case_id = process_inbound(inbound_id)
        db.session.commit()
    except IntegrityError:
        # Two pieces of one conversation raced to open the same case: the other one won; join it.
        db.session.rollback()
        case_id = process_inbound(inbound_id)
        db.session.commit()
    return case_id


def deliver_reply(delivery_id: int) -> str | None:
    """Try to send one reply back; schedule the next try after a retryable failure."""
    from desk.background import job_queue
    from desk.channels.delivery import attempt_delivery

    delivery = attempt_delivery(delivery_id)
    db.session.commit()
    if delivery is None:
        return None
    if delivery.state == "pending" and delivery.next_attempt_at is not None:
        queue = job_queue()
        if queue is not None:  # else the sweep retries it when it is due
            from contextlib import suppress

            from redis.exceptions import RedisError

            with suppress(RedisError):  # else the sweep retries it when it is due
                queue.enqueue_at(delivery.next_attempt_at, deliver_reply, delivery_id)
    return delivery.state


def catch_up_channels() -> dict:
    """Process inbox rows whose job never ran, retry due deliveries, wipe old passive replies."""
    from desk.channels.delivery import attempt_delivery, due_deliveries
    from desk.channels.intake import wipe_old_reply_texts
    from desk.channels.replay import forget_old_nonces
    from desk.jobs.inbox import rearm_drainer

    rearm_drainer()  # ids a dead drainer left on the feed get a drainer again
    processed = catch_up_inbox()  # and every stale row is processed anyway, whatever the feed holds
    retried = 0
    for delivery_id in due_deliveries():
        attempt_delivery(delivery_id)
        db.session.commit()
        retried += 1
    wiped = wipe_old_reply_texts()
    forget_old_nonces(current_app.config["CHANNEL_MAX_AGE_SECONDS"])
    db.session.commit()
    return {"inbox_processed": processed, "deliveries_retried": retried, "replies_wiped": wiped}


STALE_AFTER = timedelta(minutes=1)
CATCH_UP_BATCH = 500


def catch_up_inbox(older_than: timedelta = STALE_AFTER, batch: int = CATCH_UP_BATCH) -> int:
    """Process every inbox row left unprocessed for `older_than`, in batches until none is left.

    Each row is its own transaction (a drainer may take the same row at the same time: the row
    lock makes one of them do it, the other finds it done). A row that fails is logged and left
    for the next sweep. Returns how many rows this call turned into cases or processed.
    """
    from desk.channels.intake import stale_inbox_ids

    cutoff = utcnow() - older_than
    done, after = 0, 0
    while ids := stale_inbox_ids(cutoff, after=after, limit=batch):
        for inbound_id in ids:
            try:
                if _process_if_pending(inbound_id):
                    done += 1
            except Exception:
                db.session.rollback()
                log.exception("inbox row %s not processed; the next sweep retries it", inbound_id)
        after = ids[-1]
    return done


def _process_if_pending(inbound_id: int) -> bool:
    from desk.models import InboundMessage

    if db.session.scalar(select(InboundMessage.processed_at).where(InboundMessage.id == inbound_id)):
        return False  # a drainer got there first
    process_inbound_message(inbound_id)
    return True
