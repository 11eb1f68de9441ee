"""Demo history: several hundred past letters, one field of work per division, for the learned router.

The letters are written for the demo, not taken from any real mailbox: each is put together from
hand-written templates and phrase banks below with a fixed seed, so `python -m desk.demo.history`
rewrites desk/demo/data/history.json byte for byte. The seeder calls `load_history`, which trains
the router on them, measures it on a held-out fifth and makes it the active model.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Mapping
from pathlib import Path

from desk.extensions import db
from desk.models import Division, RouterModel
from desk.timeutil import utcnow
from knowledge_base.routing import holdout_evaluate

HISTORY_FILE = Path(__file__).resolve().parent / "data" / "history.json"
HISTORY_SEED = 2026
LETTERS_PER_DIVISION = 50
# The fifth of the history the demo router never trains on before it is measured.
HOLDOUT_SHARE = 0.2
HOLDOUT_SEED = 15

_CITIES = ["东江市", "临川市", "南屏市", "青石市", "北湖市", "云岭市", "安澜市"]
_DISTRICTS = ["城关区", "高新区", "经开区", "江北区", "新城区", "临港区", "西湖区", "东山县", "南溪县"]
_BRANDS = ["恒信", "鑫源", "华通", "盛达", "汇丰源", "金诺", "瑞祥", "宏泰", "民安", "聚财", "融通", "天禧"]
_YEARS = ["2022年", "2023年", "2024年", "去年", "前年"]
_MONTHS = ["3月", "5月", "6月", "8月", "10月", "11月", "12月", "初", "底", ""]
_RECENT = ["今年年初", "上个月", "前几个月", "春节前后", "不久前"]
_WHO = [
    "我是{city}{district}的一名退休职工，",
    "本人系{city}{district}居民，",
    "我是在{city}打工的外地人，",
    "我是{city}{district}一家小企业的负责人，",
    "我和家里人都住在{city}{district}，",
    "",
    "",
]
_OPENINGS = ["尊敬的领导：您好！", "局长您好！", "您好！", "尊敬的市金融局领导：", "", "领导好，"]
_CLOSINGS = [
    "恳请贵局调查核实，依法处理。",
    "希望有关部门尽快给予答复，谢谢！",
    "请领导百忙之中关注一下，盼复。",
    "恳请贵局帮助协调解决，感谢！",
    "望贵局予以解答，不胜感激。",
    "以上情况属实，请尽快处理。",
]

# Per division code: subjects, then the sentences a letter is built from. "{org}" is an invented
# name of the right kind, "{amount}" a sum of money, "{when}" a past moment.
_TOPICS: dict[str, dict[str, list[str]]] = {
    "zhc": {
        "org": ["市金融工作局", "贵局办事大厅", "贵局门户网站", "贵局微信公众号"],
        "subject": [
            "对局机关工作作风的意见",
            "建议公开局长信箱办理情况",
            "来访接待时间咨询",
            "关于办事大厅服务态度的反映",
            "对政务服务的几点建议",
            "局长信箱来信长期无人回复",
            "感谢贵局工作人员的帮助",
            "咨询地方金融监管局的监管范围",
        ],
        "fact": [
            "{when}我到{org}咨询事情，窗口工作人员态度生硬，问了几句就不耐烦。",
            "我{when}通过局长信箱反映过问题，至今没有任何回音，也查不到办理进度。",
            "想了解一下贵局的来访接待安排，周几可以当面反映情况，需要提前预约吗？",
            "{org}上的联系电话打了多次都没人接听，希望能公布一个真正有人值守的号码。",
            "建议贵局每月公开来信的办理数量、按期办结率和满意度，接受群众监督。",
            "我在{org}办理事项时被要求反复提交同样的材料，来回跑了三趟。",
            "希望贵局在官方微信公众号上开通留言咨询功能，方便群众反映问题。",
            "想咨询一下贵局的监管范围，哪些金融机构归地方金融监管部门管？",
            "感谢贵局工作人员耐心解答，帮我家人及时识破了骗局，避免了损失。",
            "建议在官方公众号上开通办件进度查询，方便群众了解来信办理情况。",
        ],
        "ask": [
            "希望贵局加强对工作人员的作风管理。",
            "请问来访需要携带哪些材料？",
            "请局领导督促相关人员改进服务。",
            "建议把办理流程和时限在网站上公布出来。",
        ],
    },
    "yh1": {
        "org": [
            "{brand}小额贷款有限公司",
            "{city}{brand}典当行",
            "{district}{brand}小贷公司",
            "{brand}典当有限责任公司",
        ],
        "subject": [
            "小额贷款公司砍头息",
            "小贷公司暴力催收",
            "典当行到期不让赎当",
            "咨询设立小额贷款公司的条件",
            "典当行综合费用过高",
            "如何核实小额贷款公司是否持牌",
        ],
        "fact": [
            "{when}我在{org}借了{amount}，合同写的是全款，到手却被先扣了一成“服务费”。",
            "我在{org}的贷款逾期了几天，催收人员就给我通讯录里的亲戚朋友打电话、发短信。",
            "我把金项链当在{org}，在当期内去赎当，对方说已经绝当不让赎。",
            "{org}的年化利率算下来超过百分之三十六，远高于法律保护的上限。",
            "催收人员冒充律师给我单位领导打电话，说要起诉我，严重影响我的工作。",
            "我们几家企业想在{city}发起设立一家小额贷款公司，想了解注册资本和股东条件。",
            "{org}除了月息，还收取综合费用、鉴定费和保管费，加起来比利息还高。",
            "我的当票不小心遗失了，想问{org}的东西还能不能赎回。",
            "{org}没有在网站上公示经营许可，却在小区里发传单放贷。",
        ],
        "ask": [
            "请贵局依法查处小额贷款公司的违规行为。",
            "恳请制止暴力催收。",
            "请问典当行这样做合规吗？",
            "请告知小额贷款公司的设立条件和审批流程。",
        ],
    },
    "yh2": {
        "org": [
            "{brand}融资租赁有限公司",
            "{brand}商业保理有限公司",
            "{city}{brand}资产管理有限公司",
            "{brand}融资租赁{city}分公司",
        ],
        "subject": [
            "咨询设立融资租赁公司的条件",
            "融资租赁公司以回租名义放贷",
            "商业保理公司是否需要监管许可",
            "地方资产管理公司追讨旧债",
            "融资租赁合同提前结清费用过高",
            "咨询商业保理业务范围",
        ],
        "fact": [
            "{org}以“车辆融资租赁”名义给我放款，其实就是高息借贷，还要押车。",
            "我们公司想在{city}设立一家融资租赁公司，想了解注册资本、股东和经营范围的要求。",
            "想咨询新设一家商业保理公司，在市场监管部门登记后，还需不需要到金融部门备案。",
            "{org}拿着一笔十几年前的担保债务来找我，说是从银行收购的不良资产，要我还{amount}。",
            "我和{org}签了设备回租合同，想提前结清，对方要收剩余租金的百分之十作为违约金。",
            "{org}的业务员说他们可以给中小企业做应收账款融资，我想核实他们是否合规经营。",
            "{org}把租赁物登记在自己名下，我付清全部租金后迟迟不给办理过户。",
            "{org}在网上以保理名义向个人放贷，利息很高。",
        ],
        "ask": [
            "请问融资租赁公司这样做是否合规？",
            "请告知商业保理公司的监管要求。",
            "恳请核查该公司的经营资质。",
            "请问设立融资租赁公司需要准备哪些材料？",
        ],
    },
    "bxdb": {
        "org": ["{brand}融资担保有限公司", "{city}{brand}融资担保公司", "{brand}财产保险{city}中心支公司"],
        "subject": [
            "融资担保公司拒不退还保证金",
            "担保费收取过高",
            "咨询融资担保公司设立条件",
            "保险理赔一拖再拖",
            "担保公司代偿后暴力追偿",
            "融资担保经营许可证查询",
        ],
        "fact": [
            "{when}我通过{org}在银行贷款，除了担保费还交了{amount}履约保证金，贷款还清后对方一直不退。",
            "{org}收取的担保费高达贷款额的百分之五，还另收评审费、咨询费。",
            "我们几个股东想在{city}设立一家融资担保公司，想了解注册资本和审批条件。",
            "我的车{when}出了事故，向{org}报案理赔，三个月过去了还在补材料。",
            "{org}替我代偿了贷款后，派人到我家里闹，要求我支付高额违约金。",
            "想查询{org}是否持有融资担保业务经营许可证，网上查不到。",
            "{org}要求反担保必须用房产抵押，还要我配偶签字承担连带责任。",
            "我公司办理的{org}担保贷款，担保费在放款时直接从贷款里扣除。",
        ],
        "ask": [
            "请贵局督促担保公司退还保证金。",
            "请问融资担保公司的收费有没有规定？",
            "请告知设立融资担保公司需要准备哪些材料。",
            "恳请依法查处违规收费行为。",
        ],
    },
    "jrwd": {
        "org": ["{brand}投资管理有限公司", "{brand}养老服务中心", "{brand}农业科技有限公司", "{brand}商城"],
        "subject": [
            "举报公司涉嫌非法集资",
            "养老项目高息揽储",
            "以认购林地名义吸收资金",
            "消费返利平台涉嫌集资",
            "建议加强防范非法集资宣传",
            "虚拟货币名义拉人集资",
        ],
        "fact": [
            "{org}在小区门口摆摊，承诺年化收益百分之十八、保本保息，吸收了很多老人的钱。",
            "{org}以预订养老床位为名，让老人交几万元“会员费”，每月返利。",
            "{org}让村民认购油茶林、果园，承诺每年固定分红，已经有上百户交了钱。",
            "{org}宣传购物全额返还，消费越多返得越多，拉新人还有奖励。",
            "有人以发行虚拟货币为名拉人入群，说投{amount}一年翻十倍，介绍别人进来还有提成。",
            "{org}开投资讲座送鸡蛋，讲完就推销所谓的高回报理财项目。",
            "我家老人被{org}忽悠，把养老钱全投进去了，现在血本无归。",
            "我们村很多老人不懂什么是非法集资，建议贵局多到农村开展防范宣传。",
            "建议利用短视频和微信群宣传防范非法集资知识，年轻人也容易上当。",
        ],
        "ask": [
            "请贵局尽快调查是否构成非法集资。",
            "恳请依法打击非法集资，帮我们追回资金。",
            "希望有关部门加强防范非法集资宣传。",
            "请尽快核查，避免更多群众受骗。",
        ],
    },
    "jysc": {
        "org": [
            "{city}{brand}文化产权交易中心",
            "{brand}大宗商品交易市场",
            "{city}区域性股权交易中心",
            "{brand}农产品交易所",
        ],
        "subject": [
            "交易场所产品到期无法兑付",
            "区域性股权市场挂牌企业咨询",
            "大宗商品交易平台涉嫌诈骗",
            "文交所邮币卡交易亏损",
            "交易中心限制出金",
            "地方交易场所是否经过批准",
        ],
        "fact": [
            "我在{org}认购了一款挂牌产品，{when}到期后平台一直推迟兑付。",
            "我们公司想到{org}挂牌融资，想了解挂牌条件和需要披露的信息。",
            "{org}的客服“老师”天天带单，我跟着做了几单，亏了{amount}。",
            "{when}我在{org}买了邮币卡，价格被人为拉高后暴跌，现在根本卖不出去。",
            "我在{org}账户里还有{amount}，申请出金一个月了迟迟不到账。",
            "{org}宣称是经过省政府批准的交易场所，我想核实是否属实。",
            "{org}把份额拆分成很小的单位卖给散户，还搞连续集中竞价。",
            "{org}突然停止交易，办公场所也人去楼空。",
        ],
        "ask": [
            "请贵局督促交易场所按期兑付。",
            "请问该交易场所是否在清理整顿名单内？",
            "恳请贵局介入调查。",
            "请告知区域性股权市场挂牌的办理流程。",
        ],
    },
    "mjrz": {
        "org": ["{brand}网贷平台", "{brand}贷", "{city}民间融资登记服务中心", "{brand}投资咨询有限公司"],
        "subject": [
            "P2P平台清退进度咨询",
            "网贷平台停止兑付",
            "网贷清退多年仍未兑付",
            "民间融资登记服务中心收费",
            "投资咨询公司代客理财",
            "冒充网贷债权受让方催收",
        ],
        "fact": [
            "我在{org}出借了{amount}，{when}平台宣布清退，到现在只兑付了一点点。",
            "网贷平台{org}已经退出经营，想了解现在的清退进度和兑付方案。",
            "{org}{when}停业后，有人自称买下了平台的债权，打电话让我还款。",
            "我想通过{org}登记一笔民间借贷，对方要收取借款金额百分之二的服务费。",
            "{org}接受客户委托代为炒股理财，承诺保底收益，亏损后不认账。",
            "{org}的出借人清退群里说兑付方案还要再等，已经拖了好几年了。",
            "{org}的借款人恶意逃废债，平台清退后我们出借人的钱没人追。",
            "{org}宣称是合规的民间借贷撮合平台，我想核实一下。",
        ],
        "ask": [
            "请问网贷平台清退的兑付方案在哪里公布？",
            "恳请加快推进清退兑付工作。",
            "请问民间融资登记服务中心的收费是否合规？",
            "请核实该公司是否有代客理财的资质。",
        ],
    },
    "zcfg": {
        "org": ["贵局", "市金融工作局", "省地方金融监督管理局"],
        "subject": [
            "申请公开小额贷款公司监管文件",
            "政府信息公开申请",
            "对行政处罚决定申请行政复议",
            "地方金融条例有关条款咨询",
            "申请公开某公司的行政许可信息",
            "对规范性文件提出修改意见",
        ],
        "fact": [
            "根据《政府信息公开条例》，我申请公开{org}{when}对某公司作出的行政处罚决定书。",
            "我申请获取{org}关于本市小额贷款公司年度监管评级的相关文件。",
            "我对{org}作出的行政处罚决定不服，想了解申请行政复议的期限和程序。",
            "想咨询《地方金融监督管理条例》中关于地方金融组织变更事项的规定。",
            "请依申请公开{org}批准某融资担保公司设立的行政许可信息。",
            "{org}发布的规范性文件中有几处表述不清，容易引起误解，建议修改。",
            "我{when}提交的信息公开申请已超过二十个工作日仍未答复。",
            "想了解{org}制定的行政执法裁量基准是否已经公开。",
        ],
        "ask": [
            "请依法在法定期限内答复。",
            "请问可以通过什么方式获取上述信息？",
            "请告知行政复议机关和申请方式。",
            "望予以解释说明。",
        ],
    },
    "rsc": {
        "org": ["贵局", "局属事业单位", "市金融工作局"],
        "subject": [
            "公开招聘报名资格咨询",
            "事业单位招聘考试成绩查询",
            "干部人事档案转递",
            "遴选公务员岗位条件咨询",
            "实习生招募咨询",
            "招聘公示结果有疑问",
        ],
        "fact": [
            "看到{org}发布的公开招聘公告，我是金融学专业应届硕士，想确认是否符合报名条件。",
            "我参加了{org}{when}的招聘笔试，想问成绩什么时候公布、在哪里查询。",
            "我已调离{org}，人事档案迟迟没有转到新单位，影响办理入职手续。",
            "{org}遴选公务员的岗位要求两年基层工作经历，我的社区工作经历是否算在内？",
            "我是在校大学生，想了解{org}暑期是否招收实习生。",
            "{org}招聘结果公示的拟录用人员专业似乎与岗位要求不符，请核实。",
            "想咨询{org}招聘的岗位是否限制户籍和年龄。",
            "我通过了{org}的面试，体检之后一直没有接到考察通知。",
        ],
        "ask": [
            "请人事部门予以解答。",
            "请问报名材料需要哪些？",
            "恳请尽快办理档案转递。",
            "请核实招聘过程是否合规。",
        ],
    },
}


def _fill(template: str, rng: random.Random, org: str) -> str:
    city, district = rng.choice(_CITIES), rng.choice(_DISTRICTS)
    amount = f"{rng.choice([3, 5, 8, 12, 20, 30, 50, 80])}{rng.choice(['万元', '千元', '万多元'])}"
    when = rng.choice(_RECENT) if rng.random() < 0.3 else rng.choice(_YEARS) + rng.choice(_MONTHS)
    return template.format(
        org=org, brand=rng.choice(_BRANDS), city=city, district=district, amount=amount, when=when
    )


# Real letters mention other institutions in passing; these sentences put one of another
# division's into a letter, so that the router has to weigh what the letter is about.
_ASIDES = [
    "之前我也找过{other}，对方说这事不归他们管。",
    "我听说{other}也在做类似的业务。",
    "我在{other}也遇到过问题，这次先反映这一件。",
    "这件事和{other}有没有关系我也说不清楚。",
]


def _letter(code: str, rng: random.Random) -> dict[str, str]:
    topic = _TOPICS[code]
    org = _fill(rng.choice(topic["org"]), rng, "")
    # a few letters say almost nothing beyond their subject, as real ones do
    facts = [] if rng.random() < 0.12 else rng.sample(topic["fact"], rng.randint(1, 2))
    body = [_fill(f, rng, org) for f in facts]
    other = _TOPICS[rng.choice([c for c in _TOPICS if c != code])]
    if rng.random() < 0.4:
        aside = rng.choice(_ASIDES).replace("{other}", _fill(rng.choice(other["org"]), rng, ""))
        body.insert(rng.randint(0, len(body)), aside)
    elif rng.random() < 0.3:
        # a second, lesser matter: the letter still goes to the division of the first one
        second = _fill(rng.choice(other["fact"]), rng, _fill(rng.choice(other["org"]), rng, ""))
        body.append("另外顺便反映一下，" + second)
    parts = [
        rng.choice(_OPENINGS),
        _fill(rng.choice(_WHO), rng, org),
        *body,
        rng.choice(topic["ask"]),
        rng.choice(_CLOSINGS),
    ]
    return {"division": code, "subject": rng.choice(topic["subject"]), "content": "".join(parts)}


def generate_history(seed: int = HISTORY_SEED, per_division: int = LETTERS_PER_DIVISION) -> list[dict]:
    """The demo's past letters ({division code, subject, content}), the same for the same seed."""
    rng = random.Random(seed)
    letters = [_letter(code, rng) for code in _TOPICS for _ in range(per_division)]
    rng.shuffle(letters)
    return letters


def read_history(path: Path = HISTORY_FILE) -> list[dict]:
    """The stored demo history."""
    return json.loads(path.read_text(encoding="utf-8"))


def load_history(divisions: Mapping[str, Division]) -> RouterModel | None:
    """Train the demo router on the history letters and make it active (caller commits).

    divisions maps the demo's division codes to their rows; the keyword rules must already be set.
    The quality shown to the admin is measured on a held-out fifth the router did not train on;
    the active model is then trained on every letter.
    """
    from desk.knowledge.routing import keyword_rules, suggest_threshold

    letters = [h for h in read_history() if h["division"] in divisions]
    if not letters:
        return None
    started = utcnow()
    texts = [f"{h['subject']}\n{h['content']}" for h in letters]
    labels = [str(divisions[h["division"]].id) for h in letters]
    router, quality = holdout_evaluate(
        texts, labels, keyword_rules(), HOLDOUT_SHARE, seed=HOLDOUT_SEED, threshold=suggest_threshold()
    )
    names = {str(d.id): d.name for d in divisions.values()}
    summary = {
        "source": "演示历史来信",
        "evaluation": "holdout",
        "macro_f1": round(quality.macro_f1, 4),
        "accuracy": round(quality.accuracy, 4),
        "calibration_error": round(quality.expected_calibration_error, 4),
        "n_train": quality.n_train,
        "n_test": quality.n_test,
        "threshold": quality.at_threshold.threshold,
        "coverage": round(quality.at_threshold.coverage, 4),
        "accuracy_at_threshold": round(quality.at_threshold.accuracy, 4),
        "per_division": {names.get(k, k): round(v, 4) for k, v in quality.per_label_f1.items()},
        "seconds": round((utcnow() - started).total_seconds(), 1),
    }
    model = RouterModel(
        trained_at=utcnow(),
        n_cases=len(letters),
        quality=json.dumps(summary, ensure_ascii=False),
        blob=router.to_bytes(),
        active=True,
    )
    db.session.add(model)
    db.session.flush()
    return model


def main(argv: list[str] | None = None) -> None:
    """Write the generated history to desk/demo/data/history.json."""
    path = Path(argv[0]) if argv else HISTORY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(generate_history(), ensure_ascii=False, indent=1) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"{path}: {len(generate_history())} letters")


if __name__ == "__main__":
    main(sys.argv[1:])
