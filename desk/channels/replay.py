"""The replay guard of plain-mode pushes: a signed (timestamp, nonce) pair is used once.

In plain mode the platform's signature covers the token, timestamp and nonce but not the body,
so anyone who saw one signed URL could post any body with it for five minutes. Each pair is
therefore claimed for the message that first used it (Redis SET NX, or a row in
`webhook_nonces` when Redis is absent or down). The platform's retry of that same message may
come with the same pair: it carries the same dedup key, is let through, and gets its first
answer again. Another message with a used pair is refused.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from redis.exceptions import RedisError
from sqlalchemy import delete, select

from desk.channels.inbound import InboundMessage as Push
from desk.channels.inbound import PushRejected
from desk.database import dialect_insert
from desk.extensions import db
from desk.models import WebhookNonce
from desk.timeutil import utcnow

log = logging.getLogger(__name__)

KEY = "desk:hook-nonce:{}"
MAX_NONCE_CHARS = 64


def remember_s(max_age_s: float) -> int:
    """How long a pair must be remembered: its timestamp may sit `max_age_s` either side of now."""
    return int(2 * max_age_s) + 60


def claim_nonce(push: Push, timestamp: str, nonce: str, *, max_age_s: float) -> None:
    """Claim the pair for this message, or raise PushRejected('replay') when another used it."""
    if not nonce or len(nonce) > MAX_NONCE_CHARS or not nonce.isprintable():
        raise PushRejected("replay", "missing or unusable nonce")
    pair = f"{push.channel}:{timestamp}:{nonce}"
    first = _claim_in_redis(pair, push.dedup_key, max_age_s)
    if first is None:
        first = _claim_in_database(pair, push.dedup_key)
    if first != push.dedup_key:
        raise PushRejected("replay", f"pair {pair[:80]} used by another message")


def _claim_in_redis(pair: str, dedup_key: str, max_age_s: float) -> str | None:
    """The dedup key that holds the pair in Redis, or None without Redis (or with Redis down)."""
    from desk.background import redis_connection

    conn = redis_connection()
    if conn is None:
        return None
    key = KEY.format(pair)
    try:
        with conn.pipeline(transaction=False) as pipe:  # one round trip
            pipe.set(key, dedup_key, nx=True, ex=remember_s(max_age_s))
            pipe.get(key)
            _, holder = pipe.execute()
    except RedisError:
        log.warning("Redis unavailable: the nonce of %s is kept in the database", pair[:80])
        return None
    return holder.decode("utf-8") if holder is not None else dedup_key


def _claim_in_database(pair: str, dedup_key: str) -> str:
    """The fallback: a row per pair, inserted with the inbox row in the same transaction."""
    table = WebhookNonce.__table__
    db.session.execute(
        dialect_insert(table)
        .values(key=pair, dedup_key=dedup_key, seen_at=utcnow())
        .on_conflict_do_nothing(index_elements=["key"])
    )
    return db.session.scalar(select(WebhookNonce.dedup_key).where(WebhookNonce.key == pair))


def forget_old_nonces(max_age_s: float) -> int:
    """Delete the fallback rows no signed timestamp can reach any more (no commit)."""
    cutoff = utcnow() - timedelta(seconds=remember_s(max_age_s))
    result = db.session.execute(
        delete(WebhookNonce).where(WebhookNonce.seen_at < cutoff).execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
