"""Person names: LAC's PER entities, checked and completed by rules.

The model finds most names (王建国, 欧阳娜娜); rules add what it misses: a surname with a title
(王经理, 李阿姨, 张总), a name after a kinship or role word (我爸张德明, 催收员刘强, 一个叫孙浩的),
``姓赵``, 老王/小李, and compound surnames (上官建国, 夏侯明轩). The names the citizen gave are
masked wherever they occur, with their surname before a title (张先生 for 张伟).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from knowledge_base.ner import Token

__all__ = ["COMPOUND_SURNAMES", "SURNAMES", "name_spans"]

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌"
    "毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦"
    "褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘"
    "池查麻苑迟邝蔺黄封庹练湛郁揭佀"
)
COMPOUND_SURNAMES = (
    "欧阳",
    "夏侯",
    "上官",
    "司马",
    "诸葛",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "令狐",
    "独孤",
    "南宫",
    "西门",
    "呼延",
    "端木",
    "轩辕",
    "澹台",
    "东郭",
    "万俟",
    "闻人",
    "赫连",
    "钟离",
    "宗政",
    "濮阳",
    "太史",
    "申屠",
    "公羊",
    "拓跋",
    "左丘",
)
_COMPOUND = "|".join(COMPOUND_SURNAMES)
# 东方 is a surname too, but too common a word to count as a name on its own (东方财富).
_SURNAME = f"(?:{_COMPOUND}|东方|[{''.join(sorted(SURNAMES))}])"
_CJK = r"[\u4e00-\u9fff]"

# Titles that follow a name: 王经理, 李阿姨, 欧阳先生.
TITLES = (
    "客户经理|理财经理|信贷经理|总经理|副总经理|经理|先生|女士|小姐|阿姨|叔叔|大爷|大妈|大姐|大哥|大叔|大娘|"
    "师傅|老师|律师|医生|主任|科长|处长|局长|副局长|行长|副行长|董事长|总监|主管|专员|顾问|警官|同志|老板|"
    "会计|出纳|法官|所长|队长|村长|书记|老太太|老太|老人|奶奶|爷爷|伯伯|总"
)
_TITLE_RE = re.compile(f"(?:{TITLES})")
# Words after which a name follows: kinship (我爸), roles (催收员), introductions (名叫).
CUES = (
    "我爸爸|我妈妈|我爸|我妈|父亲|母亲|老公|丈夫|妻子|老婆|爱人|儿子|女儿|哥哥|姐姐|弟弟|妹妹|岳父|岳母|"
    "公公|婆婆|爷爷|奶奶|外公|外婆|舅舅|姑姑|叔叔|阿姨|朋友|同事|同学|邻居|亲戚|表哥|表姐|表弟|表妹|堂哥|"
    "堂姐|侄子|外甥|女婿|儿媳|孙子|孙女|前夫|前妻|男友|女友|"
    "催收员|催收人员|催收|业务员|客户经理|理财经理|信贷员|信贷经理|工作人员|员工|职员|柜员|经理|法人代表|"
    "法定代表人|法人|负责人|老板|股东|借款人|出借人|担保人|联系人|介绍人|中介|律师|代理人|收款人|户名|"
    "开户名|账户名|名为|自称是|自称|委托人|申请人|投诉人|举报人|当事人|"
    "房东|租客|买家|卖家|老师|主任|行长|董事长|总经理|会计|出纳|叫"
)
_AFTER_CUE = re.compile(f"(?:{CUES})(?:[是为叫:：]|的是)?\\s*({_SURNAME}{_CJK}{{1,2}})")
# The writer introducing someone (or themselves): the name follows whatever the model thinks of it.
INTRODUCTIONS = (
    "我叫|我的名字是|我的名字叫|本人|我是|姓名|名字|名叫|叫做|联系人|署名|落款|签名|一个叫|一位叫|他叫|她叫|"
    "此致敬礼[！!]?|敬礼[！!]|来信人|反映人"
)
_INTRODUCED = re.compile(f"(?:{INTRODUCTIONS})[:：]?\\s*({_SURNAME}{_CJK}{{1,2}})")
# The same with a space typed between surname and given name (联系人 王 芳, 我叫李　建国).
_SPACED_INTRODUCED = re.compile(
    f"(?:{INTRODUCTIONS})[:：]?\\s*({_SURNAME})[ \u3000]+({_CJK}{{1,2}})"
    r"(?=[，,。.、；;：:！!？?\s（()）]|$|电话|手机|身份证|联系)"
)
# A person introduced by name: it may be a given name alone (他叫海燕), or start with any surname.
# (叫做 and 名叫 name platforms and places too: 一个叫做鼎功桥的, 名叫钱多多的平台.)
_NAMED = re.compile(f"(?:他叫|她叫|他名叫|她名叫)[:：]?\\s*({_CJK}{{2,3}})")
# People a writer names after a kinship or role word (我同事高峰): with an ordinary word for a name
# the model tags it a common noun. Such a word counts as a name when a name's usual company follows
# (a verb, 和/也/给/跟..., punctuation, the end), never when it reads as a compound (同事关系很好).
_NAME_COMPANY = r"(?=$|[，,。！!？?、；;：:（(\s]|[说讲和跟与也就让给对都在是还又已打来去把被向一])"
# An adjective after such a word is a name only when the person then does something (法人代表高明说),
# not at the end of a phrase (让老师安心。).
_SAYS = re.compile("[说讲和跟与也就让给对都在是还又已打来去把被向]")
_PERSON_CUE = re.compile(f"(?:{CUES.replace('|叫', '')})\\s*({_SURNAME}{_CJK}){_NAME_COMPANY}")
# Characters that end a two-character given name often (高峰, 高明, 黄金): 费用, 方面, 金额, 白色 or
# 安心 after a role or kinship word are not names.
_GIVEN_NAME_CHARS = frozenset(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志德文辉力海波宁晓东雪梅丹婷慧鹏飞峰燕琳"
    "颖琴云莉欣佳瑶怡婕蕾薇晶璐倩妍雯菲萱宇浩轩博涵泽昊然豪俊凯鑫瑞阳亮斌松林森楠柏杨桦彬琦琪蓉荣春秋冬夏"
    "雨霜露梦玲翠凤鸣龙虎彪鹤鸿雁鹰翔翼腾达成兴旺盛昌隆福禄寿喜庆祥吉康健顺永久恒远毅坚武威彤晨曦旭昕晖朗"
    "耀灿煜炜烨焕金铭锋钧铁银钢锦绣纯洁清淼洪江河泉溪沛润源深树杉梓桐榕柳枫竹菊莲荷芝芸芬苗茜莎蕊茹蓓蔚兵"
    "宝贵珍珠琼珊玮琛瑛婉娴婧娇媛姗姝妮娅俪美娥彩虹山石岩峻崇嵩岚峥立义仁礼智忠孝贤良善才彦思敬恩惠慈爱欢"
    "悦宜安宏广伦雄帆舟航振卫勤俭朴"
)
# Two-character nouns seen after such words that are not people (人员关系, 朋友圈子, 同事聚会).
_CUE_NOUNS = frozenset(
    [
        "关系",
        "聚会",
        "介绍",
        "推荐",
        "群里",
        "家里",
        "单位",
        "公司",
        "电话",
        "手机",
        "微信",
        "信息",
        "名下",
        "账户",
        "账号",
        "资料",
        "身份",
        "合同",
        "钱款",
        "资金",
        "房子",
        "车子",
        "孩子",
        "工作",
        "帮忙",
        "关照",
        "朋友",
        "同事",
        "同学",
        "亲戚",
        "家人",
        "一起",
        "一样",
        "都是",
        "也是",
        "说明",
        "告知",
        "解释",
        "表示",
    ]
)
# 江宁玉反映： at the start of a letter or a sentence.
_WRITER = re.compile(
    f"(?:^|(?<=[。！？!?\\n：:；;]))\\s*({_SURNAME}{_CJK}{{1,2}}?)(?=反映|投诉|举报|来信|留言|咨询|诉称|称|同志|[:：，,]\\s*(?:您好|你好))"
)
_TITLE_AFTER = f"(?:{TITLES})(?![额计共数体部结之行局公裁监])"
# A lookahead, so that every start is tried (司的高总 must not hide 高总).
_SURNAME_TITLE = re.compile(f"(?=({_SURNAME})({_CJK}{{0,2}}?){_TITLE_AFTER})")
_XING = re.compile(f"(?<![百同])姓({_SURNAME})(?!{_CJK}{{2}}(?:公司|银行))")
_LAO_XIAO = re.compile(f"[老小](?![时师康明成文方安常全和于年宁米公])({_SURNAME})")  # not 老公
_AFTER_NICKNAME = frozenset("说讲和跟与也就让给对多推都在是的还又已打来去把被向、，,。.！!？?：:（(")
_COMPOUND_NAME = re.compile(f"(?:{_COMPOUND}){_CJK}{{1,2}}")
# A name is seldom followed by these as its third character: 张德明在 → 张德明, 刘强在 → 刘强.
_NOT_NAME_CHARS = frozenset(
    "在是的了和说也都从去来被把给向跟与及等今于曾已就还又才让叫对以为将要会能可不没有打称讲很太最等先后共多反"
    "欠借还催收骗拿找带到买卖告诉问答应说道男女岁年月日号元万块个人家里这那之其各每某一二三四五六七八九十"
)
# Words LAC sometimes tags PER that are not people here.
_NOT_PEOPLE = frozenset(
    [
        "借呗",
        "花呗",
        "白条",
        "微粒贷",
        "网商贷",
        "度小满",
        "支付宝",
        "余额宝",
        "公积金",
        "社保",
        "信用卡",
        "信访",
        "局长信箱",
        "综合处",
        "法律顾问",
    ]
)
# Function words never start a name; entities of other kinds seldom do.
_FUNCTION_TAGS = frozenset(["m", "q", "w", "c", "p", "u", "d", "r", "xc", "f", "TIME"])
_VERB_TAGS = frozenset(["v", "vd", "ad", "vn"])
_NOT_NAME_TAGS = frozenset(
    ["ORG", "LOC", "TIME", "m", "q", "w", "nw", "c", "p", "u", "d", "r", "xc", "f", "s", "t"]
)
# Words after a PER word that make it an institution: 华融典 + 当行.
_ORG_AFTER = re.compile(
    r"(?:当行|银行|公司|集团|保险|证券|基金|信托|金融|典当|小贷|担保|租赁|支行|分行|理财|控股|科技|网络|投资|资产|财富|"
    r"普惠|资本|实业|商贸|贸易|传媒|咨询|金服|合作社|平台|门店|基金会)"
)
# Not names although they start with a surname character.
_NOT_NAMES = frozenset(
    [
        "市民",
        "群众",
        "网友",
        "居民",
        "村民",
        "业主",
        "学生",
        "老师",
        "农民",
        "农民工",
        "职工",
        "员工",
        "投资人",
        "出借人",
        "借款人",
        "受害人",
        "当事人",
        "消费者",
        "老人",
        "外地人",
        "本地人",
        "公司",
        "法人",
        "股东",
        "退休",
        "退休职工",
        "党员",
        "会员",
        "客户",
        "司机",
        "商户",
        "个体户",
        "教师",
        "工人",
        "军人",
        "医生",
        "残疾人",
        "申请人",
        "投诉人",
        "举报人",
        "代理人",
        "家属",
        "单位",
        "银行",
        "保险",
        "担保",
        "贷款",
        "借款",
        "金融",
    ]
)
_LOCATION_SUFFIX = re.compile(r"(?:路|街|巷|省|市|区|县|镇|乡|村|银行|公司|支行|分行|处|局|园|城|苑)$")


# Without the model there are no word boundaries: a 2–3 character name right after an introduction.
_PLAIN_INTRO = re.compile(
    r"(?:我叫|我的名字是|我的名字叫|本人|我是|姓名[:：]?\s*|名字[:：]\s*|联系人[:：]?\s*)"
    r"([\u4e00-\u9fff]{2,3}?)(?=[，,。.、；;：:！!？?\s（(]|$|电话|手机|身份证|联系|男|女|今年|家住|住|现|在|是)"
)


def _trim_given(candidate: str) -> str:
    """``张德明在`` style over-reach: drop trailing characters that rarely end a name."""
    while len(candidate) > 2 and candidate[-1] in _NOT_NAME_CHARS:
        candidate = candidate[:-1]
    return candidate


def _strip_title(start: int, word: str) -> tuple[int, int]:
    """The span of the name inside a PER word such as 王经理 or 李阿姨 (the title stays)."""
    m = re.search(f"(?:{TITLES})$", word)
    if m and m.start() >= 1:
        return start, start + m.start()
    return start, start + len(word)


def name_spans(
    text: str,
    tokens: list[Token],
    known_names: Iterable[str] = (),
    is_place: Callable[[str], bool] = lambda word: False,
) -> Iterator[tuple[int, int]]:
    """(start, end) of every person name in ``text``; overlaps are left to the caller.

    ``is_place`` says whether a word the model tagged LOC is a real place (then it is no name).
    """
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    token_at = {}
    for t in tokens:
        for i in range(t.start, t.end):
            token_at[i] = t

    for t in tokens:
        if t.tag == "PER" and _plausible_person(t.text) and not _ORG_AFTER.match(text, t.end):
            if t.start and text[t.start - 1] in '“「《"' and text[t.end : t.end + 1] not in '”」》"':
                continue  # the start of a quoted product or company name: “博睿资本”
            yield _strip_title(t.start, t.text)

    for m in _SURNAME_TITLE.finditer(text):
        start, end = m.start(1), m.end(2)
        covering = token_at.get(start)
        if start not in starts or covering is None:
            continue  # the surname is the tail of another word: 资金总额, 金融局长
        surname = m.group(1)
        own_word = covering.tag != "PER" and len(covering.text) >= 2 and covering.text != surname
        if own_word and (m.group(2) or not _TITLE_RE.fullmatch(covering.text[len(surname) :])):
            continue  # 项目 in 项目经理, 党组 in 党组副书记 are words of their own; 高总 is a name
        given = token_at.get(start + len(surname)) if m.group(2) else None
        if covering.tag in _FUNCTION_TAGS or (m.group(2) and end not in ends):
            continue  # 和 + 法律顾问: a conjunction, and a given name that runs into the title
        if given is not None and given.tag in _FUNCTION_TAGS:
            end = start + len(surname)  # 姓佟的女士: the surname alone
        yield start, end

    def candidate(m: re.Match, strong: str) -> tuple[int, int] | None:
        # strong: "introduced" (我叫, 本人: whatever the model says), "writer" (X反映：), "cue" (催收员X)
        name, start = _trim_given(m.group(1)), m.start(1)
        covering = token_at.get(start)
        if covering is None or name in _NOT_PEOPLE or name in _NOT_NAMES or covering.text in _NOT_NAMES:
            return None
        if covering.tag == "PER" and covering.start == start:
            return _strip_title(start, covering.text)
        if start not in starts or _LOCATION_SUFFIX.search(name) or _ORG_AFTER.match(text, start + len(name)):
            return None  # 法定代表人和中国… : 和 ends another word here
        if start + len(name) not in ends:
            return None  # the name would end inside a word: 本人于去年, 经理说明, 叫停
        if strong == "introduced":
            return start, start + len(name)
        given = token_at.get(covering.end) if covering.end < start + len(name) else None
        if covering.tag in _FUNCTION_TAGS | _VERB_TAGS or (
            given and given.tag in _FUNCTION_TAGS | _VERB_TAGS
        ):
            return None  # 关于您反映, 申请人应具备
        if strong == "writer":
            return start, start + len(name)
        if covering.tag not in ("PER", "LOC", "ORG") and len(covering.text) > 1:
            return None  # an ordinary word after a cue: 亲戚关系
        if covering.tag in _NOT_NAME_TAGS and not (
            covering.tag == "LOC" and covering.text == name and not is_place(name)
        ):
            return None  # but 催收员孟德丹 (tagged LOC, and no place) is a name
        return start, start + len(name)

    for pattern, strong in ((_INTRODUCED, "introduced"), (_WRITER, "writer"), (_AFTER_CUE, "cue")):
        for m in pattern.finditer(text):
            span = candidate(m, strong)
            if span:
                yield span

    for m in _NAMED.finditer(text):
        start = m.start(1)
        covering = token_at.get(start)
        if covering is None or covering.start != start or covering.tag in _FUNCTION_TAGS | _VERB_TAGS:
            continue
        name = covering.text if covering.end <= m.end(1) else _trim_given(m.group(1))
        if (
            len(name) >= 2
            and name not in _NOT_NAMES | _NOT_PEOPLE
            and not _ORG_AFTER.match(text, start + len(name))
        ):
            yield start, start + len(name)
    for m in _PERSON_CUE.finditer(text):
        start, name = m.start(1), m.group(1)
        covering = token_at.get(start)
        if (
            covering is not None
            and covering.start == start
            and covering.text == name
            and name[-1] in _GIVEN_NAME_CHARS
            and (covering.tag in ("n", "nz", "PER") or (covering.tag == "a" and _SAYS.match(text, m.end(1))))
            and name not in _CUE_NOUNS | _NOT_NAMES | _NOT_PEOPLE
        ):
            yield start, start + 2
    for m in _XING.finditer(text):
        yield m.start(1), m.end(1)
    for m in _LAO_XIAO.finditer(text):
        covering = token_at.get(m.start())
        whole_word = covering is not None and covering.start == m.start() and covering.end <= m.end()
        followed = m.end() == len(text) or text[m.end()] in _AFTER_NICKNAME
        if (whole_word or followed) and (covering is None or covering.tag not in _FUNCTION_TAGS):
            yield m.start(), m.end()
    for m in _COMPOUND_NAME.finditer(text):
        name, start = _trim_given(m.group()), m.start()
        covering = token_at.get(start)
        # 上官建国 unless the model split the surname off: 登上官网 is 上 + 官网.
        if covering is None or covering.start != start or not covering.text.startswith(name[:2]):
            continue
        if covering.tag == "PER":
            yield _strip_title(start, covering.text)
            continue
        if covering.tag in ("LOC", "ORG") or len(covering.text) > 4:
            continue  # a place or a longer word that starts like a surname
        while len(name) > 2 and start + len(name) not in ends:
            name = name[:-1]
        after = token_at.get(start + 2)
        if len(name) > 2 and after is not None and after.tag in _FUNCTION_TAGS:
            name = name[:2]  # 小欧阳和… : the surname alone
        if not _LOCATION_SUFFIX.search(name) and not _ORG_AFTER.match(text, start + len(name)):
            yield start, start + len(name)

    for m in _SPACED_INTRODUCED.finditer(text):
        if m.group(2) not in _NOT_NAMES:
            yield m.start(1), m.end(2)
    yield from _known_name_spans(text, known_names)
    if not tokens:  # rules only (no model): a name the writer introduces
        for m in _PLAIN_INTRO.finditer(text):
            if m.group(1) not in _NOT_NAMES:
                yield m.start(1), m.end(1)


def _plausible_person(word: str) -> bool:
    if word in _NOT_PEOPLE or len(word) < 2 or len(word) > 6 or not re.fullmatch(r"[\u4e00-\u9fff·]+", word):
        return False
    if re.search(r"[0-9A-Za-z]", word) or _LOCATION_SUFFIX.search(word):
        return False
    return not word.endswith(("某", "某某", "某人"))


def _known_name_spans(text: str, known_names: Iterable[str]) -> Iterator[tuple[int, int]]:
    names = {n.strip() for n in known_names if n and len(n.strip()) >= 2}
    for name in names:
        for m in re.finditer(re.escape(name), text):
            yield m.start(), m.end()
        surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s)), name[0])
        if surname in SURNAMES or surname in COMPOUND_SURNAMES:
            for m in re.finditer(f"{re.escape(surname)}(?=(?:{TITLES}))", text):
                yield m.start(), m.end()
