"""Staff accounts and divisions, managed by the operator."""

from __future__ import annotations

from sqlalchemy import func, select

from desk.extensions import db
from desk.models import Division, Role, User


class PeopleError(Exception):
    """A change the rules do not allow; the message is for the user."""


class WrongPassword(PeopleError):
    """The current password given was not the account's (counted like a failed sign-in)."""


def save_user(
    user: User | None,
    *,
    username: str,
    display_name: str,
    role: str,
    division_id: int | None,
    password: str | None,
    active: bool,
) -> User:
    """Create a user (user=None) or update one; division members must belong to a division."""
    role = Role(role)
    if role in (Role.STAFF, Role.HEAD) and not division_id:
        raise PeopleError("经办人和处室负责人必须选择所在处室")
    if role == Role.OFFICE and division_id:
        office = db.session.get(Division, division_id)
        if office is None:
            raise PeopleError("处室不存在")
    clash = db.session.scalar(
        select(User).where(
            func.lower(User.username) == username.lower(), User.id != (user.id if user else -1)
        )
    )
    if clash:
        raise PeopleError("用户名已被使用")
    if user is None:
        if not password:
            raise PeopleError("新建用户须设置密码")
        user = User(username=username)
        db.session.add(user)
    before = (user.role, user.division_id, user.active)
    user.username = username
    user.display_name = display_name
    user.role = role
    user.division_id = division_id if role in (Role.STAFF, Role.HEAD, Role.OFFICE) else None
    user.active = active
    if password:
        user.set_password(password)
    if user.id is not None and (password or before != (user.role, user.division_id, user.active)):
        user.end_sessions()  # what the account may do changed: it signs in again
    db.session.flush()
    return user


def change_own_password(user: User, current: str, new: str) -> None:
    """The user's own password change; every session of the account ends (the caller keeps this one)."""
    if not user.check_password(current):
        raise WrongPassword("当前密码不正确")
    if current == new:
        raise PeopleError("新密码不能与当前密码相同")
    user.set_password(new)
    user.end_sessions()
    db.session.flush()


def add_division(name: str) -> Division:
    """Add a division at the end of the list."""
    name = name.strip()
    if db.session.scalar(select(Division).where(Division.name == name)):
        raise PeopleError("已有同名处室")
    last = db.session.scalar(select(func.max(Division.sort_order))) or 0
    division = Division(name=name, sort_order=last + 10)
    db.session.add(division)
    db.session.flush()
    return division


def set_division_active(division: Division, active: bool) -> None:
    """Enable or disable a division; a disabled one gets no new cases."""
    division.active = active
    db.session.flush()
