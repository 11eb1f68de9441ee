"""Readable case numbers per kind and day, e.g. ZX20261121-0007."""

from __future__ import annotations

import threading
from collections import deque
from datetime import date

from sqlalchemy import Engine, insert, update
from sqlalchemy.exc import IntegrityError

from desk.cases.kinds import kind_spec
from desk.extensions import db
from desk.models import CaseSequence


def next_case_number(kind: str, received_on: date) -> str:
    """Hand out the next number of the day for a kind; safe under concurrent intake."""
    key = f"{kind_spec(kind).prefix}{received_on:%Y%m%d}"
    for _ in range(3):
        last = db.session.execute(
            update(CaseSequence)
            .where(CaseSequence.key == key)
            .values(last=CaseSequence.last + 1)
            .returning(CaseSequence.last)
        ).scalar_one_or_none()
        if last is not None:
            return f"{key}-{last:04d}"
        try:
            with db.session.begin_nested():
                db.session.add(CaseSequence(key=key, last=1))
            return f"{key}-0001"
        except IntegrityError:
            continue  # another request created the day's row first; take the next number
    raise RuntimeError(f"could not allocate a case number for {key}")


class _Blocks:
    """Case numbers this process has reserved but not handed out yet, per database, prefix and day.

    Keyed by the database too: a process that talks to two databases (tests, a migration script)
    must never hand out in one a number reserved in the other's counter.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.free: dict[tuple[str, str], deque[int]] = {}


_blocks = _Blocks()


def reserve_case_number(kind: str, received_on: date, block: int) -> str:
    """A case number for high-volume intake (webhooks), from a block this process reserved.

    `next_case_number` keeps the day's counter row locked until the request commits, which limits
    intake to one commit at a time. Here each process reserves `block` numbers at once in a short
    transaction of its own, so webhooks commit in parallel. Numbers still never repeat; the price is
    that they are not strictly in arrival order across processes, and a block left over at the end
    of a day or of a process leaves a gap. SQLite (one writer anyway) and tests inside an outer
    transaction take the day's next number in the request's own transaction.
    """
    bind = db.session.get_bind()
    if block <= 1 or not isinstance(bind, Engine) or bind.dialect.name != "postgresql":
        return next_case_number(kind, received_on)
    key = f"{kind_spec(kind).prefix}{received_on:%Y%m%d}"
    slot = (_database(bind), key)
    with _blocks.lock:
        free = _blocks.free.get(slot)
        if free is None:
            # Drop the blocks of other days.
            _blocks.free = {k: v for k, v in _blocks.free.items() if k[1][2:] == key[2:]}
            free = _blocks.free[slot] = deque()
        if not free:
            free.extend(_reserve(bind, key, block))
        number = free.popleft()
    return f"{key}-{number:04d}"


def give_back_case_number(number: str) -> None:
    """Return an unused number from `reserve_case_number` (the push was a duplicate after all)."""
    key, _, counter = number.rpartition("-")
    with _blocks.lock:
        free = _blocks.free.get((_database(db.session.get_bind()), key))
        if free is not None:
            free.appendleft(int(counter))


def forget_reserved_numbers() -> None:
    """Drop this process's reserved blocks (after the database's counters were reset or restored)."""
    with _blocks.lock:
        _blocks.free.clear()


def _database(bind) -> str:
    engine = bind if isinstance(bind, Engine) else bind.engine
    return engine.url.render_as_string(hide_password=True)


def _reserve(engine: Engine, key: str, block: int) -> range:
    for _ in range(3):
        with engine.begin() as conn:
            last = conn.execute(
                update(CaseSequence)
                .where(CaseSequence.key == key)
                .values(last=CaseSequence.last + block)
                .returning(CaseSequence.last)
            ).scalar_one_or_none()
            if last is not None:
                return range(last - block + 1, last + 1)
        try:
            with engine.begin() as conn:
                conn.execute(insert(CaseSequence).values(key=key, last=block))
            return range(1, block + 1)
        except IntegrityError:
            continue  # another process created the day's row first
    raise RuntimeError(f"could not reserve case numbers for {key}")
