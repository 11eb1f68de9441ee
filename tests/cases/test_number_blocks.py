"""Case numbers reserved in blocks for webhook intake: never repeated, given back when unused."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import select

from desk.cases.numbering import _blocks, give_back_case_number, next_case_number, reserve_case_number
from desk.extensions import db as _db
from desk.models import CaseSequence

DAY = date(2026, 11, 23)


def test_blocks_never_repeat_a_number_across_threads_and_web_intake(committed):
    _blocks.free.clear()
    numbers: list[str] = []
    lock = threading.Lock()

    def take(n: int) -> None:
        with committed.app_context():
            mine = [reserve_case_number("consultation", DAY, 20) for _ in range(n)]
            _db.session.commit()
        with lock:
            numbers.extend(mine)

    threads = [threading.Thread(target=take, args=(25,)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    web = next_case_number("consultation", DAY)
    _db.session.commit()
    assert len(numbers) == 75 and len(set(numbers)) == 75 and web not in numbers
    assert all(n.startswith("ZX20261123-") for n in numbers)
    last = _db.session.scalar(select(CaseSequence.last).where(CaseSequence.key == "ZX20261123"))
    if _db.engine.dialect.name == "postgresql":
        assert last == 81  # four blocks of 20 reserved, then the web letter's own number
        unused = reserve_case_number("consultation", DAY, 20)
        give_back_case_number(unused)
        assert reserve_case_number("consultation", DAY, 20) == unused
    else:
        assert last == 76  # SQLite takes numbers one at a time in the request's transaction
    _blocks.free.clear()
