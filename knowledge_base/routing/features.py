"""Text features of the router: normalised characters, jieba words and keyword-rule matches."""

from __future__ import annotations

import math
import multiprocessing
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache, partial

import numpy as np
import rjieba
from scipy import sparse

# Letters longer than this are cut: the category is almost always clear from the opening, and a
# bound keeps prediction time flat for the odd 20,000-character paste.
MAX_CHARS = 3000

Rules = dict[str, tuple[str, ...]]


def normalise(text: str) -> str:
    """Fold full-width forms and case so that 'ＡＢＣ' and 'abc' are one feature."""
    return unicodedata.normalize("NFKC", text or "")[:MAX_CHARS].lower()


def words(text: str) -> list[str]:
    """Split normalised text into jieba words (word_ngram_hashes drops the punctuation-only ones)."""
    return rjieba.cut(text)


_NOISE = re.compile(r"[\W_]")  # whitespace, punctuation and symbols


@cache
def _word_char_table() -> np.ndarray:
    """For every code point of the basic plane: is it a letter or digit (not noise)?"""
    return np.array([_NOISE.match(chr(c)) is None for c in range(1 << 16)])


def _word_chars(codes: np.ndarray) -> np.ndarray:
    """Which code points are letters or digits, looked up in a table (the regex for rare planes)."""
    table = _word_char_table()
    found = table[np.minimum(codes, len(table) - 1).astype(np.intp)]
    for i in np.flatnonzero(codes >= len(table)):
        found[i] = _NOISE.match(chr(int(codes[i]))) is None
    return found


def clean_rules(rules: Mapping[str, Sequence[str]] | None) -> Rules:
    """Normalise admin-edited rules: strip and fold keywords, drop blanks and duplicates, keep order."""
    cleaned: Rules = {}
    for label, keywords in (rules or {}).items():
        if isinstance(keywords, str):  # a lone string would otherwise be read letter by letter
            keywords = [keywords]
        seen: dict[str, None] = {}
        for keyword in keywords:
            folded = normalise(str(keyword)).strip()
            if folded:
                seen.setdefault(folded, None)
        cleaned[str(label)] = tuple(seen)
    return cleaned


def match_rules(text: str, rules: Rules) -> dict[str, list[str]]:
    """Keywords of each label found in the (normalised) text, labels with no match left out."""
    found: dict[str, list[str]] = {}
    for label, keywords in rules.items():
        hits = [k for k in keywords if k in text]
        if hits:
            found[label] = hits
    return found


_P = np.uint64(0x100000001B3)  # FNV prime: odd, so the polynomial hash mixes every position
_MIX = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing spreads the polynomial hash over the bits
_SEP = "\x00"
# The low ROW_BITS bits of every n-gram hash are zero: a row number put there makes (row, n-gram)
# pairs single integers, grouped by one fast sort. 48 bits of hash are still ample for a few million
# distinct n-grams.
ROW_BITS = 16
_HIGH = np.uint64(~((1 << ROW_BITS) - 1) & (2**64 - 1))


def _codes(joined: str) -> np.ndarray:
    return np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def char_ngram_hashes(texts: Sequence[str], max_n: int) -> tuple[np.ndarray, np.ndarray]:
    """(row, hash) of every character 1..max_n-gram, computed for all texts at once in numpy.

    sklearn's pure-Python analyzer needs minutes for 100,000 letters on a small machine; this is
    a few seconds and needs no vocabulary to hash, only to select columns.
    """
    codes = _codes(_SEP.join(texts))
    row = np.cumsum(codes == 0, dtype=np.int64)
    rows, hashes = [], []
    h = np.zeros(len(codes), dtype=np.uint64)
    power = np.uint64(1)
    valid = codes != 0
    with np.errstate(over="ignore"):
        for n in range(1, max_n + 1):
            shifted = codes[n - 1 :]
            h = h[: len(shifted)] + shifted * power
            valid = valid[: len(shifted)] & (shifted != 0)
            power = power * _P
            rows.append(row[: len(shifted)][valid])
            hashes.append(((h[valid] + np.uint64(n)) * _MIX) & _HIGH)
    return np.concatenate(rows), np.concatenate(hashes)


def _powers(base: np.uint64, n: int) -> np.ndarray:
    """base**0 .. base**(n-1) modulo 2^64."""
    steps = np.full(n, base, dtype=np.uint64)
    steps[:1] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(steps, dtype=np.uint64)


def word_ngram_hashes(token_lists: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
    """(row, hash) of every word unigram and bigram of the tokenised texts.

    Tokens of whitespace, punctuation and symbols only are dropped first, so a bigram spans them.
    """
    counts = np.fromiter((len(t) for t in token_lists), dtype=np.int64, count=len(token_lists))
    flat = [w for tokens in token_lists for w in tokens]
    if not flat:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    lengths = np.fromiter(map(len, flat), dtype=np.int64, count=len(flat))
    codes = _codes("".join(flat))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    # polynomial hash of each token, sum c_j * P^(j - start), from prefix sums and inverse powers mod 2^64
    with np.errstate(over="ignore"):
        powers = _powers(_P, len(codes))
        inv_powers = _powers(np.uint64(pow(int(_P), -1, 1 << 64)), len(codes))
        prefix = np.zeros(len(codes) + 1, dtype=np.uint64)  # concatenating with [0] would make floats
        np.cumsum(codes * powers, dtype=np.uint64, out=prefix[1:])
        token_hash = (prefix[starts + lengths] - prefix[starts]) * inv_powers[starts]
        token_hash += lengths.astype(np.uint64)
        row = np.repeat(np.arange(len(token_lists), dtype=np.int64), counts)
        letters = np.zeros(len(codes) + 1, dtype=np.int64)
        np.cumsum(_word_chars(codes), out=letters[1:])
        kept = (letters[starts + lengths] > letters[starts]) | (lengths == 0)
        token_hash, row = token_hash[kept], row[kept]
        same_doc = row[1:] == row[:-1]
        bigram = (token_hash[:-1] * _P + token_hash[1:] * _MIX + np.uint64(7))[same_doc]
        hashes = np.concatenate((token_hash * _MIX, bigram * _MIX)) & _HIGH
    return np.concatenate((row, row[:-1][same_doc])), hashes


def distinct_pairs(rows: np.ndarray, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, hash, count) of each distinct (row, n-gram) pair, sorted by hash then row."""
    out: tuple[list, list, list] = ([], [], [])
    block = 1 << ROW_BITS
    top = int(rows.max()) + 1 if len(rows) else 0
    for first in range(0, top, block):  # one pass unless a call holds more than 65,536 rows
        inside = slice(None) if top <= block else (rows >= first) & (rows < first + block)
        keys = hashes[inside] | (rows[inside] - first).astype(np.uint64)
        keys.sort()
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        counts = np.diff(np.append(starts, len(keys)))
        keys = keys[starts]
        out[0].append((keys & ~_HIGH).astype(np.int64) + first)
        out[1].append(keys & _HIGH)
        out[2].append(counts)
    if len(out[0]) == 1:
        return out[0][0], out[1][0], out[2][0]
    if not out[0]:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64), np.zeros(0, np.int64)
    rows, hashes, counts = (np.concatenate(part) for part in out)
    order = np.argsort(hashes, kind="stable")
    return rows[order], hashes[order], counts[order]


def document_frequencies(rows: np.ndarray, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct hashes, sorted; in how many rows each occurs)."""
    _, pair_hashes, _ = distinct_pairs(rows, hashes)
    return _runs(pair_hashes, np.ones(len(pair_hashes), dtype=np.int64))


def merge_frequencies(parts: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """document_frequencies of several disjoint sets of rows, added up."""
    hashes = np.concatenate([p[0] for p in parts])
    counts = np.concatenate([p[1] for p in parts])
    order = np.argsort(hashes)
    return _runs(hashes[order], counts[order])


def _runs(sorted_keys: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys of a sorted array and the sum of the weights of each."""
    if not len(sorted_keys):
        return sorted_keys, weights
    starts = np.flatnonzero(np.concatenate(([True], sorted_keys[1:] != sorted_keys[:-1])))
    return sorted_keys[starts], np.add.reduceat(weights, starts)


class HashedTfidf:
    """Sublinear TF-IDF over hashed n-grams, keeping the max_features most frequent (df >= min_df)."""

    def __init__(self, *, min_df: int = 2, max_features: int = 400_000) -> None:
        self.min_df = min_df
        self.max_features = max_features
        self.vocabulary = np.zeros(0, dtype=np.uint64)
        self.idf = np.zeros(0, dtype=np.float32)

    def fit(self, n_rows: int, rows: np.ndarray, hashes: np.ndarray) -> HashedTfidf:
        """Choose the columns and learn their idf from the n-grams of the training texts."""
        return self.fit_frequencies(n_rows, *document_frequencies(rows, hashes))

    def fit_frequencies(self, n_rows: int, hashes: np.ndarray, df: np.ndarray) -> HashedTfidf:
        """fit() from the document frequency of each distinct (sorted) hash of n_rows texts."""
        keep = np.flatnonzero(df >= self.min_df)
        if len(keep) > self.max_features:
            keep = np.sort(keep[np.argsort(-df[keep], kind="stable")[: self.max_features]])
        self.vocabulary = hashes[keep]
        self.idf = (np.log((1 + n_rows) / (1 + df[keep])) + 1).astype(np.float32)
        return self

    def transform(self, n_rows: int, rows: np.ndarray, hashes: np.ndarray) -> sparse.csr_matrix:
        """Matrix of n-grams on the learnt columns; unseen n-grams are dropped."""
        n_cols = len(self.vocabulary)
        if not n_cols:
            return sparse.csr_matrix((n_rows, 0), dtype=np.float32)
        rows, hashes, counts = distinct_pairs(rows, hashes)
        first = np.concatenate(([True], hashes[1:] != hashes[:-1]))  # the pairs are sorted by hash
        cols = self.columns(hashes[first])[np.cumsum(first) - 1]  # one look-up per distinct n-gram
        found = cols >= 0
        rows, cols, counts = rows[found], cols[found], counts[found]
        # pairs are sorted by hash, so by column: a stable sort by row gives canonical CSR order
        order = np.argsort(rows.astype(np.uint16) if n_rows <= 1 << 16 else rows, kind="stable")
        rows, cols, counts = rows[order], cols[order], counts[order]
        indptr = np.zeros(n_rows + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
        values = (1 + np.log(counts.astype(np.float32))) * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=n_rows))
        norms[norms == 0] = 1
        values /= norms[rows].astype(np.float32)
        matrix = sparse.csr_matrix((values, cols.astype(np.int32), indptr), shape=(n_rows, n_cols))
        matrix.has_sorted_indices = True
        return matrix

    def columns(self, hashes: np.ndarray) -> np.ndarray:
        """Column of each hash, -1 if it is not in the vocabulary (fastest when hashes are sorted)."""
        cols = np.full(len(hashes), -1, dtype=np.intp)
        if not len(self.vocabulary):
            return cols
        pos = np.minimum(np.searchsorted(self.vocabulary, hashes), len(self.vocabulary) - 1)
        hit = self.vocabulary[pos] == hashes
        cols[hit] = pos[hit]
        return cols

    def cut_hashes(self) -> None:
        """Bring a vocabulary of 64-bit hashes (router format 1) to the 48 bits of today's hashes."""
        self.vocabulary = self.vocabulary & _HIGH  # the same order: the columns do not move

    def row(self, hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(columns, weights) of one text's n-grams: transform() for a single row without scipy."""
        n_cols = len(self.vocabulary)
        if not n_cols or not len(hashes):
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        # sorted distinct queries: fewer look-ups and cache-friendly ones into the large vocabulary
        hashes, counts = np.unique(hashes, return_counts=True)
        cols = self.columns(hashes)
        found = cols >= 0
        cols, counts = cols[found], counts[found]
        values = (1 + np.log(counts.astype(np.float32))) * self.idf[cols]
        norm = float(np.sqrt(np.dot(values, values)))
        return cols, (values / norm if norm else values)


FIT_SAMPLE = 10_000
# Letters featurised at a time: small enough that the temporary arrays (tens of bytes per
# character) stay below glibc's mmap threshold and are reused, not page-faulted in for every chunk
# (5,000 cost 7 s of system time for 100,000 letters).
CHUNK = 2_000


# From this many letters on, normalising, tokenising and hashing run in one process per core:
# rjieba and the hashing are single-threaded, and 100,000 letters take about 20 s of one core.
PARALLEL_MIN = 20_000
MAX_WORKERS = 4


def _prepare(text: str) -> str:
    return normalise(text).replace(_SEP, " ")


def _chunks(texts: list[str]) -> list[list[str]]:
    return [texts[start : start + CHUNK] for start in range(0, max(len(texts), 1), CHUNK)]


def _frequencies(max_n: int, texts: list[str]) -> tuple[tuple, tuple]:
    """document_frequencies of the character and of the word n-grams of raw texts."""
    norm = [_prepare(t) for t in texts]
    return (
        document_frequencies(*char_ngram_hashes(norm, max_n)),
        document_frequencies(*word_ngram_hashes([words(t) for t in norm])),
    )


def _block(features: TextFeatures, texts: list[str]) -> sparse.csr_matrix:
    return features.block([_prepare(t) for t in texts])


def _stack(parts: list[sparse.csr_matrix]) -> sparse.csr_matrix:
    return parts[0] if len(parts) == 1 else sparse.vstack(parts, format="csr")


@contextmanager
def _pool(n_texts: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for a large input on a machine with several cores, else None (work inline).

    forkserver, not fork: the app that trains may have threads (and locks) that a fork would copy.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    workers = min(cores, MAX_WORKERS)
    if n_texts < PARALLEL_MIN or workers < 2:
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield pool


class TextFeatures:
    """Character 1-4-grams + word uni/bigrams (each sublinear TF-IDF, L2) + one column per rule label."""

    def __init__(self, rules: Rules, *, rule_weight: float = 1.0, max_n: int = 4, min_df: int = 2) -> None:
        self.rules = rules
        self.rule_labels = tuple(rules)
        self.rule_weight = rule_weight
        self.max_n = max_n
        self.chars = HashedTfidf(min_df=min_df, max_features=400_000)
        self.words = HashedTfidf(min_df=min_df, max_features=200_000)

    def cut_hashes(self) -> None:
        """Read the vocabularies of a router stored in format 1 (64-bit n-gram hashes)."""
        self.chars.cut_hashes()
        self.words.cut_hashes()

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Learn the columns on (a sample of) the training texts and return the feature matrix of all."""
        texts = list(texts)
        # Columns and idf come from at most FIT_SAMPLE letters: beyond that the frequent n-grams are
        # the same (and the SVC weighs only the most telling of them), while every letter of the
        # sample costs a second tokenising.
        sample = texts if len(texts) <= FIT_SAMPLE else texts[:: -(-len(texts) // FIT_SAMPLE)]
        with _pool(len(texts)) as pool:
            mapper = pool.map if pool else map
            # each chunk's n-gram counts, not its n-grams, travel back from the workers
            frequencies = list(mapper(partial(_frequencies, self.max_n), _chunks(sample)))
            for tfidf, which in ((self.chars, 0), (self.words, 1)):
                tfidf.fit_frequencies(len(sample), *merge_frequencies([f[which] for f in frequencies]))
            del frequencies
            return _stack(list(mapper(partial(_block, self), _chunks(texts))))

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Feature matrix of new texts."""
        texts = list(texts)
        with _pool(len(texts)) as pool:
            return _stack(list((pool.map if pool else map)(partial(_block, self), _chunks(texts))))

    def block(self, norm: list[str]) -> sparse.csr_matrix:
        """Feature matrix of normalised texts (one chunk)."""
        n = len(norm)
        blocks = [
            self.chars.transform(n, *char_ngram_hashes(norm, self.max_n)),
            self.words.transform(n, *word_ngram_hashes([words(t) for t in norm])),
        ]
        if self.rule_labels:
            blocks.append(sparse.csr_matrix(self.rule_matrix(norm)))
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, weights) of one text: the non-zero entries of its row of transform([text])."""
        norm = _prepare(text)
        chars = self.chars.row(char_ngram_hashes([norm], self.max_n)[1])
        word_cols, word_values = self.words.row(word_ngram_hashes([words(norm)])[1])
        cols = [chars[0], word_cols + len(self.chars.vocabulary)]
        values = [chars[1], word_values]
        if self.rule_labels:
            rule_row = self.rule_matrix([norm])[0]
            hit = np.flatnonzero(rule_row)
            cols.append(hit + len(self.chars.vocabulary) + len(self.words.vocabulary))
            values.append(rule_row[hit])
        return np.concatenate(cols), np.concatenate(values)

    def rule_matrix(self, norm: list[str]) -> np.ndarray:
        """log(1 + keywords matched) per rule label, weighted against the unit-length n-gram blocks."""
        out = np.zeros((len(norm), len(self.rule_labels)), dtype=np.float32)
        for i, text in enumerate(norm):
            for j, label in enumerate(self.rule_labels):
                hits = sum(k in text for k in self.rules[label])
                if hits:
                    out[i, j] = self.rule_weight * math.log1p(hits)
        return out
