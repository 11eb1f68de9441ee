"""The citizen's look-up by case number and query code, throttled against guessing."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from desk.cases.queries import case_by_number
from desk.cases.querycode import check_query_code, hash_query_code, needs_rehash
from desk.models import Case
from desk.throttle import clear_failures, is_throttled, record_failure

SCOPE = "track"


@dataclass(frozen=True)
class Lookup:
    """What a look-up found: the case, or nothing, or a refusal because of too many failures."""

    case: Case | None = None
    throttled: bool = False


def look_up_case(number: str, code: str, address: str) -> Lookup:
    """Find the case if the code matches; count failures per address, per case and address, per case.

    Unknown numbers and wrong codes fail alike. The per-case limit is much higher than the
    per-address ones, so one guesser cannot lock a citizen out of the case.
    """
    cfg = current_app.config
    limit = cfg["TRACK_MAX_FAILURES"]
    number = number.strip().upper()
    keys = {
        f"ip:{address}": limit * 3,
        f"case-ip:{number}:{address}": limit,
        f"case:{number}": limit * 10,
    }
    if is_throttled(SCOPE, keys, cfg["TRACK_WINDOW_SECONDS"]):
        return Lookup(throttled=True)
    case = case_by_number(number)
    if not check_query_code(case.query_code_hash if case else None, code):
        record_failure(SCOPE, *keys)
        return Lookup()
    if needs_rehash(case.query_code_hash):  # a scrypt/pbkdf2 hash from before: keyed from now on
        case.query_code_hash = hash_query_code(code)
    clear_failures(SCOPE, f"case-ip:{number}:{address}")
    return Lookup(case=case)
