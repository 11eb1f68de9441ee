"""A labelled set of synthetic citizens' letters for de-identification, written for this project.

Every letter is built from sentences a citizen might write to a financial regulatory bureau, with
personal items planted in them (names of the citizen, relatives, bank staff and debt collectors,
house-level addresses, phones in many spellings, ID and card numbers, e-mail, WeChat, QQ, plates)
and terms that must survive (institutions, divisions, products, districts, amounts, dates, article
numbers, hotlines). The set is generated from a fixed seed: the same letters every run.

``python -m tests.knowledge_base.deid_corpus --out letters.jsonl`` writes it as JSON lines
``{"id", "text", "personal": [{"kind", "text", "fragments"}], "keep": [...]}``.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
)
RARE_SURNAMES = list("任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵")
COMPOUND = ["欧阳", "夏侯", "上官", "司马", "诸葛", "皇甫", "慕容", "司徒", "令狐", "东方", "尉迟", "公孙"]
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志德文辉力海波宁晓东雪梅丹婷慧鹏飞")
TITLES = ["经理", "先生", "女士", "阿姨", "师傅", "主任", "行长", "总", "老师", "律师", "大姐", "叔叔"]
KIN = ["我爸", "我妈", "我父亲", "我母亲", "我老公", "我丈夫", "我妻子", "我爱人", "我儿子", "我女儿"]
KIN += ["我哥哥", "我姐姐", "我弟弟", "我表哥", "我岳母", "我婆婆", "我朋友", "我同事", "我邻居"]
ROLES = ["客户经理", "理财经理", "业务员", "催收员", "信贷员", "工作人员", "法定代表人", "负责人", "柜员"]
PLACES = [
    ("广东省", "广州市", "天河区"),
    ("湖南省", "长沙市", "岳麓区"),
    ("湖南省", "长沙市", "雨花区"),
    ("北京市", "", "朝阳区"),
    ("上海市", "", "浦东新区"),
    ("江苏省", "南京市", "鼓楼区"),
    ("浙江省", "杭州市", "西湖区"),
    ("四川省", "成都市", "武侯区"),
    ("湖北省", "武汉市", "洪山区"),
    ("河南省", "郑州市", "金水区"),
    ("山东省", "济南市", "历下区"),
    ("福建省", "厦门市", "思明区"),
    ("陕西省", "西安市", "雁塔区"),
    ("河北省", "保定市", "竞秀区"),
    ("安徽省", "合肥市", "蜀山区"),
    ("辽宁省", "沈阳市", "和平区"),
    ("", "XX市", "XX区"),
    ("江西省", "南昌市", "青山湖区"),
    ("广西壮族自治区", "南宁市", "青秀区"),
    ("云南省", "昆明市", "五华区"),
]
ROADS = ["中山路", "人民路", "解放西路", "建设大道", "五一大道", "韶山北路", "芙蓉中路", "长江路", "黄河南路",
         "新华街", "文化路", "和平大街", "东风路", "学院路", "滨江大道", "幸福路", "光明巷", "桐梓坡西路",
         "劳动东路", "育才街"]  # fmt: skip
ESTATES = ["阳光花园", "幸福里小区", "金色家园", "碧桂园", "万科城", "翠苑小区", "锦绣华庭", "滨江新城",
           "书香名邸", "绿地新都会", "和园", "金桥公寓", "时代广场", "融科大厦"]  # fmt: skip
VILLAGES = [("城关镇", "大庄村"), ("东闾乡", "李家村"), ("白沙镇", "新民村"), ("黄花镇", "杨柳村")]
INSTITUTIONS = [
    "招商银行",
    "中国工商银行",
    "中国建设银行长沙分行",
    "中国农业银行",
    "交通银行",
    "平安普惠",
    "微众银行",
    "宜信普惠",
    "度小满金融",
    "蚂蚁集团",
    "长沙银行",
    "兴业银行",
    "浦发银行信用卡中心",
    "鑫源小额贷款有限公司",
    "中信融资担保有限公司",
    "华融典当行",
    "中国人寿保险公司",
    "湖南金鼎融资租赁有限公司",
    "邮储银行",
]
PRODUCTS = ["借呗", "花呗", "微粒贷", "京东白条", "网商贷", "美团月付", "安鑫理财1号", "有钱花", "信用卡"]
DIVISIONS = ["银行一处", "综合处", "地方金融监督管理局", "金融稳定处", "法规处", "非法集资处置办公室"]
ARTICLES = [
    "《防范和处置非法集资条例》第二十五条",
    "《融资担保公司监督管理条例》第二十条",
    "第三十条",
    "《商业银行法》第二十九条",
    "第12条",
    "《个人信息保护法》第二十五条",
    "《民法典》第六百八十条",
]
HOTLINES = ["12378", "95555", "12345", "95588", "400-820-8888", "12363"]


def _given(rng: random.Random) -> str:
    return "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def _name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.18:
        return rng.choice(COMPOUND) + _given(rng)
    if roll < 0.35:
        return rng.choice(RARE_SURNAMES) + _given(rng)
    return rng.choice(SURNAMES) + _given(rng)


def _luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        digits = [int(c) for c in prefix + d]
        total = sum(
            x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(reversed(digits))
        )
        if total % 10 == 0:
            return prefix + d
    raise AssertionError


def _id_number(rng: random.Random) -> str:
    body = (
        f"{rng.choice([110105, 430104, 440106, 320106, 510107, 420111])}"
        f"{rng.randint(1950, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    )
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def _mobile(rng: random.Random) -> str:
    n = f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"
    style = rng.choice(
        [
            lambda n: n,
            lambda n: n,
            lambda n: f"+86 {n}",
            lambda n: f"+86-{n}",
            lambda n: f"+86{n}".replace("+86", "+86 "),
            lambda n: f"(+86){n}",
            lambda n: f"0086 {n}",
            lambda n: f"{n[:3]}-{n[3:7]}-{n[7:]}",
            lambda n: f"{n[:3]} {n[3:7]} {n[7:]}",
            lambda n: f"{n[:3]}.{n[3:7]}.{n[7:]}",
            lambda n: f"+86 {n[:3]} {n[3:7]} {n[7:]}",
            lambda n: n.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
            lambda n: f"{n[:3]}－{n[3:7]}－{n[7:]}".translate(
                str.maketrans("0123456789", "０１２３４５６７８９")
            ),
        ]
    )
    return style(n)


def _landline(rng: random.Random) -> str:
    area, local = rng.choice([("010", 8), ("020", 8), ("0731", 8), ("0755", 8), ("0311", 7), ("025", 8)])
    number = str(rng.randint(2, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(local - 1))
    style = rng.choice(
        [
            lambda: f"{area}-{number}",
            lambda: f"({area}){number}",
            lambda: f"（{area}）{number}",
            lambda: f"{area} {number[:4]} {number[4:]}",
            lambda: f"+86-{area[1:]}-{number}",
            lambda: f"{area}-{number}转{rng.randint(100, 999)}",
        ]
    )
    return style()


def _plate(rng: random.Random) -> str:
    head = rng.choice("京沪粤湘苏浙川鄂豫鲁")
    letter = rng.choice("ABCDEFGHJK")
    body = "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5))
    if rng.random() < 0.3:
        body = "D" + "".join(rng.choice("0123456789") for _ in range(5))
    return f"{head}{letter}{rng.choice(['', '', '·'])}{body}"


@dataclass
class Letter:
    """A letter being written: its text and the labels planted in it."""

    id: str
    parts: list[str] = field(default_factory=list)
    personal: list[dict] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)

    def say(self, text: str) -> None:
        """Add a sentence."""
        self.parts.append(text)

    def pii(self, kind: str, text: str, fragments: list[str] | None = None) -> str:
        """Plant a personal item; leaking any of its fragments counts as a leak."""
        self.personal.append({"kind": kind, "text": text, "fragments": fragments or [text]})
        return text

    def term(self, text: str) -> str:
        """Plant a term that must survive."""
        self.keep.append(text)
        return text

    def as_dict(self) -> dict:
        """The labelled letter as stored."""
        return {"id": self.id, "text": "".join(self.parts), "personal": self.personal, "keep": self.keep}


def _address(rng: random.Random, letter: Letter) -> str:
    province, city, district = rng.choice(PLACES)
    letter.term(district)
    roll = rng.random()
    road, number = rng.choice(ROADS), rng.randint(1, 999)
    if roll < 0.35:
        detail = f"{road}{number}号"
        frags = [f"{road}{number}号"]
        if rng.random() < 0.6:
            detail += (
                f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 32)}0{rng.randint(1, 6)}室"
            )
    elif roll < 0.6:
        estate = rng.choice(ESTATES)
        detail = f"{road}{number}号{estate}{rng.randint(1, 30)}栋{rng.randint(101, 2806)}"
        frags = [f"{road}{number}号", estate]
    elif roll < 0.8:
        estate = rng.choice(ESTATES)
        detail = f"{estate}{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 2806)}"
        frags = [estate]
    else:
        town, village = rng.choice(VILLAGES)
        detail = f"{town}{village}{rng.randint(1, 12)}组{rng.randint(1, 99)}号"
        frags = [village]
    letter.pii("address", detail, frags)
    prefix = rng.choice([province + city + district, city + district, district, province + city + district])
    return prefix + detail


def _name_phrase(rng: random.Random, letter: Letter) -> str:
    """A person named in one of the ways letters name people."""
    n = _name(rng)
    surname = next((c for c in COMPOUND if n.startswith(c)), n[0])
    style = rng.randrange(11)
    if style == 0:
        return f"{rng.choice(KIN)}{letter.pii('name', n)}"
    if style == 1:
        return f"{letter.term(rng.choice(INSTITUTIONS))}的{rng.choice(ROLES)}{letter.pii('name', n)}"
    if style == 2:
        title = rng.choice(TITLES)
        return f"{letter.term(rng.choice(INSTITUTIONS))}的{letter.pii('name', surname + title)}"
    if style == 3:
        return f"一个叫{letter.pii('name', n)}的{rng.choice(ROLES)}"
    if style == 4:
        return f"自称姓{letter.pii('name', surname, ['姓' + surname])}的{rng.choice(ROLES)}"
    if style == 5:
        return f"{letter.pii('name', n)}{rng.choice(['先生', '女士', '经理', '阿姨'])}"
    if style == 6:
        return f"催收员{letter.pii('name', n)}"
    if style == 7:
        nickname = rng.choice(["小", "老"]) + surname
        return letter.pii("name", nickname)
    if style == 8:
        return f"{letter.pii('name', n)}（{rng.choice(['我丈夫', '我朋友', '借款人', '担保人'])}）"
    if style == 9:
        return f"{rng.choice(['我和', '我与'])}{letter.pii('name', n)}"
    return f"{letter.pii('name', n)}"


def _letter(rng: random.Random, index: int) -> Letter:
    letter = Letter(id=f"L{index:04d}")
    citizen = _name(rng)
    t = letter.term
    opening = rng.choice(
        [
            lambda: f"我叫{letter.pii('name', citizen)}，",
            lambda: f"本人{letter.pii('name', citizen)}，",
            lambda: f"尊敬的领导：您好！我是{letter.pii('name', citizen)}，",
            lambda: "领导您好，",
            lambda: f"{letter.pii('name', citizen)}反映：",
            lambda: "我想咨询一个问题。",
        ]
    )
    letter.say(opening())
    pii = letter.pii

    def inst() -> str:
        return t(rng.choice(INSTITUTIONS))

    def product() -> str:
        return t(rng.choice(PRODUCTS))

    def card() -> str:
        return _luhn_complete(
            rng.choice(["6222", "6217", "6228", "4392"]) + str(rng.randint(10**10, 10**11 - 1))
        )

    def email() -> str:
        user = rng.choice(["wang", "li.na", "zhang_w", "chen88", "mary"]) + str(rng.randint(1, 999))
        return user + "@" + rng.choice(["qq.com", "163.com", "example.com", "sina.cn"])

    def wechat_id() -> str:
        return rng.choice(["zhang", "wx_li", "Chen", "happy", "sun"]) + "_" + str(rng.randint(1000, 99999))

    def day() -> str:
        return t(f"{rng.randint(2019, 2025)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")

    def iso_day() -> str:
        return t(f"{rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")

    who = _name_phrase
    sentences = [
        lambda: f"家住{_address(rng, letter)}，",
        lambda: f"现住址：{_address(rng, letter)}。",
        lambda: (
            f"{day()}，{who(rng, letter)}推荐我在{inst()}购买了{product()}，"
            f"投入{t(f'{rng.randint(1, 50)}万元')}。"
        ),
        lambda: f"{who(rng, letter)}多次打电话催收，说不还钱就上门找{rng.choice(KIN)}。",
        lambda: (
            f"我在{product()}借款{t(f'{rng.randint(1000, 90000)}元')}，"
            f"年化利率达到{t(f'{rng.randint(18, 48)}%')}。"
        ),
        lambda: f"我的电话是{pii('mobile', _mobile(rng))}，",
        lambda: (
            f"联系方式：{pii('mobile', _mobile(rng))}（{rng.choice(['微信同号', '白天可接', '晚上打'])}）。"
        ),
        lambda: f"座机{pii('landline', _landline(rng))}，",
        lambda: f"对方的号码{pii('mobile', _mobile(rng))}一直打给我，",
        lambda: f"身份证号{pii('id_card', _id_number(rng))}，",
        lambda: f"我的银行卡号是{pii('bank_card', card())}，",
        lambda: f"还款卡{pii('bank_card', ' '.join(_chunks(card())))}被扣款，",
        lambda: f"邮箱{pii('email', email())}。",
        lambda: f"微信号：{pii('wechat', wechat_id())}，",
        lambda: f"QQ{rng.choice(['', '号', '：'])}{pii('qq', str(rng.randint(10**5, 10**10)))}，",
        lambda: f"车牌号{pii('plate', _plate(rng))}的车被{inst()}拖走了。",
        lambda: f"根据{t(rng.choice(ARTICLES))}，请{t(rng.choice(DIVISIONS))}依法处理。",
        lambda: f"我已拨打{t(rng.choice(HOTLINES))}，{inst()}说要{t(f'{rng.randint(3, 30)}个工作日')}答复。",
        lambda: f"{who(rng, letter)}和{who(rng, letter)}都可以作证。",
        lambda: f"{inst()}的{product()}合同编号{t('HT' + str(rng.randint(10**7, 10**8)))}，{iso_day()}到期。",
        lambda: f"{who(rng, letter)}让我把钱转到{inst()}的账户。",
        lambda: (
            f"希望{t(rng.choice(DIVISIONS))}督促{inst()}"
            f"退还{t(f'{rng.randint(1, 9)}.{rng.randint(1, 9)}万元')}。"
        ),
    ]
    for make in rng.sample(sentences, rng.randint(4, 8)):
        letter.say(make())
    letter.say(rng.choice(["谢谢！", "盼复。", f"此致敬礼！{letter.pii('name', citizen)}", "望尽快处理。"]))
    return letter


def _chunks(digits: str) -> list[str]:
    return [digits[i : i + 4] for i in range(0, len(digits), 4)]


def letters(count: int = 400, seed: int = 2026) -> list[dict]:
    """The labelled set: ``count`` letters from ``seed``."""
    rng = random.Random(seed)
    return [_letter(rng, i).as_dict() for i in range(count)]


def main() -> None:
    """Write the set as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as f:
        for row in letters(args.count, args.seed):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
