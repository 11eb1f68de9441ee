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
    """What a kind's deadline is counted in.

    Hours are clock hours, 7×24 (nights, weekends and holidays count); months are calendar months
    (the same day number, or the month's last day when the month is shorter: 《民法典》第二百零二条).
    """

    WORKDAYS = "workdays"
    DAYS = "days"
    MONTHS = "months"
    HOURS = "hours"

    @property
    def label(self) -> str:
        return {"workdays": "个工作日", "days": "日", "months": "个月", "hours": "小时"}[self]

    @property
    def timed(self) -> bool:
        """Whether the deadline is a moment (hours), not the end of a day."""
        return self is ClockUnit.HOURS


@dataclass(frozen=True)
class Milestone:
    """A mark on a case's clock before its deadline (e.g. 舆情: a preliminary check in 20 minutes).

    Counted in clock minutes from receipt; `grades` says for which classifications it applies
    (empty: for every case of the kind).
    """

    code: str
    label: str
    minutes: int
    grades: tuple[str, ...] = ()

    @property
    def period(self) -> str:
        """The span in words: "20分钟", "2小时"."""
        hours, minutes = divmod(self.minutes, 60)
        if not minutes:
            return f"{hours}小时"
        return f"{hours}小时{minutes}分钟" if hours else f"{minutes}分钟"

    def applies_to(self, grade: str | None) -> bool:
        return not self.grades or grade in self.grades


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
    milestones: tuple[Milestone, ...] = ()  # marks before the deadline (hour clocks)
    grades: tuple[tuple[str, str], ...] = ()  # classifications (code, label), e.g. 舆情 重要/重大/关注
    # The facts the office records beside subject and content (name, label), kept in Case.details.
    details: tuple[tuple[str, str], ...] = ()
    # How the division classifies its finding before the reply (code, label, what follows), if at all.
    outcomes: tuple[tuple[str, str, str], ...] = ()
    reclassifiable: bool = True  # a letter may be reclassified to or from this kind
    optional_details: tuple[str, ...] = ()  # names of `details` that may stay empty
    private_details: tuple[str, ...] = ()  # names of `details` that are personal (never published)
    co_divisions: bool = False  # co-handling divisions (会办) besides the lead one
    contact_before_reply: bool = False  # the division must record contact with the proposer first
    publish_reply: bool = False  # the office publishes the reply (in full or a summary), de-identified
    fields: tuple[str, ...] = ("subject", "content", "citizen_name", "phone", "email", "attachments")
    # Lifecycle actions that do not apply to the kind (e.g. a disclosure request is not rated).
    without_actions: frozenset[str] = frozenset()

    def period(self, days: int) -> str:
        """The deadline in words: "7个工作日"."""
        return f"{days}{self.unit.label}"

    def grade_code(self, text: str) -> str | None:
        """The classification named by its code or its label (None: the kind has no such grade)."""
        return next((code for code, label in self.grades if text in (code, label)), None)

    def grade_label(self, code: str | None) -> str:
        """The label of a classification code ("" when the case has none)."""
        return dict(self.grades).get(code or "", code or "")

    def detail_label(self, name: str) -> str:
        """The label of one of the kind's facts."""
        return dict(self.details).get(name, name)

    def outcome_label(self, code: str | None) -> str:
        """ "属实 → 处置" for an outcome code ("" when none)."""
        for value, label, follows in self.outcomes:
            if value == code:
                return f"{label} → {follows}"
        return ""

    def milestones_for(self, grade: str | None) -> tuple[Milestone, ...]:
        """The kind's milestones that apply to a case of this classification, earliest first."""
        return tuple(sorted((m for m in self.milestones if m.applies_to(grade)), key=lambda m: m.minutes))

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
        KindSpec(
            code="public_opinion",
            label="舆情",
            prefix="YQ",
            write_label="",
            intro="综合处7×24小时值守登记网络舆情，按级别分办；{period}内处置完毕。",
            default_days=24,
            unit=ClockUnit.HOURS,
            max_extension_days=0,
            statute="国办发〔2016〕61号；本省地方金融监管舆情应对处置工作方案",
            public_form=False,
            reclassifiable=False,
            grades=(("important", "重要"), ("major", "重大"), ("watch", "关注")),
            milestones=(
                Milestone("preliminary", "初步核实情况报告领导", 20, ("important", "major")),
                Milestone("written", "书面报告", 120, ("important", "major")),
                Milestone("authoritative", "发布权威信息", 300, ("major",)),
                Milestone("press", "召开新闻发布会", 1440, ("major",)),
            ),
            details=(("source_url", "来源链接"), ("platform", "发布平台")),
            co_divisions=True,  # dispatched to a lead division and, where it touches theirs, others
            outcomes=(
                ("true", "属实", "处置"),
                ("exaggerated", "夸大", "澄清"),
                ("false", "恶意虚假", "移交公安网信部门"),
            ),
        ),
        *(
            KindSpec(
                code=code,
                label=label,
                prefix=prefix,
                write_label="",
                intro="综合处登记交办，主办处室会同会办处室办理，自交办之日起{period}内答复；答复前须与"
                + who
                + "沟通联系，答复去除姓名、联系方式和抄送范围后公开。",
                default_days=3,
                unit=ClockUnit.MONTHS,
                max_extension_days=0,
                statute=statute,
                public_form=False,
                reclassifiable=False,
                details=(
                    ("doc_number", f"{noun}编号"),
                    ("session", "届次会议"),
                    ("proposer", who_label),
                    ("contact", f"{who}联系方式"),
                    ("copy_to", "抄送范围"),
                ),
                optional_details=("contact", "copy_to"),
                private_details=("proposer", "contact", "copy_to"),
                co_divisions=True,
                contact_before_reply=True,
                publish_reply=True,
            )
            for code, label, prefix, noun, who, who_label, statute in (
                (
                    "deputy_suggestion",
                    "人大代表建议",
                    "RD",
                    "建议",
                    "代表",
                    "领衔代表",
                    "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》；本省人大代表建议、批评和意见办理办法",
                ),
                (
                    "cppcc_proposal",
                    "政协委员提案",
                    "ZT",
                    "提案",
                    "委员",
                    "提案委员",
                    "《中国人民政治协商会议全国委员会提案工作条例》；本省政协提案办理办法",
                ),
            )
        ),
    )
}

# Platforms a 舆情 is found on (the office's registration form).
OPINION_PLATFORMS = ("微博", "微信", "抖音", "快手", "今日头条", "新闻网站", "论坛贴吧", "其他")

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


def proposal_kinds() -> list[KindSpec]:
    """The kinds whose replies the office publishes de-identified (人大建议, 政协提案)."""
    return [spec for spec in KINDS.values() if spec.publish_reply]


def letter_kinds() -> list[KindSpec]:
    """The kinds a letter may be reclassified to (the office's own registers are not letters)."""
    return [spec for spec in KINDS.values() if spec.reclassifiable]


def public_kinds() -> list[KindSpec]:
    """The kinds a citizen may file on the web, in the order the start page shows them."""
    return [spec for spec in KINDS.values() if spec.public_form]


def rule_kinds() -> list[KindSpec]:
    """The kinds whose day count the admin sets (`/admin/rules`)."""
    return [spec for spec in KINDS.values() if not spec.fixed_by_law]


def kind_label(code: str) -> str:
    """The Chinese label of a kind code (the code itself when unknown, for old rows)."""
    spec = KINDS.get(str(code))
    return spec.label if spec else str(code)
