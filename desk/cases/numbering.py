"""Readable case numbers per kind and day, e.g. ZX20261121-0007."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from desk.extensions import db
from desk.models import CaseKind, CaseSequence


def next_case_number(kind: CaseKind, received_on: date) -> str:
    """Hand out the next number of the day for a kind; safe under concurrent intake."""
    key = f"{kind.prefix}{received_on:%Y%m%d}"
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
