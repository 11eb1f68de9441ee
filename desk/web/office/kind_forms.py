"""Forms of the office's own registers (舆情) and of their case-page actions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from desk.cases.attachments import CheckedUpload, UploadError, check_upload
from desk.cases.kinds import OPINION_PLATFORMS, kind_spec
from desk.timeutil import today
from desk.web.common_forms import submission_id_field
from desk.web.validators import choices, int_or_none, no_control_chars

OPINION = kind_spec("public_opinion")


class OpinionForm(FlaskForm):
    """The office registers a 舆情 found on the internet (7×24) and dispatches it at once."""

    submission_id = submission_id_field()  # pressing 登记 twice dispatches one item

    subject = StringField(
        "舆情标题", validators=[DataRequired("请填写舆情标题"), Length(max=200), no_control_chars]
    )
    content = TextAreaField(
        "主要内容和传播情况",
        validators=[DataRequired("请填写主要内容"), Length(max=5000), no_control_chars],
    )
    source_url = StringField(
        "来源链接",
        validators=[
            DataRequired("请填写来源链接"),
            Length(max=500, message="链接过长"),
            URL(require_tld=True, message="请填写以 http:// 或 https:// 开头的完整链接"),
        ],
    )
    platform = SelectField(
        "发布平台",
        choices=choices([("", "请选择平台"), *((p, p) for p in OPINION_PLATFORMS)]),
        validators=[DataRequired("请选择发布平台")],
    )
    grade = RadioField(
        "级别",
        choices=choices(OPINION.grades),
        validators=[InputRequired("请选择级别")],
        invalid_choice_message="请选择级别",
    )
    division_id = SelectField("分办处室", coerce=int_or_none, validators=[DataRequired("请选择分办处室")])
    co_division_ids = SelectMultipleField("同时分送处室（选填，可多选）", coerce=int, validators=[Optional()])
    screenshot = FileField("截图（PNG、JPG 或 PDF）")

    checked_screenshot: CheckedUpload

    def validate_source_url(self, field) -> None:
        """Only web links (no javascript: or data: addresses on a staff page)."""
        if not field.data.lower().startswith(("http://", "https://")):
            raise ValidationError("请填写以 http:// 或 https:// 开头的完整链接")

    def validate_screenshot(self, field) -> None:
        """A screenshot is required, checked by content and size like any attachment."""
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            raise ValidationError("请上传舆情截图")
        try:
            self.checked_screenshot = check_upload(upload.filename, upload.read())
        except UploadError as error:
            raise ValidationError(str(error)) from error


class GradeForm(FlaskForm):
    """The office changes a 舆情's classification."""

    grade = SelectField("调整为", validators=[DataRequired("请选择级别")])


class MilestoneForm(FlaskForm):
    """A milestone met, with what was reported."""

    code = SelectField("办理节点", validators=[DataRequired("请选择办理节点")])
    note = TextAreaField(
        "报告内容", validators=[DataRequired("请填写报告内容"), Length(max=2000), no_control_chars]
    )


class OutcomeForm(FlaskForm):
    """The division's finding before the reply."""

    outcome = RadioField(
        "核实结论", validators=[InputRequired("请选择核实结论")], invalid_choice_message="请选择核实结论"
    )
    note = TextAreaField(
        "核实情况", validators=[DataRequired("请填写核实情况"), Length(max=2000), no_control_chars]
    )


class LedgerForm(FlaskForm):
    """Filters of a register's ledger (GET, changes nothing)."""

    class Meta:
        csrf = False

    grade = SelectField("级别", default="", invalid_choice_message="筛选条件无效")
    status = SelectField(
        "状态",
        choices=choices([("", "全部"), ("open", "办理中"), ("late", "节点超时"), ("done", "已答复或办结")]),
        default="",
        invalid_choice_message="筛选条件无效",
    )


class ProposalForm(FlaskForm):
    """The office registers a deputy's suggestion or a member's proposal and assigns it (交办)."""

    submission_id = submission_id_field()  # pressing 登记 twice assigns one case

    kind = SelectField("类别", validators=[DataRequired("请选择类别")])
    doc_number = StringField(
        "建议（提案）编号", validators=[DataRequired("请填写编号"), Length(max=40), no_control_chars]
    )
    session = StringField(
        "届次会议", validators=[DataRequired("请填写届次会议"), Length(max=60), no_control_chars]
    )
    proposer = StringField(
        "领衔代表（提案委员）",
        validators=[DataRequired("请填写代表或委员姓名"), Length(max=120), no_control_chars],
    )
    contact = StringField(
        "联系方式（选填，不公开）", validators=[Optional(), Length(max=120), no_control_chars]
    )
    copy_to = StringField(
        "抄送范围（选填，不公开）", validators=[Optional(), Length(max=200), no_control_chars]
    )
    subject = StringField("标题", validators=[DataRequired("请填写标题"), Length(max=200), no_control_chars])
    content = TextAreaField(
        "主要内容", validators=[DataRequired("请填写主要内容"), Length(max=10000), no_control_chars]
    )
    division_id = SelectField("主办处室", coerce=int_or_none, validators=[DataRequired("请选择主办处室")])
    co_division_ids = SelectMultipleField("会办处室（可多选）", coerce=int, validators=[Optional()])
    assigned_on = DateField("交办日期", validators=[DataRequired("请填写交办日期（年-月-日）")])

    def validate_assigned_on(self, field) -> None:
        """交办 is a day that has come."""
        if field.data and field.data > today():
            raise ValidationError("交办日期不能晚于今天")


class ContactForm(FlaskForm):
    """The division's contact with the proposer before the reply."""

    note = TextAreaField(
        "沟通联系情况",
        validators=[DataRequired("请填写沟通联系的方式和情况"), Length(max=2000), no_control_chars],
    )


class PublishForm(FlaskForm):
    """The office publishes a reply in full or as a summary (de-identified on the public page)."""

    mode = RadioField(
        "公开方式",
        choices=choices([("full", "全文公开"), ("summary", "摘要公开")]),
        validators=[InputRequired("请选择公开全文或摘要")],
        invalid_choice_message="请选择公开全文或摘要",
    )
    summary = TextAreaField(
        "摘要（摘要公开时填写）", validators=[Optional(), Length(max=3000), no_control_chars]
    )


class GroupForm(FlaskForm):
    """The office opens a 集中反映 from a case and the similar letters it picks."""

    title = StringField(
        "集中反映事项", validators=[DataRequired("请填写集中反映的事项"), Length(max=200), no_control_chars]
    )
    division_id = SelectField(
        "主办处室（拟写统一答复）", coerce=int_or_none, validators=[DataRequired("请选择主办处室")]
    )
    member_ids = SelectMultipleField(
        "并入的相似来信",
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validators=[DataRequired("请至少选择一件相似来信")],
    )


class AddToGroupForm(FlaskForm):
    """The office links the case into a group already open."""

    group_id = SelectField(
        "并入已有集中反映", coerce=int_or_none, validators=[DataRequired("请选择集中反映")]
    )


class GroupAnswerForm(FlaskForm):
    """The joint answer's draft."""

    body = TextAreaField("统一答复", validators=[Optional(), Length(max=20000), no_control_chars])


class GroupCommentForm(FlaskForm):
    """A comment on the joint answer (会商意见)."""

    body = TextAreaField(
        "会商意见", validators=[DataRequired("请填写意见"), Length(max=5000), no_control_chars]
    )
