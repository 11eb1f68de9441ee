"""A light HTTP/1.1 load generator: one thread, non-blocking sockets, epoll.

The benchmark's client shares the 2-core machine with the server it measures, so every
microsecond it spends is taken from the server. Threads around `http.client` cost several times
what this loop does per request: here a request is one `send`, a `recv` or two and a header scan.
Connections are reused when the server keeps them alive and reopened when it closes them.
"""

from __future__ import annotations

import errno
import selectors
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: int = 0
    elapsed: float = 0.0

    def summary(self) -> dict:
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            if not ordered:
                return 0.0
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 2)

        return {
            "accepted": len(ordered),
            "errors": self.errors,
            "rps": round(len(ordered) / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": pct(0.50),
            "p99_ms": pct(0.99),
        }


class _Slot:
    """One connection's state: the request being sent and the response being read."""

    __slots__ = ("buf", "closes", "header_end", "length", "ok", "out", "sock", "started")

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.out = b""
        self.buf = bytearray()
        self.started = 0.0
        self.header_end = -1
        self.length = 0
        self.closes = False
        self.ok = False


def run(
    host: str, port: int, make_request: Callable[[], bytes], *, seconds: float, connections: int
) -> LoadResult:
    """Keep `connections` requests in flight for `seconds`; each request's bytes from `make_request`."""
    result = LoadResult()
    sel = selectors.DefaultSelector()
    stop = time.monotonic() + seconds
    in_flight = 0

    def start(slot: _Slot) -> None:
        nonlocal in_flight
        slot.out = make_request()
        slot.buf.clear()
        slot.header_end, slot.length, slot.closes = -1, 0, False
        slot.started = time.perf_counter()
        if slot.sock is None:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            code = sock.connect_ex((host, port))
            if code not in (0, errno.EINPROGRESS):
                sock.close()
                result.errors += 1
                return
            slot.sock = sock
            sel.register(sock, selectors.EVENT_WRITE, slot)
        else:
            sel.modify(slot.sock, selectors.EVENT_WRITE, slot)
        in_flight += 1

    def drop(slot: _Slot) -> None:
        if slot.sock is not None:
            sel.unregister(slot.sock)
            slot.sock.close()
            slot.sock = None

    def finish(slot: _Slot, ok: bool) -> None:
        nonlocal in_flight
        in_flight -= 1
        if ok:
            result.latencies.append(time.perf_counter() - slot.started)
        else:
            result.errors += 1
        if not ok or slot.closes:
            drop(slot)
        if time.monotonic() < stop:
            start(slot)
        elif slot.sock is not None:
            drop(slot)

    def on_write(slot: _Slot) -> None:
        try:
            sent = slot.sock.send(slot.out)
        except OSError:
            finish(slot, False)
            return
        slot.out = slot.out[sent:]
        if not slot.out:
            sel.modify(slot.sock, selectors.EVENT_READ, slot)

    def on_read(slot: _Slot) -> None:
        try:
            chunk = slot.sock.recv(65536)
        except OSError:
            finish(slot, False)
            return
        if not chunk:
            finish(slot, False)  # closed before a whole response
            return
        slot.buf += chunk
        if slot.header_end < 0:
            end = slot.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            slot.header_end = end + 4
            head = bytes(slot.buf[:end]).lower()
            slot.ok = head.startswith((b"http/1.1 200", b"http/1.0 200"))
            slot.length = _content_length(head)
            slot.closes = not slot.ok or b"connection: close" in head or head.startswith(b"http/1.0")
        if len(slot.buf) >= slot.header_end + slot.length:
            finish(slot, slot.ok)

    began = time.monotonic()
    for _ in range(connections):
        start(_Slot())
    while in_flight:
        for key, _events in sel.select(timeout=1.0):
            slot = key.data
            if slot.out:
                on_write(slot)
            else:
                on_read(slot)
    result.elapsed = time.monotonic() - began
    sel.close()
    return result


def _content_length(head: bytes) -> int:
    at = head.find(b"content-length:")
    if at < 0:
        return 0
    end = head.find(b"\r\n", at)
    return int(head[at + 15 : end if end >= 0 else None])
