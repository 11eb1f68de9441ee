"""Forms of requests for government information: the public request, the clock's waits, the outcome."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from desk.disclosure.taxonomy import APPLICANT_TYPES, DELIVERY, ID_TYPES, SIGN_OFF_OUTCOMES
from desk.web.common_forms import CitizenSubmissionForm, email_field
from desk.web.validators import choices, mobile, no_control_chars

_ID_CARD = re.compile(r"^\d{17}[\dX]$")
_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_card_valid(number: str) -> bool:
    """An 18-digit resident identity card number with a right check digit (GB 11643)."""
    if not _ID_CARD.match(number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17]


class DisclosureRequestForm(CitizenSubmissionForm):
    """A request for government information (政府信息公开申请表)."""

    applicant_type = RadioField(
        "申请人类型",
        choices=choices(
            (code, "法人或其他组织：" + label if code != "natural" else label)
            if code != "other"
            else (code, "法人或其他组织：其他组织")
            for code, label in APPLICANT_TYPES
        ),
        default="natural",
        validators=[InputRequired("请选择申请人类型")],
    )
    name = StringField(
        "姓名或名称",
        validators=[
            DataRequired("请填写姓名或单位名称"),
            Length(max=100, message="不超过100个字"),
            no_control_chars,
        ],
    )
    contact_person = StringField(
        "联系人（法人或其他组织填写）", validators=[Optional(), Length(max=32), no_control_chars]
    )
    id_type = SelectField("证件类型", choices=choices(ID_TYPES), default="id_card")
    id_number = StringField(
        "证件号码",
        validators=[
            DataRequired("请填写证件号码"),
            Length(max=40, message="证件号码不正确"),
            no_control_chars,
        ],
    )
    phone = StringField("联系电话", validators=[DataRequired("请填写联系电话"), mobile])
    email = email_field("电子邮箱（选填；选择电子形式的请填写）")
    address = StringField(
        "通讯地址（选择邮寄的请填写）", validators=[Optional(), Length(max=200), no_control_chars]
    )
    subject = StringField(
        "所需政府信息的名称",
        validators=[
            DataRequired("请填写所需信息的名称"),
            Length(min=4, max=100, message="为4至100个字"),
            no_control_chars,
        ],
    )
    description = TextAreaField(
        "所需政府信息的描述",
        validators=[
            DataRequired("请描述所需的政府信息"),
            Length(min=10, max=5000, message="为10至5000个字"),
            no_control_chars,
        ],
    )
    delivery = RadioField(
        "获取信息的方式",
        choices=choices(DELIVERY),
        default="electronic",
        validators=[InputRequired("请选择获取信息的方式")],
    )
    attachments = MultipleFileField("身份证明或其他材料（选填）")
    confirm = BooleanField("本人承诺所填信息真实，并知悉逾期不补正、逾期未缴费的申请不再处理")

    def validate_id_number(self, field) -> None:
        """Identity cards by their check digit, credit codes by their shape."""
        value = re.sub(r"\s", "", field.data or "").upper()
        if self.id_type.data == "id_card" and not id_card_valid(value):
            raise ValidationError("居民身份证号码不正确")
        if self.id_type.data == "credit_code" and not _CREDIT_CODE.match(value):
            raise ValidationError("统一社会信用代码应为18位")
        field.data = value

    def validate(self, extra_validators=None) -> bool:
        """The fields, then what the chosen way of delivery needs (an address, an e-mail)."""
        valid = super().validate(extra_validators)
        if self.delivery.data == "post" and not (self.address.data or "").strip():
            self.address.errors = [*self.address.errors, "选择邮寄的，请填写通讯地址"]
            valid = False
        if self.delivery.data == "electronic" and not (self.email.data or "").strip():
            self.email.errors = [*self.email.errors, "选择电子形式的，请填写电子邮箱"]
            valid = False
        return valid

    def validate_confirm(self, field) -> None:
        """The applicant confirms the statement."""
        if not field.data:
            raise ValidationError("请阅读并勾选承诺")


class CorrectionForm(FlaskForm):
    """The one correction notice (补正告知, art. 30)."""

    items = TextAreaField(
        "需要补正的事项",
        validators=[DataRequired("请写明需要补正的事项"), Length(max=1000), no_control_chars],
    )
    days = IntegerField(
        "补正期限（工作日）",
        default=10,
        validators=[InputRequired("请填写补正期限"), NumberRange(1, 30, "补正期限应为 1 至 30 个工作日")],
    )


class CorrectedForm(FlaskForm):
    """The day the corrected request arrived."""

    received = DateField("补正收到日期", validators=[InputRequired("请填写补正收到日期")])


class ConsultForm(FlaskForm):
    """Consulting a third party or another agency (arts. 32, 34)."""

    party = RadioField(
        "征求意见对象",
        choices=choices([("third_party", "第三方（第三十二条）"), ("agency", "其他机关（第三十四条）")]),
        validators=[InputRequired("请选择征求意见对象")],
    )
    addressee = StringField(
        "名称", validators=[DataRequired("请填写征求意见对象的名称"), Length(max=100), no_control_chars]
    )


class FeeForm(FlaskForm):
    """A fee notice (信息处理费, 国办函〔2020〕109号)."""

    basis = RadioField(
        "计收方式",
        choices=choices([("count", "按件计收（本月累计件数）"), ("volume", "按量计收（页数）")]),
        validators=[InputRequired("请选择计收方式")],
    )
    quantity = IntegerField(
        "件数或页数",
        validators=[InputRequired("请填写件数或页数"), NumberRange(1, 100000, "件数或页数不正确")],
    )
    amount = IntegerField(
        "协商确定的金额（元，超过30件的填写）",
        validators=[Optional(), NumberRange(1, 10_000_000, "金额不正确")],
    )


class NoteForm(FlaskForm):
    """An optional note (ending a consultation, a lapsed request)."""

    note = TextAreaField("说明（选填）", validators=[Optional(), Length(max=1000), no_control_chars])


class PaymentForm(FlaskForm):
    """The applicant paid."""


class RedirectForm(FlaskForm):
    """Art. 39: a petition, complaint or report filed as a request."""

    where = TextAreaField(
        "告知申请人的渠道",
        validators=[Optional(), Length(max=1000), no_control_chars],
        description="如：请通过本局“监督投诉”栏目或信访渠道反映",
    )
    make_complaint = BooleanField("同时转为监督投诉件办理")


class DecisionForm(FlaskForm):
    """The head's outcome at sign-off: a statutory row, the notice's text, what was withheld."""

    outcome = SelectField(
        "答复结果",
        choices=choices(
            [("", "请选择答复结果"), *((o.row, f"{o.group}：{o.label}") for o in SIGN_OFF_OUTCOMES)]
        ),
        validators=[DataRequired("请选择答复结果")],
    )
    body = TextAreaField(
        "答复内容（写入告知书）", validators=[Optional(), Length(max=10000), no_control_chars]
    )
    withheld = TextAreaField(
        "不予公开的内容及理由（部分公开时必填）", validators=[Optional(), Length(max=2000), no_control_chars]
    )


class ImportForm(FlaskForm):
    """A past register to import."""

    register = FileField("登记表（CSV）", validators=[DataRequired("请选择CSV文件")])


def figure_form(fields: dict[str, float]) -> type[FlaskForm]:
    """A form with one number field per entered cell (names are the cells' keys)."""
    from wtforms import DecimalField

    attrs = {
        name: DecimalField(
            name,
            default=value,
            places=None,
            validators=[InputRequired("请填写数字"), NumberRange(0, None, "不能为负数")],
        )
        for name, value in fields.items()
    }
    return type("FigureForm", (FlaskForm,), attrs)
