"""Demo 信件选登: past letters with real-looking personal data, most consented, many published.

The letters (desk/demo/data/published.json, written for Desk, every name, number and address
invented) are replayed through the real services like the other demo cases; then the division
proposes the consented ones and the office approves the de-identified preview as it stands,
refuses one, and leaves two waiting for review, so `make run` shows every step. Where the
de-identification missed something (a name that is also a word, 高峰), the spec carries the
reviewer's correction, as the review page lets the office make it.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select

from desk.cases.lifecycle import apply
from desk.demo.seed import DATA, _Clock, _division_code, _load_case
from desk.extensions import db
from desk.knowledge.services import EntryData, save_entry
from desk.models import KnowledgeEntry
from desk.publishing.letters import letter_of
from desk.timeutil import bureau_tz, frozen_time, utcnow


def published_specs() -> list[dict]:
    """The demo's past letters for 信件选登."""
    return json.loads((DATA / "published.json").read_text(encoding="utf-8"))


def load_published(divisions: dict, users: dict, offset: int) -> int:
    """Replay the letters and take the consented ones through review (caller commits); returns the count."""
    now = utcnow()
    office = users["office"]
    specs = published_specs()
    for index, spec in enumerate(specs):
        case = _load_case(spec, offset + index, now, divisions, users)
        if not spec["consent_publish"] or not spec.get("publish"):
            continue
        staff = users[f"{_division_code(spec['division'])}.staff"]
        moments = _Clock(_as_local(case.received_at), now)
        with frozen_time(moments.at(10)):
            apply(case, "propose_publication", staff, note=None)
        if spec["publish"] == "proposed":
            continue
        with frozen_time(moments.at(11)):
            if spec["publish"] == "refused":
                apply(case, "refuse_publication", office, reason="涉及个案纠纷，且已移送公安机关，暂不公开。")
                continue
            record = letter_of(case)
            letter = record.letter
            for seen, corrected in spec["review_edits"].items():  # what the reviewer caught by eye
                letter = letter.replace(seen, corrected)
            apply(case, "approve_publication", office, title=record.title, letter=letter, reply=record.reply)
    _update_an_answer()
    return len(specs)


def _update_an_answer() -> None:
    """The office updates the pawn-shop fees answer: its earlier askers are told after the commit."""
    entry = db.session.scalar(
        select(KnowledgeEntry).where(
            KnowledgeEntry.topic == "典当", KnowledgeEntry.question.contains("综合费用")
        )
    )
    if entry is None:
        return
    data = EntryData(
        question=entry.question,
        answer=entry.answer + "\n（更新）当票上应载明月综合费率和当期；续当时应重新计算综合费用，不得预扣。",
        topic=entry.topic,
        division_id=entry.division_id,
        policy_basis=entry.policy_basis,
        valid_from=entry.valid_from,
        valid_until=entry.valid_until,
        public=entry.public,
    )
    save_entry(None, data, entry)


def _as_local(moment: datetime) -> datetime:
    return moment.astimezone(bureau_tz())
