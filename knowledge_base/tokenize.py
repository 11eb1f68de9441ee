"""Chinese tokenising for the knowledge base: jieba words with a domain dictionary, plus characters.

Nothing is loaded at import: the segmenter and the word lists are built on first use, once per
process, and shared (the segmenter is a private ``rjieba.Jieba`` so the global one stays untouched).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache
from importlib import resources

__all__ = [
    "canonical",
    "char_bigrams",
    "char_unigrams",
    "domain_words",
    "normalise",
    "stop_words",
    "synonym_groups",
    "words",
]

# Runs of characters worth indexing: CJK ideographs, ASCII letters and digits.
_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+(?:[.][0-9]+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_USEFUL = re.compile(r"[\u4e00-\u9fffa-z0-9]")
# Single characters too common to say anything about a question.
_STOP_CHARS = frozenset(
    "的了是在我你您他她它这那和与及或也都就还又而并被把对从向到给让请吗呢吧啊呀哦么个之其有不没会要想能"
)

_lock = threading.Lock()


def _read_lines(name: str) -> list[str]:
    text = resources.files("knowledge_base").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def domain_words() -> frozenset[str]:
    """The domain terms (financial regulation, government, customer service) kept whole by the cutter."""
    return frozenset(normalise(w) for w in _read_lines("domain_words.txt"))


@cache
def stop_words() -> frozenset[str]:
    """Words dropped from queries and documents."""
    return frozenset(normalise(w) for w in _read_lines("stopwords.txt"))


@cache
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """Map each normalised term to the other members of its synonym group."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _read_lines("synonyms.txt"):
        group = [normalise(t) for t in line.split()]
        for term in group:
            out[term] = tuple(dict.fromkeys(t for t in out.get(term, ()) + tuple(group) if t != term))
    return out


_segmenter = None


def _cutter():
    global _segmenter
    if _segmenter is None:
        with _lock:
            if _segmenter is None:
                import rjieba

                seg = rjieba.Jieba()
                for word in sorted(domain_words()):
                    # A high frequency makes the cutter prefer the whole term over its parts.
                    seg.add_word(word, 200000, "nz")
                _segmenter = seg
    return _segmenter


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC) and lower case, so ＡＢＣ１２３ and abc123 meet."""
    if unicodedata.is_normalized("NFKC", text):  # a fast check; most text needs no change
        return text.lower()
    return unicodedata.normalize("NFKC", text).lower()


def words(text: str, *, search_mode: bool = True) -> list[str]:
    """Words of ``text`` without stop words and punctuation; search mode adds the parts of long words."""
    text = normalise(text)
    seg = _cutter()
    tokens = seg.cut_for_search(text) if search_mode else seg.cut(text)
    stops = stop_words()
    return [t for t in (tok.strip() for tok in tokens) if t and t not in stops and _USEFUL.search(t)]


def char_bigrams(text: str) -> list[str]:
    """Overlapping pairs of characters inside each run of Chinese characters (robust to cutting errors)."""
    out: list[str] = []
    for run in _RUN.findall(normalise(text)):
        if _CJK.match(run):
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def char_unigrams(text: str) -> list[str]:
    """Single Chinese characters, without the most common function characters."""
    return [c for c in normalise(text) if _CJK.match(c) and c not in _STOP_CHARS]


@cache
def _canonical_terms() -> dict[str, str]:
    """Each synonym's stand-in: the first (in code-point order) of its group and the term itself."""
    return {term: min((term, *others)) for term, others in synonym_groups().items()}


def canonical(text: str) -> str:
    """``text`` (normalised) with every synonym (data/synonyms.txt) written as its group's stand-in,
    so that character overlap counts 如何更改 and 怎么修改 alike where the groups say so."""
    stand_in = _canonical_terms()
    return "".join(stand_in.get(token, token) for token in _cutter().cut(normalise(text)))
