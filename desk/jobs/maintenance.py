"""Jobs that keep the desk's obligations moving: the sweep, notice e-mails, old counters."""

from __future__ import annotations

from dataclasses import asdict

from flask import current_app

from desk.background import enqueue_after_commit
from desk.extensions import db


def sweep() -> dict:
    """Run the deadline sweep and commit; then catch up on channel messages and deliveries."""
    from desk.jobs.channels import catch_up_channels
    from desk.supervision.sweep import sweep_deadlines

    result = sweep_deadlines()
    if current_app.config.get("MAIL_SERVER") and (
        result.supervision_notices or result.due_soon_notices or result.milestone_alerts
    ):
        enqueue_after_commit(send_notice_emails)
    db.session.commit()
    return asdict(result) | catch_up_channels()


def send_notice_emails() -> int:
    """E-mail the notices not sent yet (idempotent: each is marked sent with its sending)."""
    from desk.supervision.notices import email_pending_notices

    total = 0
    while sent := email_pending_notices():
        db.session.commit()
        total += sent
    db.session.commit()
    return total
