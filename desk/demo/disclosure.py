"""Demo requests for government information in every stage, and last year's register with its table."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from desk.cases import lifecycle, services
from desk.disclosure.annual import save_figures
from desk.disclosure.register import import_register
from desk.disclosure.services import Application, submit_request
from desk.timeutil import bureau_tz, frozen_time

# (days ago received, applicant type, name, subject, description, delivery, what happened since)
REQUESTS = [
    (
        1,
        "natural",
        "孙雨桐",
        "本市融资担保公司名录",
        "请提供本局最新公布的全省融资担保公司名录及其经营许可证编号。",
        "electronic",
        [],
    ),
    (
        3,
        "natural",
        "冯海波",
        "有关小贷公司的处罚决定",
        "请公开去年对某小额贷款公司作出的行政处罚决定书。",
        "post",
        [(1, "notify_correction", {"items": "请写明小额贷款公司的名称或处罚决定书文号", "days": 10})],
    ),
    (
        10,
        "legal",
        "某某律师事务所",
        "典当行年审结果",
        "请提供2025年度全省典当行年审结果通报（含未通过年审的典当行名单）。",
        "electronic",
        [(2, "consult", {"party": "third_party", "addressee": "某典当有限公司"})],
    ),
    (
        12,
        "business",
        "某某数据科技有限公司",
        "地方金融组织监管统计数据",
        "请提供2021年至2025年各年度全省小额贷款公司贷款余额的月度统计数据。",
        "electronic",
        [(2, "notify_fee", {"basis": "volume", "quantity": 160})],
    ),
    (
        25,
        "research",
        "某大学金融研究院",
        "交易场所清理整顿工作方案",
        "请提供本局制定的各类交易场所清理整顿工作方案全文。",
        "electronic",
        [
            (1, "notify_correction", {"items": "请说明所需方案的年份或文号", "days": 5}),
            (4, "record_correction", {}),
            (
                9,
                "submit",
                {"body": "经查，您申请的工作方案已于本局网站“政策文件”栏目公开，现随本告知书提供电子文本。"},
            ),
        ],
    ),
    (
        30,
        "natural",
        "钱晓东",
        "2025年局长信箱办理情况",
        "请提供2025年本局局长信箱收信数量和答复情况的统计。",
        "pickup",
        [
            (
                6,
                "submit",
                {"body": "现提供2025年本局局长信箱收信及答复情况统计表，请于工作日到本局政务服务窗口领取。"},
            ),
            (8, "decide_disclosure", {"outcome": "三(一)"}),
        ],
    ),
    (
        20,
        "charity",
        "某公益服务中心",
        "非法集资案件处置情况",
        "请公开2025年本省非法集资案件的立案数量、涉案金额和处置进展。",
        "electronic",
        [
            (5, "submit", {"body": "现提供2025年全省非法集资案件立案数量和涉案金额的统计。"}),
            (
                7,
                "decide_disclosure",
                {
                    "outcome": "三(二)",
                    "withheld": "个案处置进展属于正在办理的行政执法案卷信息（第十六条第二款）",
                },
            ),
        ],
    ),
    (
        5,
        "natural",
        "吴国强",
        "要求查处某投资公司",
        "某投资公司以高息为诱饵吸收存款，至今不还本金，请贵局查处并公开调查结果。",
        "paper",
        [(1, "redirect_petition", {"where": "", "make_complaint": True})],
    ),
]


def load_disclosure_demo(divisions: dict, users: dict, now: datetime) -> int:
    """File the demo requests through the real services, and import last year's register."""
    tz = bureau_tz()
    division = divisions["政策法规处"]
    office, staff, head = users["office"], users["zcfg.staff"], users["zcfg.head"]
    for index, (ago, applicant, name, subject, description, delivery, steps) in enumerate(REQUESTS):
        received_at = datetime.combine(
            now.astimezone(tz).date() - timedelta(days=ago), time(9 + index, 15), tzinfo=tz
        )
        received_at = min(received_at, now - timedelta(hours=2))
        with frozen_time(received_at):
            case, _ = submit_request(
                Application(
                    applicant_type=applicant,
                    name=name,
                    contact_person=None if applicant == "natural" else "联系人" + name[:1],
                    id_type="id_card" if applicant == "natural" else "credit_code",
                    id_number="11010519491231002X" if applicant == "natural" else "91110105MA01ABCD2X",
                    phone=f"1390000{index:04d}",
                    email=f"applicant{index}@example.com",
                    address="某省某市某区某路1号",
                    subject=subject,
                    description=description,
                    delivery=delivery,
                )
            )
        if not steps:
            continue
        if steps[0][1] != "redirect_petition":
            with frozen_time(received_at + timedelta(hours=1)):
                services.assign_case(office, case, division)
        for days, action, data in steps:
            moment = min(received_at + timedelta(days=days, hours=1), now - timedelta(minutes=30 - index))
            actor = {"redirect_petition": office, "decide_disclosure": head}.get(action, staff)
            with frozen_time(moment):
                if action == "submit":
                    services.submit_for_signoff(staff, case, data["body"])
                else:
                    lifecycle.apply(case, action, actor, **data)
    _load_last_year(now.astimezone(tz).year - 1)
    return len(REQUESTS)


def _load_last_year(year: int) -> None:
    """A past register of `year` (two requests carried on) and its entered sections 二 and 四."""
    outcomes = (
        ["予以公开"] * 14
        + ["部分公开"] * 3
        + ["属于四类过程性信息"] * 2
        + ["保护第三方合法权益"]
        + ["本机关不掌握相关政府信息"] * 9
        + ["没有现成信息需要另行制作"] * 3
        + ["信访举报投诉类申请"] * 2
        + ["重复申请"]
        + ["逾期不补正"]
    )
    applicants = ["自然人"] * 5 + ["商业企业", "自然人", "法律服务机构", "自然人", "科研机构"]
    lines = ["申请编号,收到日期,申请人类型,申请内容,办理结果,办结日期"]
    for n, outcome in enumerate(outcomes):
        received = date(year, 1 + n % 11, 3 + (n * 5) % 24)
        decided = received + timedelta(days=15 + n % 10)
        lines.append(
            f"GK{year}-{n + 1:03d},{received},{applicants[n % 10]},往年申请{n + 1},{outcome},{decided}"
        )
    lines.append(
        f"GK{year}-901,{date(year, 12, 22)},自然人,往年申请（跨年办理）,予以公开,{date(year + 1, 1, 12)}"
    )
    lines.append(f"GK{year}-902,{date(year, 12, 28)},商业企业,往年申请（尚未办结）,,")
    import_register("\n".join(lines) + "\n")
    save_figures(
        year,
        "二",
        {
            ("规章", "现行有效件数"): 3,
            ("行政规范性文件", "本年制发件数"): 6,
            ("行政规范性文件", "现行有效件数"): 41,
            ("行政许可", "本年处理决定数量"): 58,
            ("行政处罚", "本年处理决定数量"): 12,
        },
    )
    save_figures(year, "四", {("行政复议", "结果维持"): 1, ("未经复议直接起诉", "尚未审结"): 1})
