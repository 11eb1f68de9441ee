"""Pages that are read (GET) write nothing in their own transaction; what they count is a job."""

from __future__ import annotations

from typing import Any

from desk.background import Job, dispatch
from desk.extensions import db


def count_after_reading(job: Job, *args: Any) -> None:
    """End the page's read-only transaction, then send a counting job (RQ, or inline without Redis)."""
    db.session.rollback()  # nothing to keep; on SQLite this also frees the database for the job
    dispatch(job, args)
