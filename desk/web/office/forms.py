"""The integrated office's triage and search forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from desk.cases.kinds import KINDS, letter_kinds
from desk.models import CaseState, Channel
from desk.web.validators import choices, int_or_none, no_control_chars, sensible_date


class AssignForm(FlaskForm):
    """Accept a case and assign it to a division."""

    division_id = SelectField("承办处室", coerce=int_or_none, validators=[DataRequired("请选择承办处室")])
    note = StringField("交办意见（选填）", validators=[Optional(), Length(max=200), no_control_chars])


class TransferForm(FlaskForm):
    """Move a case to another division."""

    division_id = SelectField("转至处室", coerce=int_or_none, validators=[DataRequired("请选择处室")])
    reason = StringField(
        "转办理由", validators=[DataRequired("请填写转办理由"), Length(max=200), no_control_chars]
    )


class RefuseForm(FlaskForm):
    """Not accept a case, with a reason the citizen reads."""

    reason = TextAreaField(
        "不予受理理由（来信人可见）",
        validators=[DataRequired("请填写不予受理的理由"), Length(max=1000), no_control_chars],
    )


class ReclassifyForm(FlaskForm):
    """Change the kind of a case (its deadline follows)."""

    kind = SelectField(
        "调整为",
        choices=choices([("", "请选择类别")] + [(k.code, k.label) for k in letter_kinds()]),
        validators=[DataRequired("请选择类别")],
    )


class JointReviewForm(FlaskForm):
    """Ask counsel to comment on the draft, or stop asking."""

    wanted = HiddenField(default="1")


def _choices(enum, blank: str) -> list:
    return choices([("", blank)] + [(item.value, item.label) for item in enum])


class SearchForm(FlaskForm):
    """Search of all cases (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    number = StringField("编号", validators=[Optional(), Length(max=32)])
    q = StringField("关键词", validators=[Optional(), Length(max=100)])
    state = SelectField("状态", choices=_choices(CaseState, "全部状态"), validators=[Optional()])
    kind = SelectField(
        "类别",
        choices=choices([("", "全部类别")] + [(code, k.label) for code, k in KINDS.items()]),
        validators=[Optional()],
    )
    channel = SelectField("渠道", choices=_choices(Channel, "全部渠道"), validators=[Optional()])
    division_id = SelectField("处室", coerce=int_or_none, validators=[Optional()])
    received_from = DateField("收信日期自", validators=[Optional(), sensible_date])
    received_to = DateField("至", validators=[Optional(), sensible_date])
    due = SelectField(
        "期限",
        choices=choices([("", "全部"), ("due_soon", "即将到期"), ("overdue", "已超期")]),
        validators=[Optional()],
    )
    delivery = SelectField(
        "渠道送达",
        choices=choices([("", "全部"), ("failed", "发送失败"), ("undeliverable", "无法经渠道送达")]),
        validators=[Optional()],
    )
