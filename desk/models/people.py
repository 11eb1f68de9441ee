"""Divisions and the staff who work in them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from desk.extensions import db
from desk.models.types import UTCDateTime
from desk.timeutil import utcnow


def hash_method() -> str:
    """The configured werkzeug hash method (scrypt unless configured)."""
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"


class Role(StrEnum):
    """What a staff account may do (see DESIGN.md, People)."""

    STAFF = "staff"
    HEAD = "head"
    OFFICE = "office"
    COUNSEL = "counsel"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.STAFF: "经办人",
    Role.HEAD: "处室负责人",
    Role.OFFICE: "受理督办（综合处）",
    Role.COUNSEL: "法律顾问",
    Role.ADMIN: "系统管理员",
}


class Division(db.Model):
    """A division (处室) of the bureau that answers cases."""

    __tablename__ = "divisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=100)

    def __repr__(self) -> str:
        return f"<Division {self.name}>"


class User(UserMixin, db.Model):
    """A staff account; citizens have none."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    division_id: Mapped[int | None] = mapped_column(ForeignKey("divisions.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    email: Mapped[str | None] = mapped_column(String(254))  # for notices by e-mail, when SMTP is set
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Put in the session at sign-in; bumping it ends every session signed in before.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    division: Mapped[Division | None] = relationship(lazy="joined")

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def set_password(self, password: str) -> None:
        """Store a salted hash of the password, never the password."""
        self.password_hash = generate_password_hash(password, method=hash_method())

    def check_password(self, password: str) -> bool:
        """True when the password matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def end_sessions(self) -> None:
        """Make every session of this account signed in so far invalid (checked on each request)."""
        self.session_generation = (self.session_generation or 0) + 1

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"
