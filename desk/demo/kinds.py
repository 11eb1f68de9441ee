"""Demo items of the office's own registers (舆情), replayed through the real services."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import datetime, timedelta

from desk.cases import services
from desk.cases.attachments import CheckedUpload
from desk.cases.groups import comment, create_group, save_answer
from desk.cases.lifecycle import apply
from desk.demo.seed import DIVISIONS
from desk.models import Case, Channel, Division, User
from desk.timeutil import frozen_time, local_date, start_of_day


def demo_kind_specs(data_folder) -> list[dict]:
    """The demo items (written for Desk, every link invented), from the data file."""
    return json.loads((data_folder / "kinds.json").read_text(encoding="utf-8"))


def load_kind_case(spec: dict, now: datetime, divisions: dict[str, Division], users: dict[str, User]) -> Case:
    """Register one demo item as the office would, then the steps its division has taken."""
    if "group" in spec:
        return _load_group(spec, now, divisions, users)
    if "grade" not in spec:  # a suggestion or proposal (舆情 items carry their level)
        return _load_proposal(spec, now, divisions, users)
    office = users["office"]
    division = divisions[spec["division"]]
    code = dict(DIVISIONS)[division.name]
    staff, head = users[f"{code}.staff"], users[f"{code}.head"]
    received_at = now - timedelta(hours=spec["hours_ago"])
    with frozen_time(received_at):
        case = services.register_office_case(
            office,
            kind=spec["kind"],
            subject=spec["subject"],
            content=spec["content"],
            division=division,
            grade=spec["grade"],
            details={"source_url": spec["source_url"], "platform": spec["platform"]},
            attachments=[CheckedUpload("截图.png", "png", "image/png", _screenshot())],
        )
    for step, (milestone, note) in enumerate(spec["met"].items(), start=1):
        with frozen_time(received_at + timedelta(minutes=12 * step)):
            apply(case, "meet_milestone", staff, code=milestone, note=note)
    if spec.get("outcome"):
        outcome, note = spec["outcome"]
        with frozen_time(received_at + timedelta(hours=2)):
            apply(case, "classify_response", staff, outcome=outcome, note=note)
            services.submit_for_signoff(staff, case, spec["reply"])
        with frozen_time(received_at + timedelta(hours=3)):
            services.sign_off(head, case, spec["reply"])
    return case


def _load_proposal(spec: dict, now: datetime, divisions: dict[str, Division], users: dict[str, User]) -> Case:
    """A deputy's suggestion or a member's proposal: assigned, perhaps contacted, replied and published."""
    office = users["office"]
    division = divisions[spec["division"]]
    code = dict(DIVISIONS)[division.name]
    staff, head = users[f"{code}.staff"], users[f"{code}.head"]
    assigned_on = start_of_day(local_date(now) - timedelta(days=spec["days_ago"]))
    with frozen_time(assigned_on + timedelta(hours=9)):
        case = services.register_office_case(
            office,
            kind=spec["kind"],
            subject=spec["subject"],
            content=spec["content"],
            division=division,
            co_divisions=[divisions[name] for name in spec["co_divisions"]],
            details={
                name: spec[name] for name in ("doc_number", "session", "proposer", "contact", "copy_to")
            },
            received_at=assigned_on,
        )
    if spec["contacted"]:
        with frozen_time(assigned_on + timedelta(days=spec["days_ago"] // 2, hours=10)):
            apply(case, "contact_proposer", staff, note=spec["contacted"])
    if spec["reply"]:
        with frozen_time(assigned_on + timedelta(days=spec["days_ago"] - 5, hours=10)):
            services.submit_for_signoff(staff, case, spec["reply"])
            services.sign_off(head, case, spec["reply"])
        if spec["publish"]:
            with frozen_time(assigned_on + timedelta(days=spec["days_ago"] - 4, hours=10)):
                apply(case, "publish_reply", office, mode=spec["publish"])
    return case


def _load_group(spec: dict, now: datetime, divisions: dict[str, Division], users: dict[str, User]) -> Case:
    """Letters on one matter from different channels, linked into a 集中反映 with a draft answer."""
    office = users["office"]
    received_at = now - timedelta(days=spec["days_ago"])
    cases = []
    for offset, letter in enumerate(spec["letters"]):
        with frozen_time(received_at + timedelta(hours=offset)):
            case, _code = services.submit_letter(
                services.Letter(
                    kind=letter["kind"],
                    subject=letter["subject"],
                    content=letter["content"],
                    citizen_name=letter["citizen_name"],
                    phone=letter["phone"],
                ),
                channel=Channel(letter["channel"]),
            )
            services.assign_case(office, case, divisions[letter["division"]])
        cases.append(case)
    with frozen_time(received_at + timedelta(days=1)):
        group = create_group(office, title=spec["group"], division=divisions[spec["division"]], cases=cases)
        code = dict(DIVISIONS)[spec["division"]]
        save_answer(users[f"{code}.staff"], group, spec["answer"])
        comment(users["counsel"], group, "建议写明报案所需材料，并提示投资人警惕“代理维权”二次诈骗。")
    return cases[0]


def _screenshot() -> bytes:
    """A small grey PNG standing in for the screenshot the office would upload."""
    width, height = 240, 120
    raw = b"".join(b"\x00" + b"\xc8\xc8\xc8" * width for _ in range(height))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
