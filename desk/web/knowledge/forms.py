"""Forms of the knowledge base."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from desk.models import EntryStatus
from desk.web.validators import choices, database_id, int_or_none, no_control_chars, sensible_date


class EntryForm(FlaskForm):
    """An entry's question, answer (答复口径), topic, division, policy basis, validity, visibility."""

    question = TextAreaField(
        "问题（已去除个人信息）",
        validators=[DataRequired("请填写问题"), Length(max=5000, message="不超过5000字"), no_control_chars],
    )
    answer = TextAreaField(
        "答复口径", validators=[DataRequired("请填写答复口径"), Length(max=10000, message="不超过10000字")]
    )
    topic = StringField("主题", validators=[DataRequired("请填写主题"), Length(max=64), no_control_chars])
    division_id = SelectField("主办处室", coerce=int_or_none, validators=[Optional()])
    policy_basis = TextAreaField("政策依据", validators=[Optional(), Length(max=2000), no_control_chars])
    valid_from = DateField("有效期自", validators=[Optional(), sensible_date])
    valid_until = DateField("至", validators=[Optional(), sensible_date])
    public = BooleanField("公开（向来信群众推送）")


class EntryFilterForm(FlaskForm):
    """Browse by topic, status and popularity (GET)."""

    class Meta:
        csrf = False

    q = StringField("关键词", validators=[Optional(), Length(max=100)])
    topic = StringField("主题", validators=[Optional(), Length(max=64)])
    status = SelectField(
        "状态",
        choices=choices([("", "全部状态")] + [(s.value, s.label) for s in EntryStatus]),
        validators=[Optional()],
    )
    sort = SelectField(
        "排序", choices=choices([("popular", "按关注度"), ("recent", "按更新时间")]), validators=[Optional()]
    )


class InsertForm(FlaskForm):
    """Insert a suggested entry (or a past reply) into the draft."""

    entry_id = IntegerField(validators=[Optional(), database_id])
    reply_case_id = IntegerField(validators=[Optional(), database_id])


class HelpfulForm(FlaskForm):
    """The citizen says an answer solved the question."""

    entry_id = HiddenField(validators=[InputRequired()])
