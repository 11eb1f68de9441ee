"""Against the seeded demo: nothing personal and nothing staff-only ever reaches a public page or API."""

from __future__ import annotations

import json
import re
from itertools import count

import pytest
from sqlalchemy import select

from desk.demo.published import published_specs
from desk.demo.seed import load_demo
from desk.models import Case, EntryStatus, InboundMessage, KnowledgeEntry, LetterState, PublishedLetter

MOBILE = re.compile(r"(?<![\d.])1[3-9]\d{9}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')  # CSRF tokens are random digits and letters
_addresses = count(1)


@pytest.fixture
def demo(db):
    """The demo data, as `make run` loads it."""
    load_demo()
    db.session.commit()
    return db


def _get(client, url: str):
    # Each request from another address: the suggestion API allows 30 a minute per address.
    return client.get(
        url, environ_base={"REMOTE_ADDR": f"10.9.{next(_addresses) // 250}.{next(_addresses) % 250}"}
    )


def _public_pages(client, db) -> dict[str, str]:
    """Every public page and API answer reachable from the demo, by URL."""
    urls = [
        "/",
        "/letters",
        "/answers",
        "/answers?sort=asked",
        "/answers?sort=recent",
        "/statistics",
        "/track",
    ]
    urls += ["/write/consultation", "/write/complaint", "/write/mailbox", "/letters?kind=complaint"]
    letters = db.session.scalars(
        select(PublishedLetter).where(PublishedLetter.state == LetterState.PUBLISHED)
    )
    for letter in letters:
        urls.append(f"/letters/{letter.case.number}")
        urls.append(f"/letters?month={letter.received_on:%Y-%m}")
    entries = db.session.scalars(
        select(KnowledgeEntry).where(
            KnowledgeEntry.status == EntryStatus.PUBLISHED, KnowledgeEntry.public.is_(True)
        )
    )
    for entry in entries:
        urls.append(f"/answers/{entry.id}")
        urls.append(f"/answers?topic={entry.topic}")
    for case in db.session.scalars(select(Case)):
        urls.append(f"/api/suggest?q={case.subject}")
        urls.append(f"/api/suggest?q={case.content[:200]}")
    for word in ("小额贷款", "担保", "非法集资", "催收"):
        urls.append(f"/letters?q={word}")
    pages = {}
    for url in dict.fromkeys(urls):
        response = _get(client, url)
        assert response.status_code in (200, 302), url
        pages[url] = HIDDEN.sub("", response.get_data(as_text=True))
    for page in range(2, 5):
        pages[f"/letters?page={page}"] = _get(client, f"/letters?page={page}").get_data(as_text=True)
    return pages


def test_the_demo_publishes_real_letters_with_dates(demo, client):
    listing = client.get("/letters").get_data(as_text=True)
    published = demo.session.scalars(
        select(PublishedLetter).where(PublishedLetter.state == LetterState.PUBLISHED)
    ).all()
    assert len(published) >= 15
    assert len(published_specs()) >= 30
    assert listing.count("<li>\n    <article>") >= 10
    for letter in published:
        page = client.get(f"/letters/{letter.case.number}").get_data(as_text=True)
        assert "受理日期" in page and f"{letter.received_on:%Y-%m-%d}" in page
        assert "答复日期" in page and f"{letter.replied_on:%Y-%m-%d}" in page


def test_no_personal_or_staff_only_text_on_any_public_page(demo, client):
    db = demo
    pages = _public_pages(client, db)
    secrets: set[str] = set()
    for case in db.session.scalars(select(Case)):
        secrets |= {v for v in (case.citizen_name, case.phone, case.email) if v and len(v) >= 2}
    secrets |= set(db.session.scalars(select(InboundMessage.sender)))
    for spec in published_specs():
        secrets |= set(spec["third_party"])  # third parties' names, phones, addresses in the letters
    staff_only = set()
    for letter in db.session.scalars(select(PublishedLetter)):
        staff_only |= {t for t in (letter.refusal_reason, letter.proposal_note, letter.unpublish_reason) if t}
    internal = db.session.scalars(
        select(KnowledgeEntry.question).where(KnowledgeEntry.public.is_(False))
    ).all()
    staff_only |= set(internal)  # internal answers (内部口径) are for staff only
    not_consented = db.session.scalars(select(Case).where(Case.consent_publish.is_(False))).all()
    assert secrets and staff_only and internal and not_consented

    for url, page in pages.items():
        leaked = sorted(s for s in secrets | staff_only if s in page)
        assert not leaked, f"{url} shows {leaked}"
        assert not MOBILE.search(page), f"{url} shows a mobile number {MOBILE.search(page).group(0)}"
        assert not ID_NUMBER.search(page), f"{url} shows an ID number"
        if url.startswith("/api/"):
            for hit in json.loads(page)["results"]:
                assert hit["url"].startswith("/answers/")
    listings = "".join(page for url, page in pages.items() if url.startswith("/letters"))
    for case in not_consented:
        assert case.number not in listings, f"{case.number} is listed without consent"
        assert client.get(f"/letters/{case.number}").status_code == 404
