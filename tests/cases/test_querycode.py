"""Query codes are stored as HMAC-SHA256 under a pepper kept out of the database; older scrypt or
pbkdf2 hashes still open the case and are replaced by the keyed hash on the first good look-up."""

from __future__ import annotations

from werkzeug.security import generate_password_hash

from desk.cases import querycode
from desk.cases.querycode import check_query_code, hash_query_code


def test_a_code_is_stored_as_a_keyed_hash_that_needs_the_pepper(app):
    with app.app_context():
        stored = hash_query_code("ABCD2345")
        assert stored.startswith("hmac-sha256$") and "ABCD2345" not in stored
        assert check_query_code(stored, "abcd 2345")  # typed back in lower case with a space
        assert not check_query_code(stored, "ABCD2346")
        assert hash_query_code("ABCD2345") != stored  # salted: two cases never share a hash
        previous = app.config.get("QUERY_CODE_PEPPER")
        app.config["QUERY_CODE_PEPPER"] = "another-server-side-pepper"
        try:
            assert not check_query_code(stored, "ABCD2345")  # the database alone is not enough
        finally:
            app.config["QUERY_CODE_PEPPER"] = previous


def test_the_default_pepper_is_derived_from_the_secret_key_not_equal_to_it(app):
    with app.app_context():
        assert app.config.get("QUERY_CODE_PEPPER") is None
        pepper = querycode.query_code_pepper()
        assert len(pepper) == 32 and app.config["SECRET_KEY"].encode() not in pepper


def test_an_old_scrypt_hash_opens_the_case_once_and_is_rehashed(browser, db, make_case):
    case = make_case()
    code = case.test_query_code
    case.query_code_hash = generate_password_hash(code, method="scrypt:1024:8:1")
    db.session.commit()
    wrong = browser.post("/track", {"number": case.number, "code": "WXYZ2345"})
    assert wrong.status_code == 404
    assert case.query_code_hash.startswith("scrypt:")  # a failed look-up changes nothing

    page = browser.post("/track", {"number": case.number, "code": code})
    assert page.status_code == 200 and case.number in page.get_data(as_text=True)
    db.session.refresh(case)
    assert case.query_code_hash.startswith("hmac-sha256$")
    again = browser.post("/track", {"number": case.number, "code": code})
    assert again.status_code == 200
