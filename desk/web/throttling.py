"""Rate limits of the pages anyone can reach (Flask-Limiter): they slow guessing, never lock anyone out.

Each limit is a callable reading the configuration at request time, and counts only what it must:
failed sign-ins per (account, address), failed look-ups per address, accepted letters per address
and per phone number.
"""

from __future__ import annotations

import re

from flask import current_app, g, request
from flask_limiter.util import get_remote_address
from flask_login import current_user

from desk.extensions import limiter


def _setting(name: str):
    return lambda: current_app.config[name]


def _status(*codes: int):
    return lambda response: response.status_code in codes


def _account_and_address() -> str:
    username = (request.form.get("username") or "").strip().lower()[:64]
    return f"{username}|{get_remote_address()}"


def _phone() -> str:
    return re.sub(r"\D", "", request.form.get("phone") or "")[-11:]


# A failed sign-in (401) counts against the account from this address, and a little against the address.
login_limits = [
    limiter.limit(
        _setting("LOGIN_LIMITS"),
        key_func=_account_and_address,
        methods=["POST"],
        deduct_when=_status(401),
        scope="login-account",
    ),
    limiter.limit(
        _setting("LOGIN_ADDRESS_LIMITS"), methods=["POST"], deduct_when=_status(401), scope="login-address"
    ),
]

# A wrong current password on the password change form counts against the signed-in account like a
# failed sign-in: it is the same check, reached from a session someone else may be sitting at.
password_limits = [
    limiter.limit(
        _setting("LOGIN_LIMITS"),
        key_func=lambda: f"user:{current_user.get_id()}",
        methods=["POST"],
        deduct_when=lambda response: bool(g.get("wrong_password")),
        scope="password-account",
    ),
]

# A look-up that found nothing (404) counts against the address only.
track_limits = [
    limiter.limit(_setting("TRACK_LIMITS"), methods=["POST"], deduct_when=_status(404), scope="track"),
]

# An accepted letter (302 to the receipt) counts against the address and the phone number given.
write_limits = [
    limiter.limit(
        _setting("WRITE_ADDRESS_LIMITS"), methods=["POST"], deduct_when=_status(302), scope="write-address"
    ),
    limiter.limit(
        _setting("WRITE_PHONE_LIMITS"),
        key_func=_phone,
        methods=["POST"],
        deduct_when=_status(302),
        exempt_when=lambda: not _phone(),
        scope="write-phone",
    ),
]


def limited(limits):
    """Apply a list of limits to a view."""

    def decorate(view):
        for limit in reversed(limits):
            view = limit(view)
        return view

    return decorate
