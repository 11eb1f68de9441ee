"""De-identification of citizens' texts before they leave the staff side (published, suggested, exported).

Masks person names (the LAC model plus rules, and the names the citizen gave), addresses below
district level, mobile and landline numbers in any spelling, ID-card numbers (GB 11643 check digit),
bank-card numbers (Luhn), e-mail addresses, WeChat and QQ ids and licence plates. Institutions,
divisions, products, districts, amounts, dates, hotlines and article numbers stay.

``redact(text, known_names=...)`` returns the masked text and what was masked, for a reviewer;
``deidentify(text, names=...)`` returns the text only. The model is loaded on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge_base import ner
from knowledge_base.addresses import address_spans, is_district_or_above
from knowledge_base.person_names import name_spans
from knowledge_base.pii_patterns import is_valid_id_number, luhn_ok, shaped_items

__all__ = [
    "PLACEHOLDERS",
    "Finding",
    "Redaction",
    "deidentify",
    "find_personal_data",
    "is_valid_id_number",
    "luhn_ok",
    "redact",
]

PLACEHOLDERS = {
    "name": "[姓名]",
    "address": "[地址]",
    "mobile": "[手机号]",
    "landline": "[固定电话]",
    "id_card": "[身份证号]",
    "bank_card": "[银行卡号]",
    "email": "[邮箱]",
    "plate": "[车牌号]",
    "wechat": "[微信号]",
    "qq": "[QQ号]",
}
# Where two findings overlap, a shaped item wins over a name or an address, then the longer one.
_PRIORITY = {
    "email": 0,
    "id_card": 1,
    "bank_card": 2,
    "mobile": 3,
    "landline": 4,
    "wechat": 5,
    "qq": 6,
    "plate": 7,
    "name": 8,
    "address": 9,
}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind, where it is (start, end) and the text found."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def placeholder(self) -> str:
        """The text that replaces it."""
        return PLACEHOLDERS[self.kind]

    @property
    def hint(self) -> str:
        """Enough of the original for a reviewer to recognise it, not enough to copy it (张*, 138****78)."""
        text = self.text.strip()
        if len(text) < 7:
            return text[:1] + "*" * max(len(text) - 1, 1)
        return text[:3] + "*" * min(len(text) - 5, 8) + text[-2:]


@dataclass(frozen=True)
class Redaction:
    """A de-identified text and the findings masked in the original, for a reviewer to check."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def replaced(self) -> list[str]:
        """The placeholders used, once each, in a stable order (e.g. for a preview)."""
        return sorted({f.placeholder for f in self.findings})


def find_personal_data(
    text: str, names: Iterable[str] = (), *, known_names: Iterable[str] = (), model: bool = True
) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, without overlaps.

    ``model=False`` skips the named-entity model (patterns, a few rules and known names only): for
    bulk work that stays on the staff side, never for text that is published.
    """
    if not text:
        return []
    found: list[Finding] = []

    def add(kind: str, start: int, end: int) -> None:
        if end > start:
            found.append(Finding(kind, start, end, text[start:end]))

    for kind, start, end in shaped_items(text):
        add(kind, start, end)
    tokens = ner.tag(text) if model else []
    for start, end in _union(name_spans(text, tokens, [*names, *known_names], is_place=is_district_or_above)):
        add("name", start, end)
    for start, end in _union(address_spans(text, tokens)):
        add("address", start, end)
    return _without_overlaps(found)


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans of one kind as one: two rules that each found part of a name mask all of it."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """Resolve overlaps: shaped items first, then the longest; neighbouring addresses merge."""
    chosen: list[Finding] = []
    taken: set[int] = set()
    for f in sorted(
        found, key=lambda f: (_PRIORITY[f.kind] >= _PRIORITY["name"], -(f.end - f.start), f.start)
    ):
        span = set(range(f.start, f.end))
        if not span & taken:
            chosen.append(f)
            taken |= span
    chosen.sort(key=lambda f: f.start)
    merged: list[Finding] = []
    for f in chosen:
        last = merged[-1] if merged else None
        if last and last.kind == f.kind == "address" and f.start == last.end:
            merged[-1] = Finding("address", last.start, f.end, last.text + f.text)
        else:
            merged.append(f)
    return merged


def redact(text: str, known_names: Iterable[str] = (), *, model: bool = True) -> Redaction:
    """``text`` with personal data replaced by readable placeholders, and what was replaced."""
    findings = find_personal_data(text, known_names=known_names, model=model)
    parts, last = [], 0
    for f in findings:
        parts.append(text[last : f.start])
        parts.append(f.placeholder)
        last = f.end
    parts.append(text[last:])
    return Redaction("".join(parts), tuple(findings))


def deidentify(
    text: str, names: Iterable[str] = (), *, known_names: Iterable[str] = (), model: bool = True
) -> str:
    """``text`` with personal data replaced by readable placeholders such as [手机号]."""
    return redact(text, [*names, *known_names], model=model).text
