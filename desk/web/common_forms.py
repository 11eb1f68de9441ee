"""What several blueprints' forms share: the citizen's submission, free-text fields, relabelled forms.

Fields are made by functions called in each form's class body, so that every form keeps its own
order of fields (WTForms orders them by creation), and with it the order of the error summary.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from flask import current_app
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, Regexp, ValidationError

from desk.cases.attachments import CheckedUpload, UploadError, check_upload
from desk.web.validators import no_control_chars

EXPIRED = "页面已过期，请刷新后重试"


def submission_id_field() -> HiddenField:
    """A fresh id per page view: pressing submit twice, or resubmitting, makes one case only."""
    return HiddenField(
        default=lambda: secrets.token_hex(16),
        validators=[InputRequired(EXPIRED), Regexp(r"^[0-9a-f]{32}$", message=EXPIRED)],
    )


class CitizenSubmissionForm(FlaskForm):
    """A form a citizen sends once (a letter, a request): its submission id and checked attachments.

    A subclass declares its own `attachments` (a MultipleFileField, labelled for its page).
    """

    submission_id = submission_id_field()

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


def email_field(label: str) -> EmailField:
    """An optional e-mail address, checked by its form only (no DNS)."""
    return EmailField(
        label,
        validators=[Optional(), Email("电子邮箱格式不正确", check_deliverability=False), Length(max=254)],
    )


def required_text(label: str, required: str, max_chars: int) -> TextAreaField:
    """A required free text (a reason, a comment, a published text) of at most `max_chars` characters."""
    return TextAreaField(
        label,
        validators=[
            DataRequired(required),
            Length(max=max_chars, message=f"不超过{max_chars}字"),
            no_control_chars,
        ],
    )


class OneTextForm(FlaskForm):
    """A form of one free text whose label the page may name (`label="移出理由"`)."""

    text_field: ClassVar[str]

    def __init__(self, *args, label: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self[self.text_field].label.text = label
