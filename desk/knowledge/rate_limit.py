"""A small fixed-window rate limit: in Redis when configured (shared by processes), else in memory."""

from __future__ import annotations

import threading

from redis.exceptions import RedisError

from desk.background import redis_connection
from desk.timeutil import utcnow

_local: dict[str, tuple[int, int]] = {}
_lock = threading.Lock()


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one use of `key`; False once it was used `limit` times in the current window."""
    window = int(utcnow().timestamp() // window_seconds)
    conn = redis_connection()
    if conn is not None:
        name = f"desk:rate:{key}:{window}"
        try:
            with conn.pipeline() as pipe:
                count, _ = pipe.incr(name).expire(name, window_seconds).execute()
            return count <= limit
        except RedisError:
            pass  # fall back to this process's own count
    with _lock:
        if len(_local) > 100_000:
            _local.clear()
        seen_window, count = _local.get(key, (window, 0))
        count = count + 1 if seen_window == window else 1
        _local[key] = (window, count)
        return count <= limit
