"""A short-lived, per-process memo of report figures: each dashboard is counted at most once a minute.

At a million cases the figures take a second or more to count; a bureau's dashboard does not need
them fresher than a minute, and the page says when they were counted. `REPORTS_CACHE_SECONDS`
sets the lifetime (60 by default, 0 under TESTING unless set): 0 counts on every request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from flask import current_app

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
    value, counted_at = compute(), utcnow()
    with _lock:
        if len(_store) >= _MAX_ENTRIES:
            _store.clear()
        _store[key] = (now, value, counted_at)
    return value, counted_at


def clear() -> None:
    """Forget every memo (tests)."""
    with _lock:
        _store.clear()
