"""Who may open a page: anything not theirs looks like it does not exist."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from desk.models import Role


def roles_required(*roles: Role):
    """Only signed-in users with one of these roles; others get 404."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(404)
            return view(*args, **kwargs)

        return wrapped

    return decorator


STAFF_ROLES = (Role.STAFF, Role.HEAD, Role.OFFICE, Role.COUNSEL)
DIVISION_ROLES = (Role.STAFF, Role.HEAD)
