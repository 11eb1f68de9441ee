"""Intake under pressure: simultaneous letters, a form posted twice at once, a failed commit."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

from sqlalchemy import func, select

from desk.extensions import db as _db
from desk.models import Attachment, Case
from desk.web.public import routes as public_routes
from tests.conftest import HIDDEN_RE
from tests.files import pdf_bytes

LETTER = {
    "citizen_name": "郑伟",
    "phone": "13900001111",
    "subject": "民间融资登记咨询",
    "content": "请问民间融资登记服务中心办理借贷登记需要哪些材料？",
}


def test_simultaneous_letters_all_arrive_with_distinct_numbers(file_app):
    """The embedded SQLite default: many citizens at once, every letter stored, no 500."""
    app = file_app("race")
    clients = [app.test_client() for _ in range(8)]
    forms = []
    for client in clients:
        page = client.get("/write/consultation").get_data(as_text=True)
        forms.append(dict(HIDDEN_RE.findall(page)))
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []

    def submit(client, hidden):
        barrier.wait()
        statuses.append(client.post("/write/consultation", data={**LETTER, **hidden}).status_code)

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(clients, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(clients)
    with app.app_context():
        numbers = _db.session.scalars(select(Case.number)).all()
        assert len(numbers) == len(set(numbers)) == len(clients)


def test_a_form_posted_twice_at_once_makes_one_case_and_no_error(app, browser, db, monkeypatch):
    """The second post finds no earlier case yet, then meets the first one's unique key on insert."""
    hidden = browser.hidden_fields("/write/complaint")
    data = {**LETTER, **hidden}
    assert browser.client.post("/write/complaint", data=data).status_code == 302
    browser.get("/write/done")
    lookups = iter([None])  # the race: the first check misses the earlier case, later ones see it
    original = public_routes.case_by_intake_key
    monkeypatch.setattr(public_routes, "case_by_intake_key", lambda key: next(lookups, None) or original(key))
    uploads = Path(app.config["UPLOAD_FOLDER"])
    before = set(uploads.iterdir())
    data["attachments"] = (io.BytesIO(pdf_bytes()), "证据.pdf")
    response = browser.client.post("/write/complaint", data=data, content_type="multipart/form-data")
    assert response.status_code == 409
    assert re.search(r"TS\d{8}-\d{4}", response.get_data(as_text=True))
    assert db.session.scalar(select(func.count()).select_from(Case)) == 1
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert set(uploads.iterdir()) == before  # the rolled-back letter left no file behind
