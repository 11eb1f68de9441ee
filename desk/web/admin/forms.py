"""The operator's forms: users, divisions, calendar, deadline rules."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from desk.cases.kinds import KINDS
from desk.models import Role
from desk.web.validators import choices, no_control_chars, sensible_date


class UserForm(FlaskForm):
    """Create or edit a staff account."""

    username = StringField(
        "用户名",
        validators=[
            DataRequired("请填写用户名"),
            Length(min=3, max=64, message="用户名为3至64个字符"),
            Regexp(r"^[A-Za-z0-9_.-]+$", message="用户名只能包含字母、数字和 _ . -"),
        ],
    )
    display_name = StringField(
        "姓名", validators=[DataRequired("请填写姓名"), Length(max=64), no_control_chars]
    )
    role = SelectField("角色", choices=choices((r.value, r.label) for r in Role))
    division_id = SelectField("所在处室", coerce=lambda v: int(v) if v else None)
    password = PasswordField(
        "密码（新建必填；修改时留空则不变）",
        validators=[Optional(), Length(min=10, max=128, message="密码至少10位")],
    )
    active = BooleanField("启用", default=True)


class DivisionForm(FlaskForm):
    """Add a division."""

    name = StringField(
        "处室名称", validators=[DataRequired("请填写处室名称"), Length(max=64), no_control_chars]
    )


class CalendarDayForm(FlaskForm):
    """Rule one day a working day or a day off."""

    day = DateField("日期", validators=[DataRequired("请填写日期（YYYY-MM-DD）"), sensible_date])
    is_workday = SelectField(
        "设为", choices=choices([("1", "工作日（含调休上班）"), ("0", "休息日（节假日）")])
    )
    note = StringField("说明", validators=[Optional(), Length(max=100), no_control_chars])


class ConfirmYearForm(FlaskForm):
    """Declare a year's holidays entered in full."""

    year = IntegerField("年份", validators=[DataRequired("请填写年份"), NumberRange(2000, 2100, "年份无效")])


class DeadlineRuleForm(FlaskForm):
    """The day count of each kind of case (one field per kind of the registry)."""

    def kind_fields(self):
        """The fields in the registry's order."""
        return [getattr(self, code) for code in KINDS]


for _code, _spec in KINDS.items():
    setattr(
        DeadlineRuleForm,
        _code,
        IntegerField(
            _spec.label,
            description=_spec.unit.label.removeprefix("个"),
            validators=[NumberRange(1, 60, f"须为1至60{_spec.unit.label}")],
        ),
    )
