"""Query codes: shown to the citizen once, stored only as a keyed hash.

A code is 8 characters from 31 (about 40 bits) and every look-up is throttled, so its strength
comes from its length and the throttle, not from a slow hash. It is stored as HMAC-SHA256 under a
server-side pepper that never enters the database (`QUERY_CODE_PEPPER`; by default a key derived
from SECRET_KEY): a stolen database alone gives nothing to guess against. Hashes written before
(werkzeug's scrypt or pbkdf2) still verify and are replaced on the next successful look-up.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app
from werkzeug.security import check_password_hash

# No 0/O, 1/I/L: codes are read off phone screens and typed back.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8
SCHEME = "hmac-sha256"
# The label under which the default pepper is derived from SECRET_KEY (changing it voids every code).
DERIVED_PEPPER_LABEL = b"desk query-code pepper v1"


def new_query_code() -> str:
    """A fresh random code of 8 characters without look-alikes."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    """What the citizen typed, as the code was issued (upper case, no spaces or dashes)."""
    return "".join(code.split()).replace("-", "").upper()


def query_code_pepper() -> bytes:
    """The HMAC key: `QUERY_CODE_PEPPER` when set, else derived from SECRET_KEY under a fixed label."""
    config = current_app.config
    if config.get("QUERY_CODE_PEPPER"):
        return str(config["QUERY_CODE_PEPPER"]).encode("utf-8")
    secret = config.get("SECRET_KEY")
    if not secret:
        raise RuntimeError("query codes need QUERY_CODE_PEPPER or SECRET_KEY")
    key = secret if isinstance(secret, bytes) else str(secret).encode("utf-8")
    return hmac.new(key, DERIVED_PEPPER_LABEL, hashlib.sha256).digest()


def _digest(salt: str, code: str) -> str:
    message = f"{salt}${normalise(code)}".encode()
    return hmac.new(query_code_pepper(), message, hashlib.sha256).hexdigest()


def hash_query_code(code: str) -> str:
    """The stored form of a code: `hmac-sha256$<salt>$<hex>` (a few microseconds)."""
    salt = secrets.token_hex(8)
    return f"{SCHEME}${salt}${_digest(salt, code)}"


def needs_rehash(stored_hash: str | None) -> bool:
    """True for a hash in an older format (scrypt, pbkdf2), to be replaced after a good look-up."""
    return bool(stored_hash) and not stored_hash.startswith(f"{SCHEME}$")


def check_query_code(stored_hash: str | None, code: str) -> bool:
    """True when the code matches a stored hash of either format."""
    if not stored_hash:
        _digest("0" * 16, code)  # the same work as a real check
        return False
    if stored_hash.startswith(f"{SCHEME}$"):
        parts = stored_hash.split("$")
        if len(parts) != 3:
            return False
        return hmac.compare_digest(parts[2], _digest(parts[1], code))
    return check_password_hash(stored_hash, normalise(code))
