"""Bad input never reaches a 5xx: control characters, lone surrogates, invalid UTF-8, 1 MB fields and
overflowing numbers, dates and ids in forms, query strings and JSON get a Chinese 4xx, and nothing is
written. Explicit cases first, then Hypothesis over the public and staff forms."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.extensions import limiter
from desk.models import Case, Role
from tests.web.test_public import GOOD, count_cases

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def urlencoded(fields: dict[str, str]) -> str:
    """A form body as a client may send it: lone surrogates go out as the (invalid) bytes they encode to."""
    return "&".join(f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'))}" for k, v in fields.items())


def post_form(browser, url: str, fields: dict[str, str], token_from: str | None = None):
    hidden = browser.hidden_fields(token_from or url)
    return browser.client.post(
        url, data=urlencoded({**hidden, **fields}), content_type="application/x-www-form-urlencoded"
    )


def write(browser, **changes):
    return post_form(browser, "/write/consultation", {**GOOD, **changes})


@pytest.mark.parametrize(
    "value",
    [
        "含有\x00空字符的内容内容内容",
        "退格\x08字符内容内容内容",
        "孤立代理\ud800字符内容内容",
        "\x7f删除字符内容内容内容",
    ],
)
def test_control_characters_and_lone_surrogates_in_a_form_get_400(browser, db, value):
    response = write(browser, content=value)
    assert response.status_code == 400
    assert "内容包含无效字符" in response.get_data(as_text=True)
    assert count_cases(db) == 0


def test_invalid_utf8_percent_encoded_in_a_form_body_gets_400(browser, db):
    fields = browser.hidden_fields("/write/consultation")
    body = "&".join(f"{k}={v}" for k, v in {**fields, "citizen_name": "x", "phone": "13912345678"}.items())
    response = browser.client.post(
        "/write/consultation",
        data=body + "&subject=%E4%BD%A0%FF%FE&content=%C3%28%A0%A1" + "x" * 20,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "内容包含无效字符" in response.get_data(as_text=True)
    assert count_cases(db) == 0


@pytest.mark.parametrize("query", ["number=%FF%FE", "number=ZX%00", "number=%ED%A0%80", "q=%C0%AF"])
def test_invalid_utf8_and_nul_in_a_query_string_get_400(client, query):
    response = client.get(f"/track?{query}")
    assert response.status_code == 400
    assert "内容包含无效字符" in response.get_data(as_text=True)


def test_a_one_megabyte_field_gets_413_and_nothing_is_written(browser, db):
    response = write(browser, content="长" * 1_000_000)
    assert response.status_code == 413
    assert "过" in response.get_data(as_text=True)  # 提交的内容过大 / 过长
    assert count_cases(db) == 0


@pytest.mark.parametrize(
    "path",
    ["/staff/cases/99999999999999999999", "/staff/cases/2147483648", "/staff/cases/1/attachments/9" * 1],
)
def test_overflowing_ids_in_urls_are_not_found(browser, db, login_as, path):
    login_as(Role.OFFICE)
    assert browser.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "received_from=9999-12-31&received_to=9999-12-31",
        "received_from=0001-01-01",
        "received_to=99999-01-01",
        "number=" + "9" * 40,
    ],
)
def test_overflowing_dates_in_the_search_get_a_4xx_or_an_answer(browser, db, login_as, query):
    login_as(Role.OFFICE)
    response = browser.get(f"/office/cases?{query}")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("path", ["/staff/queue", "/office/", "/supervision/", "/inbox", "/knowledge/"])
def test_an_overflowing_page_number_gets_400(browser, db, login_as, path):
    login_as(Role.OFFICE)
    response = browser.get(f"{path}?page={'9' * 30}")
    assert response.status_code == 400
    assert "页码无效" in response.get_data(as_text=True)


@pytest.mark.parametrize("year", ["99999", "-5", "99999999999999999999"])
def test_an_impossible_calendar_year_is_not_found(browser, db, login_as, year):
    login_as(Role.ADMIN)
    assert browser.get(f"/admin/calendar?year={year}").status_code in (400, 404)


@pytest.mark.parametrize(
    "body",
    [
        '{"text": "\\ud800"}',
        '{"id": 99999999999999999999999}',
        '{"created_at": 1e999}',
        '{"text": "a\\u0000b"}',
        "[" * 100 + "]" * 100,
        '{"broken": ',
    ],
)
def test_bad_json_anywhere_gets_400_and_nothing_is_written(client, db, body):
    response = client.post("/hooks/weibo", data=body, content_type="application/json")
    assert 400 <= response.status_code < 500
    assert db.session.scalar(select(func.count()).select_from(Case)) == 0


nasty_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            ["\x00", "\x01", "\x1f", "\x7f", "\ud800", "\udfff", "\ufffd", "\U0001f600", "9" * 30]
        ),
    ),
    max_size=60,
).map("".join)
field_values = st.one_of(
    nasty_text, st.sampled_from(["", "9" * 400, "-1", "1e999", "9999-12-31", "长" * 6000])
)


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(sorted(GOOD)), field_values, max_size=4))
def test_the_public_letter_form_never_answers_5xx(browser, db, changes):
    limiter.reset()  # a run of examples from one address would otherwise meet the letter limit
    before = count_cases(db)
    response = write(browser, **changes)
    assert response.status_code < 500
    if response.status_code != 302:
        assert count_cases(db) == before
    browser.get("/write/done")


@FUZZ
@given(number=field_values, code=field_values)
def test_the_lookup_never_answers_5xx(browser, db, number, code):
    limiter.reset()
    response = post_form(browser, "/track", {"number": number, "code": code})
    assert response.status_code in (400, 404, 413)


@FUZZ
@given(
    args=st.dictionaries(
        st.sampled_from(
            [
                "number",
                "q",
                "state",
                "kind",
                "received_from",
                "received_to",
                "due",
                "division",
                "channel",
                "page",
            ]
        ),
        field_values,
        max_size=5,
    )
)
def test_the_office_search_never_answers_5xx(browser, db, login_as, args):
    if not getattr(browser, "signed_in", False):
        login_as(Role.OFFICE)
        browser.signed_in = True
    response = browser.get("/office/cases?" + urlencoded(args))
    assert response.status_code in (200, 400, 413)


@FUZZ
@given(
    changes=st.dictionaries(
        st.sampled_from(["citizen_name", "phone", "subject", "question", "answer", "kind"]),
        field_values,
        max_size=4,
    )
)
def test_the_staff_phone_call_form_never_answers_5xx(browser, db, login_as, changes):
    if not getattr(browser, "signed_in", False):
        login_as(Role.STAFF)
        browser.signed_in = True
    before = count_cases(db)
    form = {
        "kind": "consultation",
        "citizen_name": "张三",
        "phone": "13912345678",
        "subject": "来电咨询",
        "question": "请问小额贷款利率上限是多少？",
        "answer": "已电话答复。",
        **changes,
    }
    response = post_form(browser, "/staff/phone", form)
    assert response.status_code in (200, 400, 413)
    if response.status_code != 200:
        assert count_cases(db) == before
