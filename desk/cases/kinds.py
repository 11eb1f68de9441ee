"""The kinds of case the desk handles: one registry, read by everything that differs by kind.

A kind is a small frozen spec: its code (stored on the case), Chinese label, case-number prefix,
the citizen's intro text, its clock, extension limit and statutory source. Texts say the day
count in force (the admin's rule), never a number written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desk.cases.errors import CaseError


class ClockUnit(StrEnum):
    """What a kind's deadline is counted in."""

    WORKDAYS = "workdays"
    DAYS = "days"
    MONTHS = "months"

    @property
    def label(self) -> str:
        return {"workdays": "个工作日", "days": "日", "months": "个月"}[self]


@dataclass(frozen=True)
class KindSpec:
    """What is particular to one kind of case."""

    code: str
    label: str
    prefix: str  # of its case numbers, e.g. ZX20261121001
    write_label: str  # the public button that opens its form
    intro: str  # the form's introduction; "{period}" is replaced by the period in force
    default_days: int
    unit: ClockUnit = ClockUnit.WORKDAYS
    max_extension_days: int = 30
    max_extensions: int | None = None  # approved extensions a case may have (None: no limit)
    fixed_by_law: bool = False  # the statute fixes the period: the admin's rules do not change it
    statute: str = ""
    public_form: bool = True  # citizens may file it on the web
    form: str = "letter"  # which public form files it (a domain package may own its own)
    reclassifiable: bool = True  # a letter may be reclassified to or from this kind
    fields: tuple[str, ...] = ("subject", "content", "citizen_name", "phone", "email", "attachments")
    # Lifecycle actions that do not apply to the kind (e.g. a disclosure request is not rated).
    without_actions: frozenset[str] = frozenset()

    def period(self, days: int) -> str:
        """The deadline in words: "7个工作日"."""
        return f"{days}{self.unit.label}"

    def intro_for(self, days: int) -> str:
        """The form's introduction with the period in force."""
        return self.intro.format(period=self.period(days))


KINDS: dict[str, KindSpec] = {
    spec.code: spec
    for spec in (
        KindSpec(
            code="mailbox",
            label="局长信箱",
            prefix="JZ",
            write_label="给局长写信",
            intro="向局长反映意见建议。我们将在{period}内答复。",
            default_days=15,
            statute="本局局长信箱工作规则",
        ),
        KindSpec(
            code="consultation",
            label="业务咨询",
            prefix="ZX",
            write_label="我要咨询",
            intro="咨询地方金融政策和业务办理。我们将在{period}内答复。",
            default_days=7,
            statute="本省政务服务便民热线及网上咨询办理规范",
        ),
        KindSpec(
            code="complaint",
            label="监督投诉",
            prefix="TS",
            write_label="我要投诉",
            intro="投诉地方金融组织（小额贷款、融资担保、典当、交易场所等）或本局工作人员。"
            "我们将在{period}内答复。",
            default_days=22,
            statute="本省政务服务投诉处理办法",
        ),
        KindSpec(
            code="disclosure",
            label="政府信息公开申请",
            prefix="GK",
            write_label="申请政府信息公开",
            intro="依据《中华人民共和国政府信息公开条例》申请获取本机关的政府信息。"
            "我们将在{period}内答复；需要延长的，经批准可延长一次，最长不超过20个工作日。",
            default_days=20,
            max_extension_days=20,
            max_extensions=1,
            fixed_by_law=True,
            statute="《中华人民共和国政府信息公开条例》（2019年修订）第三十三条",
            form="disclosure",
            # Outcomes are chosen at its own sign-off; remedies are 复议 and 诉讼, not a rating;
            # a petition filed as a request is redirected (art. 39), not reclassified or refused: every
            # request ends with a row of the annual table.
            reclassifiable=False,
            without_actions=frozenset(
                {"sign_off", "rate", "reopen", "reclassify", "refuse", "take_call", "reply_on_phone"}
            ),
        ),
    )
}

# The longest extension any kind allows (a form's upper bound; each kind checks its own).
MAX_EXTENSION_DAYS = max(spec.max_extension_days for spec in KINDS.values())

# A channel message (WeChat, Weibo) or a call is a consultation until the office says otherwise.
DEFAULT_KIND = CHANNEL_KIND = "consultation"


def kind_spec(code: str) -> KindSpec:
    """The spec of a kind; an unknown kind is a refused request, not a crash."""
    try:
        return KINDS[str(code)]
    except KeyError:
        raise CaseError("没有这一类别", status=404) from None


def public_kinds() -> list[KindSpec]:
    """The kinds a citizen may file on the web, in the order the start page shows them."""
    return [spec for spec in KINDS.values() if spec.public_form]


def rule_kinds() -> list[KindSpec]:
    """The kinds whose day count the admin sets (`/admin/rules`)."""
    return [spec for spec in KINDS.values() if not spec.fixed_by_law]


def letter_kinds() -> list[KindSpec]:
    """The kinds a letter may be reclassified to (phone records take them too)."""
    return [spec for spec in KINDS.values() if spec.reclassifiable]


def kind_label(code: str) -> str:
    """The Chinese label of a kind code (the code itself when unknown, for old rows)."""
    spec = KINDS.get(str(code))
    return spec.label if spec else str(code)
