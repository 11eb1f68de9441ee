"""Replies the office publishes (人大代表建议, 政协委员提案), de-identified on the way out.

What leaves the staff side passes through the de-identification component: the proposer's name,
contacts and the copy list (抄送) are the case's own personal facts and are masked wherever they
appear; lines that carry a copy list or a contact are dropped; then `deidentify` masks any other
name, phone number or address the text still holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk.cases.kinds import kind_spec
from desk.models import Case
from knowledge_base import deidentify

# Lines of a reply letter that name who gets a copy or whom to call: never published.
_PRIVATE_LINE = re.compile(
    r"^[ \t　]*(抄送|抄报|联系人|联系电话|联系方式|经办人|签发人)[ \t　]*[:：].*$", re.M
)
_SPLIT = re.compile(r"[，,、;；/\s]+")


@dataclass(frozen=True)
class PublishedProposal:
    """What the public page shows of one reply."""

    kind_label: str
    doc_number: str
    session: str
    subject: str
    division: str
    replied_on: str
    mode: str  # "full" or "summary"
    text: str


def private_values(case: Case) -> list[str]:
    """The case's personal facts (proposer, contacts, copy list) and their parts, longest first."""
    spec = kind_spec(case.kind)
    values = set()
    for name in spec.private_details:
        value = str(case.detail(name) or "").strip()
        if value:
            values.add(value)
            values.update(part for part in _SPLIT.split(value) if len(part) >= 2)
    return sorted(values, key=len, reverse=True)


def publishable_text(case: Case, text: str) -> str:
    """`text` without the copy-list and contact lines and with every personal fact masked."""
    text = _PRIVATE_LINE.sub("", text)
    known = private_values(case)
    for value in known:
        text = text.replace(value, "[已隐去]")
    return re.sub(r"\n{3,}", "\n\n", deidentify(text, names=known)).strip()


def published_proposal(case: Case) -> PublishedProposal:
    """One published reply as the public reads it."""
    spec = kind_spec(case.kind)
    mode = case.detail("published_mode") or "full"
    source = (
        case.detail("published_summary") if mode == "summary" else (case.reply.body if case.reply else "")
    )
    return PublishedProposal(
        kind_label=spec.label,
        doc_number=publishable_text(case, str(case.detail("doc_number") or "")),
        session=str(case.detail("session") or ""),
        subject=publishable_text(case, case.subject),
        division=case.division.name if case.division else "",
        replied_on=f"{case.replied_on:%Y-%m-%d}" if case.replied_on else "",
        mode=mode,
        text=publishable_text(case, source or ""),
    )
