"""Forms of a division's work on a case."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from desk.cases.kinds import DEFAULT_KIND, letter_kinds
from desk.web.common_forms import OneTextForm, required_text, submission_id_field
from desk.web.validators import any_phone, choices, no_control_chars


class DraftForm(FlaskForm):
    """The reply draft (答复拟稿): save, or submit for sign-off."""

    body = TextAreaField(
        "答复内容",
        validators=[Optional(), Length(max=10000, message="答复不超过10000字"), no_control_chars],
    )
    seen = HiddenField()  # the saved draft the page started from (case_actions.draft_version)
    save = SubmitField("保存草稿")
    submit_review = SubmitField("提交审签")


class SignOffForm(FlaskForm):
    """The head's sign-off, optionally with a final edit of the text."""

    body = TextAreaField(
        "答复内容（可修改后签发）",
        validators=[Optional(), Length(max=10000, message="答复不超过10000字"), no_control_chars],
    )
    seen = HiddenField()  # the submitted draft the head read (case_actions.draft_version)


class CommentForm(OneTextForm):
    """A required comment or reason (sending back, handing back, counsel's opinion)."""

    text_field = "comment"
    comment = required_text("意见", "请填写意见或理由", 2000)


class PhoneCallForm(FlaskForm):
    """A phone consultation or complaint, recorded by staff."""

    submission_id = submission_id_field()  # pressing 登记 twice records one call

    kind = SelectField(
        "类别",
        choices=choices((k.code, k.label) for k in letter_kinds()),
        default=DEFAULT_KIND,
    )
    citizen_name = StringField(
        "来电人",
        validators=[DataRequired("请填写来电人姓名或称呼"), Length(max=32), no_control_chars],
    )
    phone = StringField("来电号码", validators=[DataRequired("请填写来电号码"), any_phone])
    subject = StringField(
        "事由",
        validators=[
            DataRequired("请填写事由"),
            Length(min=2, max=100, message="事由为2至100个字"),
            no_control_chars,
        ],
    )
    question = TextAreaField(
        "来电内容",
        validators=[
            DataRequired("请填写来电内容"),
            Length(min=5, max=5000, message="来电内容为5至5000字"),
            no_control_chars,
        ],
    )
    answer = TextAreaField(
        "当场答复（如已答复）",
        validators=[Optional(), Length(max=5000, message="答复不超过5000字"), no_control_chars],
    )


class ActionForm(FlaskForm):
    """A button with nothing to fill in: only its CSRF token is checked."""
