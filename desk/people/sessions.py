"""Staff sessions the server can end: a generation stamp checked on each request, idle and total limits.

The session cookie carries the account's `session_generation` from sign-in; sign-out, a password
change, deactivation and a role or division change bump it on the account, so a copied cookie
(or the same account signed in elsewhere) stops working at once.
"""

from __future__ import annotations

from flask import current_app, session
from flask_login import login_user, logout_user

from desk.extensions import db
from desk.models import User
from desk.timeutil import utcnow

STAMP = "desk_session"  # {"gen": generation, "at": signed in, "seen": last request} (epoch seconds)


def sign_in(user: User) -> None:
    """The one way to sign a user in: Flask-Login plus the stamps checked on each request."""
    session.clear()  # nothing from before sign-in (a fixated session) carries over
    login_user(user)
    now = _now()
    session[STAMP] = {"gen": user.session_generation or 0, "at": now, "seen": now}


def sign_out(user: User | None) -> None:
    """Sign out here and end every other session of the account (the caller commits)."""
    if user is not None:
        user.end_sessions()
        db.session.flush()
    logout_user()
    session.clear()


def keep_current_session(user: User) -> None:
    """After a change that ended the account's sessions (own password), this browser goes on."""
    stamp = session.get(STAMP)
    if isinstance(stamp, dict):
        session[STAMP] = {**stamp, "gen": user.session_generation}


def load_session_user(user_id: str) -> User | None:
    """Flask-Login's user loader: the account, if this session's generation is still its own."""
    if not user_id.isdigit() or len(user_id) > 18:
        return None
    user = db.session.get(User, int(user_id))
    stamp = session.get(STAMP)
    if user is None or not isinstance(stamp, dict) or stamp.get("gen") != (user.session_generation or 0):
        return None
    return user


def session_expired() -> bool:
    """Check a signed-in session's idle and total age on a request; end it (True) when too old."""
    if "_user_id" not in session:
        return False
    stamp = session.get(STAMP)
    now = _now()
    cfg = current_app.config
    if (
        not isinstance(stamp, dict)
        or not isinstance(stamp.get("at"), int)
        or not isinstance(stamp.get("seen"), int)
        or now - stamp["seen"] > cfg["SESSION_IDLE_MINUTES"] * 60
        or now - stamp["at"] > cfg["SESSION_MAX_HOURS"] * 3600
    ):
        logout_user()
        session.clear()
        return True
    if now - stamp["seen"] >= 30:  # not every request: the cookie changes only when it matters
        session[STAMP] = {**stamp, "seen": now}
    return False


def _now() -> int:
    return int(utcnow().timestamp())
