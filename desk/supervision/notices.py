"""Notices to staff: write them, count and read them, and e-mail them when SMTP is set up."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import func, select, update

from desk.extensions import db
from desk.models import Case, Notification, Role, User
from desk.timeutil import utcnow

log = logging.getLogger(__name__)


def notify(
    users: Iterable[User],
    kind: str,
    text: str,
    *,
    dedup_key: str,
    case: Case | None = None,
    supervision_id: int | None = None,
) -> list[Notification]:
    """Give each user one notice (once per dedup key); returns the new ones."""
    created = []
    for user in users:
        exists = db.session.scalar(
            select(Notification.id).where(
                Notification.user_id == user.id, Notification.dedup_key == dedup_key
            )
        )
        if exists:
            continue
        notice = Notification(
            user_id=user.id,
            kind=kind,
            case_id=case.id if case else None,
            supervision_id=supervision_id,
            text=text,
            dedup_key=dedup_key,
            created_at=utcnow(),
        )
        db.session.add(notice)
        created.append(notice)
    db.session.flush()
    return created


def office_users() -> list[User]:
    """The active members of the integrated office."""
    return list(db.session.scalars(select(User).where(User.role == Role.OFFICE, User.active.is_(True))))


def division_heads(division_id: int | None) -> list[User]:
    """The active heads of a division (the office when there is none)."""
    if division_id is None:
        return office_users()
    heads = list(
        db.session.scalars(
            select(User).where(User.role == Role.HEAD, User.division_id == division_id, User.active.is_(True))
        )
    )
    return heads or office_users()


def unread_count(user: User) -> int:
    """How many notices the user has not read."""
    return db.session.scalar(
        select(func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def inbox(user: User):
    """The user's notices, newest first (a select to paginate)."""
    return (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )


def mark_read(user: User, notice_id: int | None = None) -> int:
    """Mark one notice (or all of them) as read; only the user's own."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if notice_id is not None:
        stmt = stmt.where(Notification.id == notice_id)
    return db.session.execute(
        stmt.values(read_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount


def email_pending_notices(limit: int = 200) -> int:
    """E-mail notices not yet sent to users with an address; returns how many were sent.

    A notice is marked sent in the same transaction as its sending, row by row, so a crash
    sends at most one notice twice and loses none.
    """
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return 0
    stmt = (
        select(Notification, User.email)
        .join(User, User.id == Notification.user_id)
        .where(Notification.emailed_at.is_(None), User.email.is_not(None), User.email != "")
        .order_by(Notification.id)
        .limit(limit)
    )
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=Notification)
    pending = db.session.execute(stmt).all()
    if not pending:
        return 0
    sent = 0
    with _smtp(config) as smtp:
        for notice, address in pending:
            message = EmailMessage()
            message["From"] = config["MAIL_FROM"]
            message["To"] = address
            message["Subject"] = f"【{config['DESK_BUREAU_NAME']}政民互动平台】{notice.kind_label}"
            message.set_content(f"{notice.text}\n\n请登录政民互动平台查看处理。")
            smtp.send_message(message)
            notice.emailed_at = utcnow()
            sent += 1
    db.session.flush()
    return sent


def _smtp(config) -> smtplib.SMTP:
    smtp = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10)
    if config.get("MAIL_USE_TLS"):
        smtp.starttls()
    if config.get("MAIL_USERNAME"):
        smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
    return smtp
