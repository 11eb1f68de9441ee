"""What the disclosure pages read."""

from __future__ import annotations

from sqlalchemy import func, select

from desk.extensions import db
from desk.models import Case, DisclosureRequest


def request_for_case(case: Case) -> DisclosureRequest | None:
    """The register row of a case (None for other kinds)."""
    return db.session.scalar(select(DisclosureRequest).where(DisclosureRequest.case_id == case.id))


def register_years() -> list[int]:
    """The years the register holds requests for, newest first."""
    years = {
        int(y)
        for y in db.session.scalars(
            select(func.distinct(func.extract("year", DisclosureRequest.received_on)))
        )
        if y is not None
    }
    return sorted(years, reverse=True)
