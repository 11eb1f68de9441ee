"""The whole web flow through a real HTTP server, as a browser without JavaScript would do it."""

from __future__ import annotations

import html
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from werkzeug.serving import make_server

from desk.demo.seed import DEMO_PASSWORD, load_demo
from desk.extensions import db


class Visitor:
    """A cookie-keeping HTTP client that reads CSRF tokens from the page it was given."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode()

    def submit(self, form_page: str, action: str, fields: dict, prefix: str = "") -> tuple[int, str, str]:
        """Fill in a form found on `form_page` and post it; returns (status, final URL, body)."""
        _, page = self.get(form_page)
        hidden = dict(re.findall(r'name="([\w-]+)" type="hidden" value="([^"]*)"', page))
        name = f"{prefix}-csrf_token" if prefix else "csrf_token"
        data = urllib.parse.urlencode({**hidden, name: hidden[name], **fields}).encode()
        try:
            with self.opener.open(self.base + action, data=data) as response:
                return response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, action, error.read().decode()

    def login(self, username: str) -> None:
        status, url, _ = self.submit("/login", "/login", {"username": username, "password": DEMO_PASSWORD})
        assert status == 200 and "/login" not in url


@pytest.fixture
def server(file_app):
    """The desk served over HTTP on a free port, on its own SQLite file with the demo data."""
    app = file_app("http")
    with app.app_context():
        load_demo()
        db.session.commit()
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join()


def test_a_consultation_answered_end_to_end_over_http(server):
    citizen = Visitor(server)
    status, home = citizen.get("/")
    assert status == 200 and "/write/consultation" in home

    status, url, receipt = citizen.submit(
        "/write/consultation",
        "/write/consultation",
        {
            "citizen_name": "周丽",
            "phone": "13600001234",
            "subject": "小额贷款公司设立条件咨询",
            "content": "请问在本市设立小额贷款公司需要满足哪些条件，注册资本最低多少？",
        },
    )
    assert status == 200 and url.endswith("/write/done")
    number = re.search(r"ZX\d{8}-\d{4}", receipt).group(0)
    code = re.search(r'<dd class="code">([A-Z2-9]{8})</dd>', receipt).group(1)

    status, _, tracked = citizen.submit("/track", "/track", {"number": number, "code": code})
    assert status == 200 and "待受理" in tracked and "答复截止日期" in tracked

    office = Visitor(server)
    office.login("office")
    _, found = office.get(f"/office/cases?number={number}")
    case_path = re.search(r'href="(/staff/cases/\d+)"', found).group(1)
    _, case_page = office.get(case_path)
    bank = re.search(r'<option value="(\d+)">银行一处</option>', case_page).group(1)
    status, _, _ = office.submit(
        case_path,
        f"/office/cases/{case_path.rsplit('/', 1)[1]}/assign",
        {"assign-division_id": bank},
        "assign",
    )
    assert status == 200

    staff = Visitor(server)
    staff.login("yh1.staff")
    _, queue = staff.get("/staff/queue")
    assert number in queue
    case_id = case_path.rsplit("/", 1)[1]
    reply = "您好！设立小额贷款公司应符合省级监管部门规定的条件，具体以最新文件为准。"
    status, _, _ = staff.submit(
        case_path, f"/staff/cases/{case_id}/draft", {"body": reply, "submit_review": "提交审签"}
    )
    assert status == 200

    head = Visitor(server)
    head.login("yh1.head")
    status, _, signed = head.submit(case_path, f"/staff/cases/{case_id}/sign-off", {"body": ""})
    assert status == 200 and "已签发" in signed

    status, _, tracked = citizen.submit("/track", "/track", {"number": number, "code": code})
    assert "已答复" in tracked and html.escape(reply) in tracked

    # Another division's staff cannot open the case, over HTTP either.
    outsider = Visitor(server)
    outsider.login("rsc.staff")
    status, _ = outsider.get(case_path)
    assert status == 404
