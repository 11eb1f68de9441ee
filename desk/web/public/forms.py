"""The citizen's forms."""

from __future__ import annotations

import secrets

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, MultipleFileField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, Regexp, ValidationError

from desk.cases.attachments import CheckedUpload, UploadError, check_upload
from desk.web.validators import mobile, no_control_chars

EXPIRED = "页面已过期，请刷新后重试"


class LetterForm(FlaskForm):
    """A letter to the director's mailbox, a consultation or a complaint."""

    # A fresh id per page view: pressing submit twice, or resubmitting, makes one case only.
    submission_id = HiddenField(
        default=lambda: secrets.token_hex(16),
        validators=[InputRequired(EXPIRED), Regexp(r"^[0-9a-f]{32}$", message=EXPIRED)],
    )

    citizen_name = StringField(
        "姓名",
        validators=[
            DataRequired("请填写姓名"),
            Length(max=32, message="姓名不超过32个字"),
            no_control_chars,
        ],
    )
    phone = StringField("手机号码", validators=[DataRequired("请填写手机号码"), mobile])
    email = EmailField(
        "电子邮箱（选填）",
        validators=[
            Optional(),
            Email("电子邮箱格式不正确", check_deliverability=False),
            Length(max=254),
        ],
    )
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

    checked_uploads: list[CheckedUpload]

    def validate_attachments(self, field) -> None:
        """At most a few PDF/JPG/PNG files, each checked by content and size."""
        files = [f for f in field.data or [] if f and f.filename]
        limit = current_app.config["ATTACHMENT_MAX_COUNT"]
        if len(files) > limit:
            raise ValidationError(f"最多上传{limit}个附件")
        try:
            self.checked_uploads = [check_upload(f.filename, f.read()) for f in files]
        except UploadError as error:
            raise ValidationError(str(error)) from error


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
