"""Personal data with a shape: phone numbers, ID and bank cards, e-mail, WeChat and QQ ids, plates.

Matching runs on a copy of the text where full-width characters (１３８, ＠, －) are made
half-width one for one, so every position found is a position in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

__all__ = ["half_width", "is_valid_id_number", "luhn_ok", "shaped_items"]

_HALF = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}
_DASHES = {ord(c): "-" for c in "‐‑‒–—―−"} | {ord("·"): ".", ord("•"): "."}


def half_width(text: str) -> str:
    """``text`` with full-width ASCII and dashes of every kind made plain, keeping its length."""
    return text.translate(_HALF).translate(_DASHES)


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
    total = 0
    for i, c in enumerate(reversed(number)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_B = r"(?<![0-9A-Za-z_])"  # not inside a longer number or word
_E = r"(?![0-9A-Za-z_])"
_SEP = r"[ .\-]?"
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_COUNTRY = r"(?:(?:\+|00)\s?86|\(\+?86\)|86(?=[ .\-]))"
_MOBILE = re.compile(_B + rf"(?:{_COUNTRY}\s?[ .\-]?\s?|\+?86)?1{_SEP}[3-9](?:{_SEP}\d){{9}}" + _E)
# 一三八零零一三八零零零: a mobile number in Chinese numerals (eleven in a row never occur otherwise).
_CHINESE_MOBILE = re.compile(
    r"(?<![零〇一二三四五六七八九幺两])[一幺][三四五六七八九][零〇一二三四五六七八九幺两]{9}(?![零〇一二三四五六七八九幺两])"
)
_LANDLINE = re.compile(
    _B
    + rf"(?:{_COUNTRY}\s?[ .\-]?\s?0?[1-9]\d{{1,2}}|\(0\d{{2,3}}\)|0\d{{2,3}})\s?[ .\-]?\s?"
    + r"[2-8]\d{2,3}[ .\-]?\d{3,4}(?:\s?(?:-|转|分机)\s?\d{1,5})?"
    + _E
)
# A bare 7–8 digit local number is a phone only when introduced as one (座机 8456 7890).
_LOCAL = re.compile(
    r"(?:座机|固话|固定电话|电话|宅电|办公电话|联系电话|家里电话)(?:号码?)?\s*(?:是|为|:)?\s*"
    + _B
    + r"([2-8]\d{2,3}[ .\-]?\d{4})"
    + _E
)
# A run of digits (optionally grouped by spaces or dashes), long enough for a card or an ID.
_DIGIT_RUN = re.compile(_B + r"(?:\d[ \-]?){12,21}[\dXx]" + _E)
# Introduced as an ID or a card, a number is masked even when a typo breaks its check digit.
_CUE = r"\s*(?:号码?)?\s*(?:是|为|:)?\s*"
_ID_CUES = r"(?:身份证|证件号|身份号码|公民身份号码)"
_CARD_CUES = r"(?:卡号|银行卡|储蓄卡|信用卡|借记卡|还款卡|账号|帐号|账户|收款账户)"
_CUED_ID = re.compile(_ID_CUES + _CUE + _B + r"((?:\d[ \-]?){17}[\dXx])" + _E)
_CUED_CARD = re.compile(_CARD_CUES + _CUE + _B + r"((?:\d[ \-]?){15,18}\d)" + _E)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    rf"[{_PROVINCES}][A-HJ-NP-Z][.\s-]?"
    # a space may follow the first character too: 湘AD 12345, 湘AB 1234
    r"(?:[DF][.\s-]?[A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{5}[DF]"
    r"|[A-HJ-NP-Z0-9][.\s-]?[A-HJ-NP-Z0-9]{3}[A-HJ-NP-Z0-9挂学警港澳])"
    r"(?![A-Za-z0-9])"
)
_WECHAT = re.compile(
    r"(?:微信号|微信|[wW][xX]|[vV][xX]|[vV]信|[wW]eChat|[wW]echat)\s*(?:号|ID|id)?\s*(?:是|为|:)?\s*"
    r"([A-Za-z][A-Za-z0-9_-]{5,19})(?![A-Za-z0-9_-])"
)
_WXID = re.compile(_B + r"wxid_[A-Za-z0-9]{6,22}" + _E)
_QQ = re.compile(r"(?:QQ|qq|Qq|扣扣|企鹅)\s*(?:号码?|群)?\s*(?:是|为|:)?\s*(?<!\d)([1-9]\d{4,11})" + _E)


def shaped_items(text: str) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of every shaped item in ``text``; overlaps are left to the caller."""
    plain = half_width(text)
    for m in _EMAIL.finditer(plain):
        yield "email", m.start(), m.end()
    for m in _WECHAT.finditer(plain):
        if not re.fullmatch(r"[A-Za-z]+", m.group(1)):  # a plain word is not an id
            yield "wechat", m.start(1), m.end(1)
    for m in _WXID.finditer(plain):
        yield "wechat", m.start(), m.end()
    for m in _QQ.finditer(plain):
        yield "qq", m.start(1), m.end(1)
    for m in _DIGIT_RUN.finditer(plain):
        digits = re.sub(r"[ \-]", "", m.group())
        if len(digits) in (15, 18) and is_valid_id_number(digits):
            yield "id_card", m.start(), m.end()
        elif _is_card(digits):
            yield "bank_card", m.start(), m.end()
    for m in _CUED_ID.finditer(plain):
        yield "id_card", m.start(1), m.end(1)
    for m in _CUED_CARD.finditer(plain):
        yield "bank_card", m.start(1), m.end(1)
    for m in _MOBILE.finditer(plain):
        yield "mobile", m.start(), m.end()
    for m in _CHINESE_MOBILE.finditer(plain):
        yield "mobile", m.start(), m.end()
    for m in _LANDLINE.finditer(plain):
        yield "landline", m.start(), m.end()
    for m in _LOCAL.finditer(plain):
        yield "landline", m.start(1), m.end(1)
    for m in _PLATE.finditer(plain):
        yield "plate", m.start(), m.end()


def _is_card(digits: str) -> bool:
    if not (digits.isdigit() and 13 <= len(digits) <= 19 and luhn_ok(digits)):
        return False
    # Not a date stamp glued to a serial, nor a mobile number with its country code.
    return not _looks_like_date(digits) and not re.fullmatch(r"(?:00)?861[3-9]\d{9}", digits)


def _looks_like_date(digits: str) -> bool:
    # 20261122 style stamps glued to serials are not card numbers when they start the run with a date.
    return bool(re.match(r"(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", digits)) and len(digits) < 16
