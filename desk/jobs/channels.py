"""Channel jobs: turn an inbox row into a case, send a reply back; both idempotent."""

from __future__ import annotations

from flask import current_app

from desk.extensions import db


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
    from desk.channels.delivery import attempt_delivery
    from desk.jobs.queue import job_queue

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
    from desk.channels.intake import process_stale_inbox, wipe_old_reply_texts
    from desk.channels.replay import forget_old_nonces
    from desk.jobs.inbox import rearm_drainer

    # While ids wait on the feed, drainers will reach their rows; the sweep takes the rest after.
    processed = 0 if rearm_drainer() else process_stale_inbox()
    retried = 0
    for delivery_id in due_deliveries():
        attempt_delivery(delivery_id)
        db.session.commit()
        retried += 1
    wiped = wipe_old_reply_texts()
    forget_old_nonces(current_app.config["CHANNEL_MAX_AGE_SECONDS"])
    db.session.commit()
    return {"inbox_processed": processed, "deliveries_retried": retried, "replies_wiped": wiped}
