import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge_base.deidentify import deidentify, find_personal_data, is_valid_id_number, luhn_ok

# Real phrases around the number: random characters would make up "names" (关公) the model rightly masks.
_PHRASES = ["我想咨询", "关于公司借款的问题，", "请帮忙处理。", "谢谢！", "已经还了一部分，", "在银行办理时", "，"]
_FILLER = st.lists(st.sampled_from(_PHRASES), max_size=3).map("".join)


def _id_number(area: int, born: str, seq: int) -> str:
    body = f"{area:06d}{born}{seq:03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def _luhn_complete(prefix: str) -> str:
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError


ids = st.builds(
    _id_number,
    st.integers(110000, 659999),
    st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31)).map(lambda d: d.strftime("%Y%m%d")),
    st.integers(0, 999),
)
cards = st.builds(
    lambda head, rest: _luhn_complete(head + rest),
    st.sampled_from(["62", "4", "5"]),
    st.integers(12, 16).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n)),
).filter(lambda c: not is_valid_id_number(c))
mobiles = st.builds(
    lambda p, body, style: style(f"1{p}{body}"),
    st.sampled_from("3456789"),
    st.text("0123456789", min_size=9, max_size=9),
    st.sampled_from(
        [
            lambda n: n,
            lambda n: f"+86 {n}",
            lambda n: f"{n[:3]}-{n[3:7]}-{n[7:]}",
            lambda n: f"{n[:3]} {n[3:7]} {n[7:]}",
        ]
    ),
)


@settings(max_examples=40, deadline=None)
@given(_FILLER, ids, _FILLER)
def test_id_numbers_are_masked(before, number, after):
    assert deidentify(f"{before}身份证{number}{after}") == f"{before}身份证[身份证号]{after}"


@settings(max_examples=40, deadline=None)
@given(_FILLER, cards, _FILLER)
def test_luhn_card_numbers_are_masked(before, number, after):
    assert deidentify(f"{before}卡号{number}{after}") == f"{before}卡号[银行卡号]{after}"


@settings(max_examples=40, deadline=None)
@given(_FILLER, mobiles, _FILLER)
def test_mobiles_are_masked(before, number, after):
    assert deidentify(f"{before}电话{number}{after}") == f"{before}电话[手机号]{after}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我叫张三，想咨询", "我叫[姓名]，想咨询"),
        ("本人李四，男", "本人[姓名]，男"),
        ("座机0731-84567890", "座机[固定电话]"),
        ("联系邮箱 wang.er@example.com 谢谢", "联系邮箱 [邮箱] 谢谢"),
        ("车牌湘A12345被拖走", "车牌[车牌号]被拖走"),
        ("新能源车粤BD12345", "新能源车[车牌号]"),
        ("加我微信号：zhang_san88", "加我微信号：[微信号]"),
        ("VX: abc12345", "VX: [微信号]"),
    ],
)
def test_patterns_are_masked(text, expected):
    assert deidentify(text) == expected


def test_given_names_are_masked_everywhere():
    assert deidentify("王小明反映，王小明的借款", names=["王小明"]) == "[姓名]反映，[姓名]的借款"


@pytest.mark.parametrize(
    "text",
    [
        "借款50000元，已还3.5万元",
        "2026年11月22日到期，2026-11-22签约",
        "案号ZX20261122-0001",
        "依据第三十条和第30条",
        "年化利率24%，违约金0.5%",
        "卡号1234567812345671",  # 16 digits failing Luhn
        "证件号110105194912310022",  # 18 digits, wrong check digit
        "我是出借人，想咨询",
    ],
)
def test_ordinary_numbers_and_words_are_left_alone(text):
    assert deidentify(text) == text


def test_findings_report_kind_and_span():
    text = "电话13812345678"
    [finding] = find_personal_data(text)
    assert (finding.kind, finding.start, finding.end) == ("mobile", 2, 13)
    assert finding.placeholder == "[手机号]"


def test_luhn_sample_fails_and_passes():
    rng = random.Random(0)
    prefix = "".join(rng.choice("0123456789") for _ in range(15))
    good = _luhn_complete(prefix)
    assert luhn_ok(good)
    assert not luhn_ok(good[:-1] + str((int(good[-1]) + 1) % 10))
