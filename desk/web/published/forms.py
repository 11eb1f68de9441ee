"""Forms of 信件选登: proposing, reviewing and taking down; searching the public pages."""

from __future__ import annotations

import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from desk.cases.kinds import public_kinds
from desk.web.common_forms import OneTextForm, required_text
from desk.web.validators import choices, no_control_chars


class ProposeForm(FlaskForm):
    """The division proposes a replied, consented letter for 信件选登."""

    note = TextAreaField(
        "提请说明（选填）", validators=[Optional(), Length(max=500, message="不超过500字"), no_control_chars]
    )


class ApproveForm(FlaskForm):
    """The office's reviewed text: only this is published."""

    title = StringField(
        "公开标题",
        validators=[
            DataRequired("请填写公开标题"),
            Length(max=100, message="标题不超过100字"),
            no_control_chars,
        ],
    )
    letter = required_text("公开的来信内容", "请填写公开的来信内容", 6000)
    reply = required_text("公开的答复内容", "请填写公开的答复内容", 10000)


class ReasonForm(OneTextForm):
    """A required reason (refusing publication, taking a letter down)."""

    text_field = "reason"
    reason = required_text("理由", "请填写理由", 1000)


MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class LetterSearchForm(FlaskForm):
    """Search 信件选登 by words, kind and month of receipt (GET)."""

    class Meta:
        csrf = False

    q = StringField("关键词", validators=[Optional(), Length(max=50, message="关键词不超过50字")])
    kind = SelectField("类别", validators=[Optional()])
    month = StringField("受理月份", validators=[Optional()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices([("", "全部类别")] + [(k.code, k.label) for k in public_kinds()])

    def validate_month(self, field) -> None:
        """YYYY-MM, as the month picker sends it."""
        if field.data and self.month_date is None:
            raise ValidationError("月份格式应为 2026-11")

    @property
    def month_date(self) -> date | None:
        match = MONTH.match((self.month.data or "").strip())
        if not match:
            return None
        year, month = int(match.group(1)), int(match.group(2))
        return date(year, month, 1) if 2000 <= year <= 2100 and 1 <= month <= 12 else None


class AnswersForm(FlaskForm):
    """The public knowledge base by topic or by attention (GET)."""

    class Meta:
        csrf = False

    topic = StringField("主题", validators=[Optional(), Length(max=64)])
    sort = SelectField(
        "排序",
        choices=choices([("read", "阅读最多"), ("asked", "咨询最多"), ("recent", "最近更新")]),
        validators=[Optional()],
        default="read",
    )
