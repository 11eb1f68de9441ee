"""Addresses cut to district level: 广州市天河区中山大道西路88号 keeps 广州市天河区, masks the rest.

Provinces, cities and districts (counties) come from the China location dictionary shipped with
``jionlp`` (read from its data file, without importing jionlp, once per process). Everything below
district level that LAC tags as a place, and every road, village, estate or building with a house
number, is an address detail.
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

from knowledge_base.ner import Token

__all__ = ["address_spans", "is_district_or_above"]

_ADMIN_SUFFIX = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,12}|[A-Z]{1,3}\d{0,2}|某)(?:省|市|自治区|特别行政区|自治州|地区|盟|区|县|自治县|旗|新区)$"
)
# 湘 of 湘0104民初1234号 (a court's case number), 京 of a plate: a province, not an address.
_PROVINCE_ABBREVIATIONS = frozenset(
    "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼港澳台"
)
# Places already anonymised by whoever wrote the text: A市, K2, XX.
_PLACEHOLDER_PLACE = re.compile(r"[A-Z]{1,3}\d{0,2}|X+|某+")
_NOT_ADMIN = re.compile(
    r"(?:小区|社区|园区|校区|景区|街区|厂区|片区|生活区|住宅区|宿舍区|商业区|[路街道巷弄村]\d*号?)$"
)
# A place word of this shape is below district level (a road, a village, an estate, a building).
_DETAIL_SHAPE = re.compile(
    r"(?:路|街|大街|大道|道|巷|弄|胡同|里|村|屯|庄|组|社区|小区|花园|公寓|大厦|广场|家园|新村|新城|苑|府|庭|"
    r"湾|城|园|镇|乡|街道|号|楼|栋|幢|座|单元|室|层)$|\d"
)
_UNITS = r"(?:号院|号楼|号|栋|幢|座|单元|层|楼|室|房|户|组|排|弄|巷|段)"
_NUMBER = r"(?:\d+|[一二三四五六七八九十百零〇]+)(?:-\d+)*"
# Road + house number, estate + building, and what follows (3栋2单元501室, 3-2-501).
_ROAD_NUMBER = re.compile(
    r"([\u4e00-\u9fffA-Z]{1,10}?(?:大道|大街|路|街|巷|弄|胡同|道|里|村|屯|小区|花园|公寓|大厦|家园|新村|新城|苑|府|庭|湾|城|园))"
    rf"(?:[东西南北中]?{_NUMBER}{_UNITS})+(?:{_NUMBER}(?![\d万千百元岁年月日%.]))?"
)
_TAIL = re.compile(
    rf"(?:[\s-]?{_NUMBER}{_UNITS})+(?:{_NUMBER}(?![\d万千百元岁年月日%.]))?|{_NUMBER}(?=室|房)"
)
# After a district: anything up to a house or building number is the street address (书香名邸7号楼).
_AFTER_DISTRICT = re.compile(
    rf"[\u4e00-\u9fffA-Za-z]{{1,14}}?{_NUMBER}(?:号院|号楼|号|栋|幢|座|单元|弄|组|室)"
)
_HOUSE_NUMBER = re.compile(r"\d+(?:号院|号楼|栋|幢|座|单元)")
_ESTATE_AFTER = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?{_NUMBER}(?:号院|号楼|栋|幢|座|单元)")
_ROOM = re.compile(r"\d{2,5}(?![\d万千百元岁年月日%.])")
# A flat given without its road or estate (5栋2单元1801室, 8号楼1单元302, 2单元301室): still the
# writer's home, masked like the rest of an address.
_FLAT_ROOM = r"\d{2,5}(?:室|房|号)?(?![\d万千百元岁年月日%.层楼])"
_FLAT = re.compile(
    rf"(?<!\d)\d+(?:-\d+)?(?:栋|幢|号楼|座)(?:\d+单元(?:{_FLAT_ROOM})?|{_FLAT_ROOM})|(?<!\d)\d+单元{_FLAT_ROOM}"
)
_ADDRESS_CUE = re.compile(r"(?:住|住在|住址|地址|家在|位于|居住|户籍|搬到|寄到|送到|邮寄)[:：是在于]?\s*$")
_LEADING_FILLER = "在住于是到的位址：:，,、 家我"

_ADMIN_LINE = re.compile(r"^\t{0,2}([^\t\r\n]+)\t\d{6}\t([^\t\r\n]*)", re.MULTILINE)
_admin_names: frozenset[str] | None = None
_lock = threading.Lock()


def _load_admin_names() -> frozenset[str]:
    spec = find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"
    names: set[str] = set()
    with zipfile.ZipFile(path) as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    # Provinces, cities and districts have "name<TAB>code<TAB>alias"; towns and villages only a name.
    for full, aliases in _ADMIN_LINE.findall(text):
        names.add(full)
        names.update(a for a in aliases.split("/") if len(a) >= 2)
    return frozenset(names)


def admin_names() -> frozenset[str]:
    """Provinces, cities and districts of China with their short forms (loaded once)."""
    global _admin_names
    if _admin_names is None:
        with _lock:
            if _admin_names is None:
                _admin_names = _load_admin_names()
    return _admin_names


def is_district_or_above(word: str) -> bool:
    """True for 广东省, 广州市, 天河区, 天河, XX区, A7县: place names that may stay in a published text."""
    if word in admin_names() or _PLACEHOLDER_PLACE.fullmatch(word) or word in _PROVINCE_ABBREVIATIONS:
        return True
    if _ADMIN_SUFFIX.match(word) and not _NOT_ADMIN.search(word):
        return not _DETAIL_SHAPE.search(word[:-1]) or word.endswith(("省", "市"))
    return _is_admin_run(word)


def _is_admin_run(word: str) -> bool:
    """广州市天河区 as one word: every piece is an administrative name."""
    names = admin_names()
    i = 0
    while i < len(word):
        for j in range(len(word), i + 1, -1):
            if word[i:j] in names:
                i = j
                break
        else:
            return False
    return True


def address_spans(text: str, tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """(start, end) of every address detail below district level; overlaps are left to the caller."""
    for i, t in enumerate(tokens):
        if t.tag == "LOC" and is_district_or_above(t.text):
            m = _AFTER_DISTRICT.match(text, t.end)
            if m and not (
                i + 1 < len(tokens) and tokens[i + 1].tag == "LOC" and _is_admin_at(tokens, i + 1, m)
            ):
                start = t.end
                if _PLACEHOLDER_PLACE.fullmatch(t.text) and text[start] in "省市区县":
                    start += 1  # XX + 市: the model split an anonymised city
                start = _after_admin(text, start, m.end())
                if start < m.end():
                    yield start, _extend(text, m.end())
    i = 0
    while i < len(tokens):
        t = tokens[i]
        starts_detail = t.tag == "LOC" or (t.tag in ("n", "nz", "ORG") and _HOUSE_NUMBER.search(t.text))
        if starts_detail and not is_district_or_above(t.text) and _is_detail(text, tokens, i):
            start, end = _after_admin(text, t.start, t.end), t.end
            j = i + 1
            while j < len(tokens) and (tokens[j].tag == "LOC" or _continues_address(tokens[j].text)):
                if tokens[j].tag == "LOC" and is_district_or_above(tokens[j].text):
                    break
                end = tokens[j].end
                j += 1
            end = _extend(text, end)
            if end > start:
                yield start, end
            i = j
            continue
        i += 1
    for m in _FLAT.finditer(text):
        yield m.start(), m.end()
    for m in _ROAD_NUMBER.finditer(text):
        start = m.start()
        while start < m.end(1) and text[start] in _LEADING_FILLER:
            start += 1
        start = _after_admin(text, start, m.end(1))
        if start < m.end(1):
            yield start, _extend(text, m.end())


def _extend(text: str, end: int) -> int:
    """Take in what follows an address: 3栋2单元501室, 华景新城12栋1503房, a room number after a building."""
    while True:
        tail = _TAIL.match(text, end) or _ESTATE_AFTER.match(text, end)
        if tail is None or tail.end() == end:
            break
        end = tail.end()
    room = _ROOM.match(text, end)
    if room and re.search(r"(?:栋|幢|座|单元|楼)$", text[max(0, end - 2) : end]):
        end = room.end()
    return end


def _is_admin_at(tokens: list[Token], i: int, m: re.Match) -> bool:
    """The next word is a district too (广州市 + 天河区…): the street starts after it, not here."""
    return is_district_or_above(tokens[i].text) and tokens[i].end <= m.end()


def _is_detail(text: str, tokens: list[Token], i: int) -> bool:
    """A place below district level is an address with a house number, after a district or a word
    such as 住在 (家住XX区幸福路, 地址：安沙镇); a road or a town named on its own is no address."""
    word = tokens[i].text
    if re.search(r"\d", word):
        return True
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if following is not None and (re.match(r"\d", following.text) or _TAIL.match(text, tokens[i].end)):
        return True
    previous = tokens[i - 1] if i else None
    after_district = previous is not None and previous.tag == "LOC" and is_district_or_above(previous.text)
    if after_district and _DETAIL_SHAPE.search(word):
        return True
    return bool(_ADDRESS_CUE.search(text, max(0, tokens[i].start - 4), tokens[i].start))


def _continues_address(word: str) -> bool:
    return bool(re.fullmatch(rf"{_NUMBER}|(?:{_NUMBER})?{_UNITS}|[A-Z]?\d+[A-Z]?|-", word))


def _after_admin(text: str, start: int, road_end: int) -> int:
    """Skip province, city and district names at the start of a road match: they stay."""
    names = admin_names()
    moved = True
    while moved:
        moved = False
        for j in range(min(road_end, start + 12), start + 1, -1):
            piece = text[start:j]
            # Full names only: a short form (中山, 天河) inside a word is the start of a road's name.
            full = piece in names and piece[-1] in "省市区县旗盟州"
            if full or (_ADMIN_SUFFIX.match(piece) and not _NOT_ADMIN.search(piece)):
                if piece not in names and _DETAIL_SHAPE.search(piece[:-1]):
                    continue
                if road_end - j < 2:
                    continue  # 中山 of 中山路 is the road's name, not the city
                start, moved = j, True
                break
    return start
