"""A short-lived memo of report figures: each dashboard is counted at most once a minute.

At a million cases the figures take a second or more to count; a bureau's dashboard does not need
them fresher than a minute, and the page says when they were counted. `REPORTS_CACHE_SECONDS`
sets the lifetime (60 by default, 0 under TESTING unless set): 0 counts on every request.

With Redis the counted figures are shared by every process, and the periodic `warm_reports` job
counts the default dashboard ahead of time, so nobody waits for the count.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from typing import TypeVar

from flask import current_app
from redis.exceptions import RedisError

from desk.timeutil import utcnow

T = TypeVar("T")
DEFAULT_SECONDS = 60
_MAX_ENTRIES = 256
_lock = threading.Lock()
_store: dict[tuple, tuple[float, object, datetime]] = {}


def cache_seconds() -> int:
    """How long counted figures are reused in this process."""
    default = 0 if current_app.testing else DEFAULT_SECONDS
    return int(current_app.config.get("REPORTS_CACHE_SECONDS", default))


def cached(key: tuple, compute: Callable[[], T]) -> tuple[T, datetime]:
    """The value computed for `key` less than `cache_seconds()` ago, else a fresh one; and when."""
    seconds = cache_seconds()
    if seconds <= 0:
        return compute(), utcnow()
    key = (current_app.config["SQLALCHEMY_DATABASE_URI"], *key)
    now = time.monotonic()
    with _lock:
        hit = _store.get(key)
    if hit is not None and now - hit[0] < seconds:
        return hit[1], hit[2]
    shared = _shared_get(key, seconds)
    if shared is not None:
        value, counted_at = shared
    else:
        value, counted_at = compute(), utcnow()
        _shared_set(key, value, counted_at, seconds)
    with _lock:
        if len(_store) >= _MAX_ENTRIES:
            _store.clear()
        _store[key] = (now, value, counted_at)
    return value, counted_at


def refresh(key: tuple, compute: Callable[[], T]) -> None:
    """Count now and share the figures with every process (the warm-up job)."""
    seconds = cache_seconds() or DEFAULT_SECONDS
    key = (current_app.config["SQLALCHEMY_DATABASE_URI"], *key)
    _shared_set(key, compute(), utcnow(), seconds)


def _redis_key(key: tuple) -> str:
    return "desk:report:" + hashlib.sha1(repr(key).encode()).hexdigest()


def _shared_get(key: tuple, seconds: int):
    from desk.background import redis_connection

    conn = redis_connection()
    if conn is None:
        return None
    try:
        raw = conn.get(_redis_key(key))
    except RedisError:
        return None
    if raw is None:
        return None
    value, counted_at = pickle.loads(raw)  # written by this application only
    if (utcnow() - counted_at).total_seconds() >= seconds:
        return None
    return value, counted_at


def _shared_set(key: tuple, value, counted_at: datetime, seconds: int) -> None:
    from desk.background import redis_connection

    conn = redis_connection()
    if conn is None:
        return
    with suppress(RedisError):
        conn.set(_redis_key(key), pickle.dumps((value, counted_at)), ex=seconds * 5)


def clear() -> None:
    """Forget every memo (tests)."""
    with _lock:
        _store.clear()
