"""Reading staff accounts and divisions for the operator's pages."""

from __future__ import annotations

from sqlalchemy import select

from desk.extensions import db
from desk.models import Division, User


def all_users() -> list[User]:
    """Every staff account, by division, role and name."""
    return list(db.session.scalars(select(User).order_by(User.division_id, User.role, User.username)))


def user_by_id(user_id: int) -> User | None:
    """One account (None when there is none)."""
    return db.session.get(User, user_id)


def all_divisions() -> list[Division]:
    """Every division in display order."""
    return list(db.session.scalars(select(Division).order_by(Division.sort_order, Division.id)))


def active_divisions() -> list[Division]:
    """The divisions in use, in display order."""
    return [d for d in all_divisions() if d.active]


def division_by_id(division_id: int) -> Division | None:
    """One division (None when there is none)."""
    return db.session.get(Division, division_id)


def user_by_username(username: str) -> User | None:
    """The account signing in with this username (None when there is none)."""
    return db.session.scalar(select(User).where(User.username == username))
