"""Co-handling divisions (会办处室) of a case, beside the lead division that answers it."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Table

from desk.extensions import db

case_co_divisions = Table(
    "case_co_divisions",
    db.metadata,
    Column("case_id", ForeignKey("cases.id"), primary_key=True),
    Column("division_id", ForeignKey("divisions.id"), primary_key=True, index=True),
)
