"""Query codes: shown to the citizen once, stored only as a hash."""

from __future__ import annotations

import secrets
from functools import cache

from werkzeug.security import check_password_hash, generate_password_hash

from desk.models.people import hash_method

# No 0/O, 1/I/L: codes are read off phone screens and typed back.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_query_code() -> str:
    """A fresh random code of 8 characters without look-alikes."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    """What the citizen typed, as the code was issued (upper case, no spaces or dashes)."""
    return "".join(code.split()).replace("-", "").upper()


def hash_query_code(code: str) -> str:
    """The salted, slow hash of a code, as stored."""
    return generate_password_hash(normalise(code), method=hash_method())


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("NOSUCHCASE", method=method)


def check_query_code(stored_hash: str | None, code: str) -> bool:
    """True when the code matches; takes as long when there is no stored hash."""
    if not stored_hash:
        check_password_hash(_dummy_hash(hash_method()), normalise(code))
        return False
    return check_password_hash(stored_hash, normalise(code))
