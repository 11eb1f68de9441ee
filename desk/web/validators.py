"""Field validators with messages in Chinese."""

from __future__ import annotations

import re
from datetime import date

from wtforms import SelectChoice
from wtforms.validators import ValidationError

MOBILE = re.compile(r"^1[3-9]\d{9}$")
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8}|400-?\d{3}-?\d{4})$")


def mobile(form, field) -> None:
    """An 11-digit mainland mobile number."""
    value = re.sub(r"[\s-]", "", field.data or "")
    if not MOBILE.match(value):
        raise ValidationError("请填写正确的11位手机号码")
    field.data = value


def any_phone(form, field) -> None:
    """A mobile or landline number (phone calls)."""
    value = (field.data or "").replace(" ", "")
    if not PHONE.match(value):
        raise ValidationError("请填写正确的电话号码（手机或固定电话）")
    field.data = value


def no_control_chars(form, field) -> None:
    """Refuse invisible control characters that only garble the record."""
    if field.data and re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", field.data):
        raise ValidationError("内容包含无效字符")


def choices(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def int_or_none(value) -> int | None:
    """Coerce a select's value: '' (the "please choose" option) is None."""
    return int(value) if value not in (None, "") else None


EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
DATABASE_ID_MAX = 2**31 - 1


def sensible_date(form, field) -> None:
    """A date the desk can count with (2000–2100): 9999-12-31 would overflow the day arithmetic."""
    if field.data and not EARLIEST <= field.data <= LATEST:
        raise ValidationError("日期超出范围（须在2000年至2100年之间）")


def database_id(form, field) -> None:
    """An id that fits the database's integer keys (larger ones overflow the query)."""
    if field.data is not None and not 1 <= field.data <= DATABASE_ID_MAX:
        raise ValidationError("编号无效")
