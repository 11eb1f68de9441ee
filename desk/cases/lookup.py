"""The citizen's look-up by case number and query code.

Guessing is slowed per address by the /track view's rate limit (Flask-Limiter), never per case: a
guesser cannot lock the case away from the citizen who holds its code.
"""

from __future__ import annotations

from desk.cases.queries import case_by_number
from desk.cases.querycode import check_query_code, hash_query_code, needs_rehash
from desk.models import Case


def look_up_case(number: str, code: str) -> Case | None:
    """The case if the code matches; unknown numbers and wrong codes fail alike (None)."""
    case = case_by_number(number.strip().upper())
    if not check_query_code(case.query_code_hash if case else None, code):
        return None
    if needs_rehash(case.query_code_hash):  # a scrypt/pbkdf2 hash from before: keyed from now on
        case.query_code_hash = hash_query_code(code)
    return case
