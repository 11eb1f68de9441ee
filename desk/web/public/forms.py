"""The citizen's forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, MultipleFileField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from desk.web.common_forms import CitizenSubmissionForm, email_field
from desk.web.validators import mobile, no_control_chars


class LetterForm(CitizenSubmissionForm):
    """A letter to the director's mailbox, a consultation or a complaint."""

    citizen_name = StringField(
        "姓名",
        validators=[
            DataRequired("请填写姓名"),
            Length(max=32, message="姓名不超过32个字"),
            no_control_chars,
        ],
    )
    phone = StringField("手机号码", validators=[DataRequired("请填写手机号码"), mobile])
    email = email_field("电子邮箱（选填）")
    subject = StringField(
        "标题",
        validators=[
            DataRequired("请填写标题"),
            Length(min=4, max=100, message="标题为4至100个字"),
            no_control_chars,
        ],
    )
    content = TextAreaField(
        "内容",
        validators=[
            DataRequired("请填写内容"),
            Length(min=10, max=5000, message="内容为10至5000个字"),
            no_control_chars,
        ],
    )
    attachments = MultipleFileField("附件（选填）")
    consent_publish = BooleanField("我同意在去除个人信息后公开本信件及答复", default=False)


class TrackForm(FlaskForm):
    """Case number and query code, to follow a case."""

    number = StringField(
        "信件编号",
        validators=[DataRequired("请填写信件编号"), Length(max=32, message="信件编号不正确")],
    )
    code = StringField(
        "查询码",
        validators=[DataRequired("请填写查询码"), Length(min=8, max=16, message="查询码为8位")],
    )
