"""De-identification of citizens' texts before they are published or kept in the knowledge base.

Masks names the citizen gave (passed in, or introduced as 我叫…/本人…/我是…), mobile and landline
numbers, ID-card numbers (18 digits with the GB 11643 check digit, or 15 digits with a valid
birth date), bank-card numbers (13–19 digits passing Luhn), e-mail addresses, licence plates and
WeChat IDs introduced as such. Ordinary numbers (amounts, dates, case and article numbers) stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = ["PLACEHOLDERS", "Finding", "deidentify", "find_personal_data", "is_valid_id_number", "luhn_ok"]

PLACEHOLDERS = {
    "name": "[姓名]",
    "mobile": "[手机号]",
    "landline": "[固定电话]",
    "id_card": "[身份证号]",
    "bank_card": "[银行卡号]",
    "email": "[邮箱]",
    "plate": "[车牌号]",
    "wechat": "[微信号]",
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


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def is_valid_id_number(number: str) -> bool:
    """True for an 18-digit ID number with a correct check digit and birth date, or a valid 15-digit one."""
    number = number.upper()
    if re.fullmatch(r"\d{17}[\dX]", number):
        total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
        return _ID_CHECK[total % 11] == number[17] and _valid_birth(number[6:14])
    if re.fullmatch(r"\d{15}", number):
        return _valid_birth("19" + number[6:12])
    return False


def _valid_birth(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def luhn_ok(number: str) -> bool:
    """True when the digits pass the Luhn check used by bank cards."""
    digits = [int(c) for c in number]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9A-Za-z])"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_MOBILE = re.compile(
    _NOT_DIGIT_BEFORE + r"(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}" + _NOT_DIGIT_AFTER
)
_LANDLINE = re.compile(
    _NOT_DIGIT_BEFORE
    + r"(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[\s-])\s?[2-9]\d{6,7}(?:-\d{1,4})?"
    + _NOT_DIGIT_AFTER
)
# A run of digits (optionally in groups of 4 split by a space or dash), long enough for a card or an ID.
_DIGIT_RUN = re.compile(_NOT_DIGIT_BEFORE + r"(?:\d[\s-]?){12,18}[\dXx]" + _NOT_DIGIT_AFTER)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"[{_PROVINCES}][A-HJ-NP-Z][·•\s]?(?:[DF][A-HJ-NP-Z0-9]{{5}}|[A-HJ-NP-Z0-9]{{5}}[DF]|[A-HJ-NP-Z0-9]{{4}}[A-HJ-NP-Z0-9挂学警港澳])"
    + r"(?![A-Za-z0-9])"
)
_WECHAT = re.compile(
    r"(?:微信号|微信|[wW][xX]|[vV][xX]|[vV]信)\s*(?:号)?\s*(?:是|为|[:：])?\s*([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])"
)
# 我叫张三 / 本人李四 / 我是王五 / 姓名：赵六 — a 2–3 character name right after the phrase.
_NAME_INTRO = re.compile(
    r"(?:我叫|我的名字是|我的名字叫|本人|我是|姓名[:：]?\s*|名字[:：]\s*|联系人[:：]?\s*)"
    r"([\u4e00-\u9fff]{2,3}?)(?=[，,。.、；;：:！!？?\s（(]|$|电话|手机|身份证|联系|男|女|今年|家住|住|现|在|是|，)"
)
_NOT_NAMES = frozenset(
    [
        "市民",
        "群众",
        "网友",
        "居民",
        "村民",
        "业主",
        "学生",
        "老师",
        "农民",
        "职工",
        "员工",
        "投资人",
        "出借人",
        "借款人",
        "受害人",
        "当事人",
        "消费者",
        "老人",
        "外地人",
        "本地人",
        "一名",
        "一位",
        "一个",
        "公司",
        "法人",
        "股东",
        "退休",
        "党员",
        "会员",
    ]
)


def find_personal_data(text: str, names: Iterable[str] = ()) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, without overlaps (for a preview)."""
    found: list[Finding] = []

    def add(kind: str, start: int, end: int) -> None:
        found.append(Finding(kind, start, end, text[start:end]))

    for m in _EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in _WECHAT.finditer(text):
        add("wechat", m.start(1), m.end(1))
    for m in _DIGIT_RUN.finditer(text):
        raw = m.group()
        digits = re.sub(r"[\s-]", "", raw)
        if len(digits) in (15, 18) and is_valid_id_number(digits):
            add("id_card", m.start(), m.end())
        elif (
            digits.isdigit() and 13 <= len(digits) <= 19 and luhn_ok(digits) and not _looks_like_date(digits)
        ):
            add("bank_card", m.start(), m.end())
    for m in _MOBILE.finditer(text):
        add("mobile", m.start(), m.end())
    for m in _LANDLINE.finditer(text):
        add("landline", m.start(), m.end())
    for m in _PLATE.finditer(text):
        add("plate", m.start(), m.end())
    given = {n.strip() for n in names if n and len(n.strip()) >= 2}
    for m in _NAME_INTRO.finditer(text):
        if m.group(1) not in _NOT_NAMES:
            given.add(m.group(1))
    for name in sorted(given, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text):
            add("name", m.start(), m.end())
    return _without_overlaps(found)


def _looks_like_date(digits: str) -> bool:
    # 20261122 style stamps glued to serials are not card numbers when they start the run with a date.
    return bool(re.match(r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", digits)) and len(digits) < 16


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """Keep the earliest, then longest, finding where two overlap."""
    out: list[Finding] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def deidentify(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with personal data replaced by readable placeholders such as [手机号]."""
    parts, last = [], 0
    for f in find_personal_data(text, names):
        parts.append(text[last : f.start])
        parts.append(f.placeholder)
        last = f.end
    parts.append(text[last:])
    return "".join(parts)
