"""The statutory taxonomy of the annual report (国办公开办函〔2021〕30号) and the 2019 regulations.

Section 三's rows are addressed as the desk's JSON and XLSX write them ("三(三)6"); each leaf row
is an outcome a request may end with, with the label the table prints, the article it rests on
and the words of its notice (告知书).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The columns of section 三: the applicant types, then the total.
APPLICANT_TYPES: tuple[tuple[str, str], ...] = (
    ("natural", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("charity", "社会公益组织"),
    ("legal", "法律服务机构"),
    ("other", "其他"),
)
COLUMNS: tuple[str, ...] = (*(label for _, label in APPLICANT_TYPES), "总计")
APPLICANT_LABELS = dict(APPLICANT_TYPES)
APPLICANT_BY_LABEL = {label: code for code, label in APPLICANT_TYPES}

DELIVERY = (("paper", "纸质"), ("electronic", "电子"), ("post", "邮寄"), ("pickup", "自行领取"))
DELIVERY_LABELS = dict(DELIVERY)
ID_TYPES = (("id_card", "居民身份证"), ("credit_code", "统一社会信用代码"), ("other", "其他有效证件"))
ID_TYPE_LABELS = dict(ID_TYPES)

REMEDIES = (
    "申请人对本告知不服的，可以自收到本告知书之日起60日内依法申请行政复议，"
    "或者自收到本告知书之日起6个月内依法向人民法院提起行政诉讼。"
)


@dataclass(frozen=True)
class Outcome:
    """A leaf row of section 三: what a request ended with."""

    row: str  # 三(三)6
    label: str  # as the table writes it: 属于四类过程性信息
    group: str  # 不予公开
    basis: str  # the article it rests on
    notice: str  # what the notice tells the applicant
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.group}（{self.label}）" if self.group != self.label else self.label


R = "《中华人民共和国政府信息公开条例》"
OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "三(一)",
        "予以公开",
        "予以公开",
        f"{R}第三十六条第（二）项",
        "您申请公开的政府信息属于公开范围，现予以公开，提供方式见下文。",
    ),
    Outcome(
        "三(二)",
        "部分公开",
        "部分公开",
        f"{R}第三十七条",
        "您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理，现向您提供可以公开的部分，"
        "不予公开的部分及理由如下。",
        ("部分公开（区分处理的，只计这一情形，不计其他情形）",),
    ),
    Outcome(
        "三(三)1",
        "属于国家秘密",
        "不予公开",
        f"{R}第十四条",
        "您申请公开的政府信息属于国家秘密，依法不予公开。",
    ),
    Outcome(
        "三(三)2",
        "其他法律行政法规禁止公开",
        "不予公开",
        f"{R}第十四条",
        "您申请公开的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。",
    ),
    Outcome(
        "三(三)3",
        "危及“三安全一稳定”",
        "不予公开",
        f"{R}第十四条",
        "您申请公开的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。",
        ('危及"三安全一稳定"', "危及三安全一稳定"),
    ),
    Outcome(
        "三(三)4",
        "保护第三方合法权益",
        "不予公开",
        f"{R}第十五条",
        "您申请公开的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，"
        "第三方不同意公开，依法不予公开。",
    ),
    Outcome(
        "三(三)5",
        "属于三类内部事务信息",
        "不予公开",
        f"{R}第十六条第一款",
        "您申请公开的政府信息属于人事管理、后勤管理、内部工作流程等内部事务信息，可以不予公开。",
    ),
    Outcome(
        "三(三)6",
        "属于四类过程性信息",
        "不予公开",
        f"{R}第十六条第二款",
        "您申请公开的政府信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息，可以不予公开。",
    ),
    Outcome(
        "三(三)7",
        "属于行政执法案卷",
        "不予公开",
        f"{R}第十六条第二款",
        "您申请公开的政府信息属于行政执法案卷信息，可以不予公开。",
    ),
    Outcome(
        "三(三)8",
        "属于行政查询事项",
        "不予公开",
        f"{R}第三十六条第（七）项",
        "您申请获取的信息属于有关法律、行政法规对获取另有特别规定的查询事项，请依照其规定办理。",
    ),
    Outcome(
        "三(四)1",
        "本机关不掌握相关政府信息",
        "无法提供",
        f"{R}第三十六条第（四）项、第（五）项",
        "经检索，本机关没有制作或获取您申请公开的政府信息，该政府信息不存在；"
        "能够确定负责公开的机关的，一并告知其名称和联系方式。",
    ),
    Outcome(
        "三(四)2",
        "没有现成信息需要另行制作",
        "无法提供",
        f"{R}第三十八条",
        "您申请提供的信息需要本机关对现有政府信息进行加工、分析，依法可以不予提供。",
    ),
    Outcome(
        "三(四)3",
        "补正后申请内容仍不明确",
        "无法提供",
        f"{R}第三十条",
        "您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。",
    ),
    Outcome(
        "三(五)1",
        "信访举报投诉类申请",
        "不予处理",
        f"{R}第三十九条第一款",
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动，不属于政府信息公开申请，"
        "本机关不作为政府信息公开申请处理，并告知您通过相应渠道提出。",
    ),
    Outcome(
        "三(五)2",
        "重复申请",
        "不予处理",
        f"{R}第三十六条第（六）项",
        "本机关已就您申请公开的政府信息向您作出答复，您重复申请公开相同政府信息，本机关不予重复处理。",
    ),
    Outcome(
        "三(五)3",
        "要求提供公开出版物",
        "不予处理",
        f"{R}第三十九条第二款",
        "您申请获取的是公开出版物，请通过公开渠道获取，本机关可以不予提供。",
    ),
    Outcome(
        "三(五)4",
        "无正当理由大量反复申请",
        "不予处理",
        f"{R}第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由或理由不合理，本机关不予处理。",
    ),
    Outcome(
        "三(五)5",
        "要求行政机关确认或重新出具已获取信息",
        "不予处理",
        f"{R}第三十九条第二款",
        "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请，本机关可以不予处理。",
    ),
    Outcome(
        "三(六)1",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "其他处理",
        f"{R}第三十条",
        "本机关已于告知的期限内通知您补正申请，您无正当理由逾期未补正，视为放弃申请，本机关不再处理该申请。",
        ("逾期不补正",),
    ),
    Outcome(
        "三(六)2",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他处理",
        f"{R}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "本机关已向您发出收费通知，您逾期未按通知要求缴纳信息处理费，本机关不再处理该申请。",
        ("逾期未缴费",),
    ),
    Outcome("三(六)3", "其他", "其他处理", f"{R}第三十六条", "您的申请已按下述情况处理。"),
)
OUTCOME_BY_ROW: dict[str, Outcome] = {o.row: o for o in OUTCOMES}
LEAF_ROWS: tuple[str, ...] = tuple(o.row for o in OUTCOMES)
# Every row of section 三 as the JSON writes them, in the table's order.
ROWS: tuple[str, ...] = ("一", "二", *LEAF_ROWS, "三(七)", "四")
ROW_TITLES: dict[str, str] = {
    "一": "一、本年新收政府信息公开申请数量",
    "二": "二、上年结转政府信息公开申请数量",
    "三(七)": "（七）总计",
    "四": "四、结转下年度继续办理",
}
GROUP_TITLES = {
    "三(一)": "（一）予以公开",
    "三(二)": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "三(三)": "（三）不予公开",
    "三(四)": "（四）无法提供",
    "三(五)": "（五）不予处理",
    "三(六)": "（六）其他处理",
}
# Outcomes the division head may choose at sign-off (the others end the request on their own path).
SIGN_OFF_OUTCOMES = tuple(o for o in OUTCOMES if o.row not in ("三(五)1", "三(六)1", "三(六)2"))


def _normal(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’]", "", text)


_BY_LABEL = {_normal(name): o for o in OUTCOMES for name in (o.label, *o.aliases)}


def outcome_by_label(label: str) -> Outcome | None:
    """The outcome whose table label (or a common short form) is `label`; quotes and spaces ignored."""
    return _BY_LABEL.get(_normal(label))


# Section 二 (主动公开政府信息情况) and section 四 (行政复议、行政诉讼情况): staff enter them.
SECTION_TWO: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("规章", ("本年制发件数", "本年废止件数", "现行有效件数")),
    ("行政规范性文件", ("本年制发件数", "本年废止件数", "现行有效件数")),
    ("行政许可", ("本年处理决定数量",)),
    ("行政处罚", ("本年处理决定数量",)),
    ("行政强制", ("本年处理决定数量",)),
    ("行政事业性收费", ("本年收费金额（万元）",)),
)
REVIEW_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结")
SECTION_FOUR: tuple[str, ...] = ("行政复议", "未经复议直接起诉", "复议后起诉")
