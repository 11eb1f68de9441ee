"""Forms of supervision, extensions, ratings and the ledger's filters."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from desk.cases.kinds import MAX_EXTENSION_DAYS as MAX_EXTENSION_WORKDAYS
from desk.models import RatingLevel, SupervisionReason, SupervisionState
from desk.web.common_forms import required_text
from desk.web.validators import choices, int_or_none, no_control_chars


class ExtensionForm(FlaskForm):
    """A division asks for more working days."""

    days = IntegerField(
        "延期工作日数",
        validators=[
            InputRequired("请填写延期天数"),
            NumberRange(1, MAX_EXTENSION_WORKDAYS, f"延期天数应为 1 至 {MAX_EXTENSION_WORKDAYS} 个工作日"),
        ],
    )
    reason = required_text("延期理由（经批准后来信人可见）", "请填写延期理由", 1000)


class DecideExtensionForm(FlaskForm):
    """The office's decision on an extension."""

    decision = RadioField(
        "审批意见",
        choices=choices([("approve", "批准"), ("refuse", "不批准")]),
        validators=[InputRequired("请选择批准或不批准")],
    )
    note = TextAreaField("说明（选填）", validators=[Optional(), Length(max=1000), no_control_chars])


class RatingForm(FlaskForm):
    """The citizen's rating of a reply."""

    level = RadioField(
        "您对答复是否满意",
        choices=choices([(level.value, level.label) for level in RatingLevel]),
        validators=[InputRequired("请选择满意程度")],
        invalid_choice_message="请选择满意程度",
    )
    comment = TextAreaField(
        "意见建议（选填）", validators=[Optional(), Length(max=500, message="不超过500字"), no_control_chars]
    )


class LedgerFilterForm(FlaskForm):
    """Filters of the supervision ledger (GET, changes nothing)."""

    class Meta:
        csrf = False

    state = SelectField(
        "状态",
        choices=choices(
            [("", "全部状态"), ("active", "未销号")] + [(s.value, s.label) for s in SupervisionState]
        ),
        validators=[Optional()],
    )
    reason = SelectField(
        "督办原因",
        choices=choices([("", "全部原因")] + [(r.value, r.label) for r in SupervisionReason]),
        validators=[Optional()],
    )
    division_id = SelectField("处室", coerce=int_or_none, validators=[Optional()])
    late = SelectField(
        "反馈期限", choices=choices([("", "全部"), ("late", "逾期未反馈")]), validators=[Optional()]
    )
