"""An in-memory search index over question/answer entries, updated one entry at a time.

Each field (question, answer, topic) is indexed under three kinds of terms (jieba words, character
bigrams, single characters); every (field, kind) pair is a BM25 channel and a query's score is the
weighted sum of the channels (see ``RankingParams`` for the weights and how they were chosen).
Postings are append-only arrays; removing an entry marks its slot dead and updates document
frequencies, and the arrays are compacted once dead slots pile up, so no call rebuilds the index.
"""

from __future__ import annotations

import difflib
import math
import random
import re
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from knowledge_base import rerank, tokenize

__all__ = ["Entry", "KnowledgeIndex", "RankingParams", "Suggestion"]

FIELDS = ("question", "answer", "topic")
KINDS = ("word", "bigram", "char")

_ANALYSERS: dict[str, Callable[[str], list[str]]] = {
    "word": tokenize.words,
    "bigram": tokenize.char_bigrams,
    "char": tokenize.char_unigrams,
}


@dataclass(frozen=True)
class RankingParams:
    """Fusion weights of the BM25 channels, chosen by cross-validation (bench/suggest_eval.py)."""

    # Chosen jointly on the three evaluation tasks (replies, AFQMC, BQ) with 5-fold cross-validation
    # by bench/suggest_eval.py --tune and a joint grid (best mean relative gain over BM25); the
    # answer-bigram channel (+0.001) is left out because it doubles the index size.
    weights: Mapping[str, float] = field(
        default_factory=lambda: {
            "question.word": 1.0,
            "question.bigram": 0.6,
            "question.char": 1.0,
            "answer.word": 1.0,
            "answer.bigram": 0.0,
            "answer.char": 0.0,
            "topic.word": 0.3,
            "topic.bigram": 0.3,
            "topic.char": 0.0,
        }
    )
    k1: float = 1.2
    b: float = 0.75
    # Weight of a query word's synonyms (data/synonyms.txt) relative to the word itself.
    synonym_weight: float = 1.0
    # Pseudo-relevance feedback: words of the top ``prf_docs`` hits added with ``prf_weight``.
    prf_docs: int = 0
    prf_terms: int = 10
    prf_weight: float = 0.3
    # Consensus re-ranking of the best ``consensus_depth`` hits that have answers: each hit's answer
    # is compared (character F1) with the others' answers, weighted by a softmax of their scores at
    # ``consensus_temperature``; the final score mixes ``consensus_weight`` x relative score with
    # (1 - consensus_weight) x that expected agreement. It favours the answer most of the close
    # neighbours agree with over an outlier (measured: +0.01 top-1 reply char-F1). 1.0 turns it off.
    # Used while no learned re-ranking is fitted (below).
    consensus_weight: float = 0.2
    consensus_depth: int = 20
    consensus_temperature: float = 0.5
    # Added to the mix: ``typicality_weight`` x the answer's character F1 with the mean answer of the
    # whole index (a typical answer of the desk beats an odd one). Depth 20 and weight 0.2: +0.005 top-1
    # reply char-F1 (0.3125 -> 0.3174, bench/suggest_eval.py), chosen on the replies folds.
    typicality_weight: float = 0.2
    # Learned re-ranking (knowledge_base/rerank.py), used instead of the consensus mix once
    # ``KnowledgeIndex.fit_reranker`` has run: the best ``rerank_depth`` hits are re-scored by a linear
    # model fitted by leave-one-out on at most ``rerank_max_queries`` of the index's own entries with
    # answers (none below ``rerank_min_entries``), with an L2 penalty ``rerank_l2`` on the standardised
    # weights. Replies folds (bench/suggest_eval.py): top-1 reply char-F1 0.3174 -> 0.3211; depth 50
    # and penalty 1e-5 were the best of {20, 30, 40, 50, 60} x {0, 1e-5, 3e-5, 1e-4, 1e-3}.
    rerank_depth: int = 50
    # Indexes of questions only (no answers, so neither re-ranking above applies; paraphrase search):
    # the best ``similarity_depth`` hits are re-scored as relative BM25 score + ``question_f1_weight`` x
    # character F1 of the query with the hit's question (every character but punctuation, the function
    # characters included: 怎么/为什么/多久 tell questions apart; synonyms written alike, see
    # ``tokenize.canonical``) + ``question_sequence_weight`` x their longest-matching-blocks ratio
    # (difflib, first 200 characters) - ``length_ratio_weight`` x |log(length ratio)|. Chosen on the
    # inner folds of bench.suggest_eval (AFQMC and BQ, 5 folds of the 80%, best mean relative gain of
    # {0,1,1.5,2,3} x {0,0.5,1} x {0,0.1,0.2,0.4} x depth {20,50}): BQ MRR@10 0.2371 -> 0.2609, AFQMC
    # 0.5245 -> 0.5678; held-out 20%: BQ 0.2141 -> 0.2369, AFQMC 0.4885 -> 0.5198 (see the README).
    similarity_depth: int = 50
    question_f1_weight: float = 2.0
    question_sequence_weight: float = 0.5
    length_ratio_weight: float = 0.1
    rerank_l2: float = 1e-5
    rerank_max_queries: int = 2000
    rerank_min_entries: int = 50
    # A suggested answer is "useful" when its character F1 with the real answer (formulas left out)
    # is at least this; the top hit's confidence is the calibrated probability of that, fitted on the
    # same leave-one-out queries as the re-ranking.
    useful_f1: float = 0.3
    # Clauses found in at least this share of the answers are formulas (greetings, thanks, dates,
    # set phrases), left out where re-ranking compares answers (``rerank.formula_clauses``).
    formula_share: float = 0.02
    # In indexes of 1,000 entries or more, terms in more than this share of entries are skipped at
    # query time (speed; their idf is tiny anyway).
    max_df_ratio: float = 0.5
    # Postings a query may touch (rarest terms first): bounds latency on large indexes; indexes of a
    # few thousand entries never reach it, so the measured rankings are not affected.
    max_postings_per_query: int = 400_000

    def channels(self) -> list[tuple[str, str, float]]:
        """The (field, kind, weight) channels that take part in ranking."""
        out = []
        for key, weight in self.weights.items():
            fld, kind = key.split(".")
            if weight > 0:
                out.append((fld, kind, weight))
        return out


# Below this confidence the desk does not suggest a past reply: chosen on the inner folds of
# bench.suggest_eval (replies), see its confidence table; checked once on the held-out 20%.
REPLY_MIN_CONFIDENCE = 0.3


@dataclass(frozen=True)
class Suggestion:
    """One ranked hit: the entry, its score and the query terms it matched (for highlighting)."""

    entry_id: Hashable
    score: float
    matched_terms: tuple[str, ...]
    # Calibrated probability that the top suggestion's answer is a useful start for the reply (see
    # ``RankingParams.useful_f1``); None on other hits and while no re-ranking is fitted.
    confidence: float | None = None


@dataclass(frozen=True)
class Entry:
    """What the index keeps of an entry: its texts and the attributes filters look at."""

    entry_id: Hashable
    question: str
    answer: str
    topic: str
    attributes: Mapping[str, Any]


class _Channel:
    """BM25 statistics and postings of one kind of term in one field."""

    def __init__(self) -> None:
        self.postings: dict[str, tuple[array, array]] = {}
        self.cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        # term -> (slots, BM25 tf part, mean length it was computed with); valid while ``cache`` has the term.
        self.bm25_cache: dict[str, tuple[np.ndarray, np.ndarray, float]] = {}
        self.df: Counter[str] = Counter()
        self.lens = np.zeros(1024, dtype=np.float32)
        self.total_len = 0.0

    def grow(self, capacity: int) -> None:
        if capacity > len(self.lens):
            new = np.zeros(max(capacity, 2 * len(self.lens)), dtype=np.float32)
            new[: len(self.lens)] = self.lens
            self.lens = new

    def add(self, slot: int, terms: list[str]) -> None:
        self.grow(slot + 1)
        self.lens[slot] = len(terms)
        self.total_len += len(terms)
        for term, tf in Counter(terms).items():
            post = self.postings.get(term)
            if post is None:
                post = self.postings[term] = (array("i"), array("H"))
            post[0].append(slot)
            post[1].append(min(tf, 65535))
            self.df[term] += 1
            self.cache.pop(term, None)
            self.bm25_cache.pop(term, None)

    def remove(self, slot: int, terms: list[str]) -> None:
        self.total_len -= float(self.lens[slot])
        self.lens[slot] = 0
        for term in set(terms):
            self.df[term] -= 1
            if self.df[term] <= 0:
                del self.df[term]
                self.postings.pop(term, None)
                self.cache.pop(term, None)
                self.bm25_cache.pop(term, None)

    def arrays(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """Slots and term frequencies of ``term`` as numpy arrays (cached until the term changes)."""
        got = self.cache.get(term)
        if got is None:
            post = self.postings.get(term)
            if post is None:
                return None
            slots = np.frombuffer(post[0], dtype=np.int32).copy()
            got = (slots, np.frombuffer(post[1], dtype=np.uint16).astype(np.float32))
            self.cache[term] = got
        return got

    def saturated(self, term: str, k1: float, b: float, avgdl: float) -> tuple[np.ndarray, np.ndarray] | None:
        """Slots and BM25 tf parts (without idf) of ``term``, cached while the mean length holds (±2%)."""
        got = self.bm25_cache.get(term)
        if got is not None and abs(got[2] - avgdl) <= 0.02 * avgdl and term in self.cache:
            return got[0], got[1]
        arrays = self.arrays(term)
        if arrays is None:
            return None
        slots, tf = arrays
        part = tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * self.lens[slots] / avgdl))
        self.bm25_cache[term] = (slots, part, avgdl)
        return slots, part


class KnowledgeIndex:
    """Ranked suggestions over entries, with incremental add, update and remove (thread-safe)."""

    def __init__(self, params: RankingParams | None = None) -> None:
        self.params = params or RankingParams()
        self._channels = {(f, k): _Channel() for f, k, _ in self.params.channels()}
        self._kinds_by_field: dict[str, list[str]] = {}
        for f, k in self._channels:
            self._kinds_by_field.setdefault(f, []).append(k)
        self._entries: list[Entry | None] = []
        self._slot_of: dict[Hashable, int] = {}
        self._alive = np.zeros(1024, dtype=bool)
        self._n_alive = 0
        self._char_counts: dict[int, np.ndarray] = {}
        self._core_counts: dict[int, np.ndarray] = {}
        self._formulas: frozenset[str] = frozenset()
        # Character totals over all answers (by code point) and the number of entries with an answer.
        self._char_totals = np.zeros(0x110000, dtype=np.float32)
        self._n_answers = 0
        self._reranker: rerank.LinearReranker | None = None
        self._calibrator: rerank.ConfidenceCalibrator | None = None
        self._fitted_size: int | None = None
        self._fitting = False
        self._lock = threading.RLock()

    # --- maintenance -------------------------------------------------------------------------
    def __len__(self) -> int:
        return self._n_alive

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._slot_of

    def ids(self) -> Iterator[Hashable]:
        """Ids of the entries in the index, in insertion order."""
        return iter(list(self._slot_of))

    def get(self, entry_id: Hashable) -> Entry | None:
        """The stored entry with this id, or None."""
        slot = self._slot_of.get(entry_id)
        return None if slot is None else self._entries[slot]

    def add(
        self,
        entry_id: Hashable,
        question: str,
        answer: str = "",
        topic: str | None = None,
        **attributes: Any,
    ) -> None:
        """Add an entry, or replace the entry with the same id (attributes are what filters see)."""
        entry = Entry(entry_id, question or "", answer or "", topic or "", dict(attributes))
        analysed = self._analyse(entry)
        with self._lock:
            if entry_id in self._slot_of:
                self._remove_slot(self._slot_of.pop(entry_id))
            slot = len(self._entries)
            self._entries.append(entry)
            self._slot_of[entry_id] = slot
            if slot >= len(self._alive):
                grown = np.zeros(2 * len(self._alive), dtype=bool)
                grown[: len(self._alive)] = self._alive
                self._alive = grown
            self._alive[slot] = True
            self._n_alive += 1
            if entry.answer:
                packed = _char_pack(entry.answer)
                self._char_totals[packed >> 16] += packed & 0xFFFF
                self._n_answers += 1
            for key, terms in analysed.items():
                self._channels[key].add(slot, terms)

    def update(
        self, entry_id: Hashable, question: str, answer: str = "", topic: str | None = None, **attributes
    ):
        """Replace an existing entry; KeyError when there is none."""
        if entry_id not in self._slot_of:
            raise KeyError(entry_id)
        self.add(entry_id, question, answer, topic, **attributes)

    def remove(self, entry_id: Hashable) -> bool:
        """Remove an entry; False when it was not there."""
        with self._lock:
            slot = self._slot_of.pop(entry_id, None)
            if slot is None:
                return False
            self._remove_slot(slot)
            dead = len(self._entries) - self._n_alive
            if dead > 1000 and dead > self._n_alive:
                self._compact()
            return True

    def _remove_slot(self, slot: int) -> None:
        entry = self._entries[slot]
        assert entry is not None
        for key, terms in self._analyse(entry).items():
            self._channels[key].remove(slot, terms)
        self._entries[slot] = None
        self._char_counts.pop(slot, None)
        self._core_counts.pop(slot, None)
        self._alive[slot] = False
        self._n_alive -= 1
        if entry.answer:
            packed = _char_pack(entry.answer)
            self._char_totals[packed >> 16] -= packed & 0xFFFF
            self._n_answers -= 1

    def _compact(self) -> None:
        entries = [e for e in self._entries if e is not None]
        fresh = KnowledgeIndex(self.params)
        for e in entries:
            fresh.add(e.entry_id, e.question, e.answer, e.topic, **e.attributes)
        # A fitted re-ranking (and the formulas it compares answers without) holds across it.
        kept = ("_lock", "_reranker", "_fitted_size", "_fitting", "_formulas")
        self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k not in kept})

    def _analyse(self, entry: Entry) -> dict[tuple[str, str], list[str]]:
        out = {}
        for fld, kinds in self._kinds_by_field.items():
            text = getattr(entry, fld)
            for kind in kinds:
                out[(fld, kind)] = _ANALYSERS[kind](text) if text else []
        return out

    # --- queries -----------------------------------------------------------------------------
    def _query_terms(self, text: str) -> dict[str, dict[str, float]]:
        """Query terms of each kind with their weights (synonyms weigh less than the words typed)."""
        p = self.params
        out: dict[str, dict[str, float]] = {}
        kinds = {k for _, k in self._channels}
        for kind in kinds:
            out[kind] = dict.fromkeys(_ANALYSERS[kind](text), 1.0)
        if "word" in out and p.synonym_weight > 0:
            syn = tokenize.synonym_groups()
            for word in list(out["word"]):
                for other in syn.get(word, ()):
                    out["word"].setdefault(other, p.synonym_weight)
        return out

    def _plan(
        self, terms: dict[str, dict[str, float]], p: RankingParams
    ) -> list[tuple[str, str, str, float]]:
        """(field, kind, term, query weight) of every query term a query scores, rarest terms first.

        Terms in most entries are skipped on large indexes, and once the postings budget is spent the
        commonest (lowest idf) ones are too.
        """
        n = max(self._n_alive, 1)
        work = []
        for fld, kind, _ in p.channels():
            ch = self._channels[(fld, kind)]
            for term, qw in terms.get(kind, {}).items():
                df = ch.df.get(term, 0)
                if df == 0 or (n >= 1000 and df > p.max_df_ratio * n):
                    continue
                work.append((df, fld, kind, term, qw))
        work.sort(key=lambda w: w[0])
        budget = p.max_postings_per_query
        plan = []
        for df, fld, kind, term, qw in work:
            budget -= df
            if budget < 0:
                break
            plan.append((fld, kind, term, qw))
        return plan

    def _term_part(self, fld: str, kind: str, term: str, p: RankingParams) -> tuple[np.ndarray, np.ndarray]:
        """Slots of the entries holding ``term`` and their BM25 weights of it (idf x saturated tf)."""
        ch = self._channels[(fld, kind)]
        n = max(self._n_alive, 1)
        avgdl = max(ch.total_len / n, 1e-6)
        got = ch.saturated(term, p.k1, p.b, avgdl) if p is self.params else None
        if got is None:
            slots, tf = ch.arrays(term)  # type: ignore[misc]
            got = (slots, tf * (p.k1 + 1.0) / (tf + p.k1 * (1.0 - p.b + p.b * ch.lens[slots] / avgdl)))
        df = ch.df[term]
        return got[0], math.log(1.0 + (n - df + 0.5) / (df + 0.5)) * got[1]

    def _score(
        self,
        terms: dict[str, dict[str, float]],
        params: RankingParams | None = None,
        parts: list[tuple[str, str, float, np.ndarray, np.ndarray]] | None = None,
    ) -> np.ndarray:
        """Fused BM25 scores of every slot; ``parts`` collects (field, kind, query weight, slots,
        weights) of each term scored, for ``_channel_scores_at``."""
        p = params or self.params
        n_slots = len(self._entries)
        scores = np.zeros(n_slots, dtype=np.float32)
        weights = p.weights
        for fld, kind, term, qw in self._plan(terms, p):
            slots, part = self._term_part(fld, kind, term, p)
            scores[slots] += (weights[f"{fld}.{kind}"] * qw) * part
            if parts is not None:
                parts.append((fld, kind, qw, slots, part))
        scores[~self._alive[:n_slots]] = 0.0
        return scores

    def _channel_scores_at(
        self, parts: list[tuple[str, str, float, np.ndarray, np.ndarray]], slots: list[int]
    ) -> np.ndarray:
        """[slots x channels] unweighted BM25 scores of the given entries, from ``_score``'s ``parts``.

        Per channel, all its terms' postings at once: a slot -> row lookup picks out the given entries.
        """
        row_of = np.full(len(self._entries), -1, dtype=np.int64)
        row_of[slots] = np.arange(len(slots))
        columns = {(f, k): i for i, (f, k, _) in enumerate(self.params.channels())}
        out = np.zeros((len(slots), len(columns)), dtype=np.float64)
        by_channel: dict[int, tuple[list, list]] = {}
        for fld, kind, qw, posted, part in parts:
            got = by_channel.setdefault(columns[(fld, kind)], ([], []))
            got[0].append(posted)
            got[1].append(qw * part)
        for column, (posted, weights) in by_channel.items():
            rows = row_of[np.concatenate(posted)]
            hit = rows >= 0
            out[:, column] = np.bincount(rows[hit], np.concatenate(weights)[hit], minlength=len(slots))
        return out

    def channel_scores(self, text: str) -> dict[str, np.ndarray]:
        """Unweighted BM25 scores of every channel for ``text`` (for tuning the weights offline).

        Keys are ``field.kind``; ``field.syn`` holds the word channel's score from synonyms alone.
        """
        terms = self._query_terms(text)
        syn = {w: 1.0 for w, qw in terms.get("word", {}).items() if qw < 1.0}
        plain = {kind: {t: 1.0 for t, qw in d.items() if qw >= 1.0} for kind, d in terms.items()}
        out = {}
        with self._lock:
            for fld, kind in self._channels:
                one = RankingParams(
                    weights={f"{fld}.{kind}": 1.0},
                    k1=self.params.k1,
                    b=self.params.b,
                    max_df_ratio=self.params.max_df_ratio,
                )
                out[f"{fld}.{kind}"] = self._score(plain, one)
                if kind == "word":
                    out[f"{fld}.syn"] = self._score({"word": syn}, one)
        return out

    def _prf_terms(self, scores: np.ndarray, terms: dict[str, dict[str, float]]) -> None:
        """Add the most distinctive words of the best hits to the query (pseudo-relevance feedback)."""
        p = self.params
        top = _top_slots(scores, p.prf_docs)
        if not len(top):
            return
        counts: Counter[str] = Counter()
        ch = self._channels.get(("question", "word"))
        if ch is None:
            return
        n = max(self._n_alive, 1)
        for slot in top:
            entry = self._entries[int(slot)]
            if entry is None:
                continue
            for w in set(tokenize.words(entry.question)):
                counts[w] += 1
        words = terms.setdefault("word", {})
        ranked = sorted(
            (
                (c * math.log(1.0 + n / (ch.df.get(w, 0) + 1.0)), w)
                for w, c in counts.items()
                if w not in words
            ),
            reverse=True,
        )
        for _, w in ranked[: p.prf_terms]:
            words[w] = p.prf_weight

    def suggest(
        self,
        text: str,
        k: int = 5,
        filters: Mapping[str, Any] | Callable[[Entry], bool] | None = None,
        *,
        allowed_ids: Collection[Hashable] | None = None,
        exclude_ids: Collection[Hashable] = (),
        min_score: float = 0.0,
        min_confidence: float | None = None,
    ) -> list[Suggestion]:
        """The ``k`` best entries for ``text``, best first.

        ``filters`` is either a predicate on ``Entry`` or a mapping attribute → wanted value (a set,
        list or tuple means any of these values); ``allowed_ids`` limits the result to those ids.
        With ``min_confidence``, nothing is suggested when the top hit's calibrated confidence is
        below it (e.g. ``REPLY_MIN_CONFIDENCE``); an index with no fitted re-ranking has no confidence
        and is not held back.
        """
        if k <= 0 or not text or not text.strip():
            return []
        terms = self._query_terms(text)
        with self._lock:
            parts: list = []
            scores = self._score(terms, parts=parts)
            if self.params.prf_docs > 0:
                self._prf_terms(scores, terms)
                parts.clear()
                scores = self._score(terms, parts=parts)
            if allowed_ids is not None:
                mask = np.zeros(len(scores), dtype=bool)
                mask[[self._slot_of[i] for i in allowed_ids if i in self._slot_of]] = True
                scores[~mask] = 0.0
            for i in exclude_ids:
                slot = self._slot_of.get(i)
                if slot is not None:
                    scores[slot] = 0.0
            keep = _as_predicate(filters)
            picked: list[int] = []
            depth = max(k, self._rerank_depth())
            for slot in _ranked_slots(scores, depth, min_score):
                entry = self._entries[slot]
                if entry is not None and (keep is None or keep(entry)):
                    picked.append(slot)
                    if len(picked) == depth:
                        break
            final = {s: float(scores[s]) for s in picked}
            confidence = None
            if self._reranker is not None:
                depth = self.params.rerank_depth
                learned, confidence = self._learned(picked[:depth], scores, parts, terms)
                final.update(learned)
            elif self._n_answers == 0:
                final.update(self._question_similarity(picked[: self.params.similarity_depth], scores, text))
            elif self.params.consensus_weight < 1.0:
                final.update(self._consensus(picked[: self.params.consensus_depth], scores))
            picked.sort(key=lambda s: -final[s])
            if min_confidence is not None and confidence is not None and confidence < min_confidence:
                return []
            return [
                Suggestion(
                    self._entries[s].entry_id,  # type: ignore[union-attr]
                    final[s],
                    self._matched(s, terms),
                    confidence if rank == 0 else None,
                )
                for rank, s in enumerate(picked[:k])
            ]

    def _rerank_depth(self) -> int:
        """How many of the best hits are re-ranked (0: the BM25 order stands)."""
        if self._reranker is not None:
            return self.params.rerank_depth
        if self._n_answers == 0:
            return self.params.similarity_depth
        return self.params.consensus_depth if self.params.consensus_weight < 1.0 else 0

    # --- learned re-ranking --------------------------------------------------------------------
    def fit_reranker(self) -> bool:
        """Fit the learned re-ranking on the index's own entries (leave one out); True when fitted.

        Each sampled entry's question is put to the rest of the index and the best hits' answers are
        compared with its real answer. Below ``rerank_min_entries`` entries with answers (or when every
        answer is empty, as in an index of questions only) nothing is fitted and the consensus mix
        stays. Takes a few milliseconds per sampled entry; queries may run meanwhile.
        """
        p = self.params
        with self._lock:
            answered = [s for s, e in enumerate(self._entries) if e is not None and e.answer and e.question]
        if len(answered) < p.rerank_min_entries:
            self._reranker, self._calibrator, self._fitted_size = None, None, self._n_alive
            return False
        if len(answered) > p.rerank_max_queries:
            answered = sorted(random.Random(0).sample(answered, p.rerank_max_queries))
        with self._lock:
            formulas = rerank.formula_clauses(
                (self._entries[s].answer for s in answered if self._entries[s] is not None), p.formula_share
            )
            if formulas != self._formulas:  # answers without formulas are counted afresh
                self._formulas, self._core_counts = formulas, {}
        sets = []
        for slot in answered:
            with self._lock:
                got = self._leave_one_out(slot)
            if got is not None:
                sets.append(got)
        model = rerank.fit_listwise(sets, p.rerank_l2)
        calibrator = rerank.fit_confidence(model, sets, p.useful_f1) if model is not None else None
        with self._lock:
            self._reranker, self._calibrator, self._fitted_size = model, calibrator, self._n_alive
        return model is not None

    def refresh_reranker(self, min_change: float = 0.1, *, background: bool = False) -> bool:
        """Fit the re-ranking again when the index grew or shrank by ``min_change`` since the last fit.

        With ``background`` the fit runs in a daemon thread (queries go on meanwhile, with the
        previous re-ranking). True when a fit was done or started now; never two fits at once.
        """
        fitted = self._fitted_size
        if fitted is not None and abs(self._n_alive - fitted) <= min_change * max(fitted, 1):
            return False
        with self._lock:
            if self._fitting:
                return False
            self._fitting = True
        if not background:
            return self._fit_once()
        threading.Thread(target=self._fit_once, name="kb-reranker-fit", daemon=True).start()
        return True

    def _fit_once(self) -> bool:
        try:
            return self.fit_reranker()
        finally:
            self._fitting = False

    def _leave_one_out(self, slot: int) -> rerank.CandidateSet | None:
        """Features and targets of the best hits for one entry's question, the entry itself left out.

        The target is the character F1 of each hit's answer with the entry's answer, both without
        formulas (``formula_clauses``).
        """
        entry = self._entries[slot] if slot < len(self._entries) else None  # (a compaction renumbers)
        if entry is None:
            return None
        parts: list = []
        terms = self._query_terms(entry.question)
        scores = self._score(terms, parts=parts)
        scores[slot] = 0.0
        picked = [int(s) for s in _top_slots(scores, self.params.rerank_depth)]
        if len(picked) < 2:
            return None
        features = self._features(picked, scores, parts)
        counts, _ = rerank.char_counts([self._answer_chars(s, stripped=True) for s in [*picked, slot]])
        targets = rerank.pairwise_f1(counts[:-1], counts[-1:])[:, 0]
        pairs = set(terms.get("bigram", ()))
        bm25 = scores[picked].astype(np.float64)
        return rerank.CandidateSet(features, targets, bm25, lambda i: self._coverage(picked[i], pairs))

    def _learned(
        self, slots: list[int], scores: np.ndarray, parts: list, terms: dict[str, dict[str, float]]
    ) -> tuple[dict[int, float], float | None]:
        """Scores of ``slots`` from the learned re-ranking, on the scale of the top hit's BM25 score,
        and the calibrated confidence of the best of them."""
        if len(slots) < 2 or self._reranker is None:
            return {}, None
        features = self._features(slots, scores, parts)
        learned = self._reranker.score(features)
        top = float(scores[slots[0]]) or 1.0
        final = top * np.exp(learned - learned.max())
        confidence = None
        if self._calibrator is not None:
            pairs = set(terms.get("bigram", ()))
            bm25 = scores[slots].astype(np.float64)
            confidence = self._calibrator.confidence(
                features, learned, bm25, lambda i: self._coverage(slots[i], pairs)
            )
        return {s: float(v) for s, v in zip(slots, final, strict=True)}, confidence

    def _coverage(self, slot: int, pairs: set[str]) -> float:
        """Share of the query's character pairs found in an entry's question (0 for a removed entry)."""
        entry = self._entries[slot] if slot < len(self._entries) else None
        if entry is None or not pairs:
            return 0.0
        return len(pairs.intersection(tokenize.char_bigrams(entry.question))) / len(pairs)

    def _features(self, slots: list[int], scores: np.ndarray, parts: list) -> np.ndarray:
        """[slots x features] for the learned re-ranking.

        The columns: relative BM25 score, log rank, log answer length, agreement with the other
        answers (softmax-weighted by score, as in the consensus mix, and plain mean), typicality, each
        channel's score relative to the best among the slots; then the same length and agreements for
        the answers without formulas (what the targets compare; +0.003 top-1 reply char-F1), and
        log answer length x log number of query terms scored.
        """
        _, rel, prob = self._closeness(slots, scores)
        cand, chars = rerank.char_counts([self._answer_chars(s) for s in slots])
        sizes = cand.sum(axis=1)
        columns = [
            rel,
            np.log1p(np.arange(len(slots))),
            np.log1p(sizes),
            *_agreements(cand, prob),
            self._typicality(cand, chars, sizes),
        ]
        channel = self._channel_scores_at(parts, slots)
        channel /= np.maximum(channel.max(axis=0), 1e-9)
        core, _ = rerank.char_counts([self._answer_chars(s, stripped=True) for s in slots])
        extra = [
            np.log1p(core.sum(axis=1)),
            *_agreements(core, prob),
            np.log1p(sizes) * math.log1p(len(parts)),
        ]
        return np.column_stack([*columns, channel, *extra])

    def _closeness(self, slots: list[int], scores: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        """The top hit's score, each slot's score relative to it, and softmax weights of those."""
        top = float(scores[slots[0]]) or 1.0
        rel = scores[slots].astype(np.float64) / top
        prob = np.exp((rel - 1.0) / self.params.consensus_temperature)
        return top, rel, prob / prob.sum()

    def _typicality(self, counts: np.ndarray, chars: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        """Character F1 of each answer with the mean answer of the whole index."""
        if not self._n_answers:
            return np.zeros(len(counts))
        mean = self._char_totals[chars] / self._n_answers
        mean_size = float(self._char_totals.sum()) / self._n_answers
        return 2.0 * np.minimum(counts, mean[None, :]).sum(axis=1) / np.maximum(sizes + mean_size, 1.0)

    def _answer_chars(self, slot: int, stripped: bool = False) -> np.ndarray:
        """An entry's answer as ``_char_pack`` ints (``stripped``: without the formulas), kept for later
        queries (bounded for large indexes). Slots are never reused, so the caches need no invalidation.
        """
        cache = self._core_counts if stripped else self._char_counts
        got = cache.get(slot)
        if got is None:
            if len(cache) > 50_000:
                cache.clear()
            answer = self._entries[slot].answer  # type: ignore[union-attr]
            text = rerank.strip_formulas(answer, self._formulas) if stripped else answer
            got = cache[slot] = _char_pack(text)
        return got

    def _question_similarity(self, slots: list[int], scores: np.ndarray, text: str) -> dict[int, float]:
        """Scores of ``slots`` mixed with how closely each entry's question reads like the query
        (``RankingParams.question_f1_weight`` and the weights after it), on the scale of the top score."""
        p = self.params
        if len(slots) < 2:
            return {}
        query = _bare(text)
        if not query:
            return {}
        q_canonical = tokenize.canonical(query)
        q_pack = _char_pack(q_canonical)
        top = float(scores[slots[0]]) or 1.0
        out = {}
        for slot in slots:
            entry = self._entries[slot]
            if entry is None:
                continue
            other = _bare(entry.question)
            mixed = float(scores[slot]) / top
            if p.question_f1_weight:
                canonical = tokenize.canonical(other)
                f1 = _packed_f1(q_pack, _char_pack(canonical), len(q_canonical), len(canonical))
                mixed += p.question_f1_weight * f1
            if p.question_sequence_weight:
                ratio = difflib.SequenceMatcher(None, query[:200], other[:200], autojunk=False).ratio()
                mixed += p.question_sequence_weight * ratio
            if p.length_ratio_weight:
                mixed -= p.length_ratio_weight * abs(math.log((len(other) + 1) / (len(query) + 1)))
            out[slot] = mixed * top
        return out

    def _consensus(self, slots: list[int], scores: np.ndarray) -> dict[int, float]:
        """Scores of ``slots`` re-weighted by how much each answer agrees with the others' answers."""
        p = self.params
        packed = [self._answer_chars(s) for s in slots]
        if len(slots) < 3 or sum(len(a) > 0 for a in packed) < 3:
            return {}
        top, rel, prob = self._closeness(slots, scores)
        counts, chars = rerank.char_counts(packed)
        sizes = counts.sum(axis=1)
        agree = _others_f1(counts) @ prob
        mixed = p.consensus_weight * rel + (1.0 - p.consensus_weight) * agree
        if p.typicality_weight:
            mixed = mixed + p.typicality_weight * self._typicality(counts, chars, sizes)
        # Keep the fused scores on the scale of the BM25 scores (the top hit's score stays the unit).
        return {s: float(m) * top for s, m in zip(slots, mixed, strict=True)}

    def _matched(self, slot: int, terms: dict[str, dict[str, float]]) -> tuple[str, ...]:
        """Query words (or, failing words, character pairs) that occur in the entry, in query order."""
        entry = self._entries[slot]
        assert entry is not None
        text = tokenize.normalise(f"{entry.question}\n{entry.answer}\n{entry.topic}")
        for kind in ("word", "bigram"):
            found = tuple(t for t, qw in terms.get(kind, {}).items() if qw >= 1.0 and t in text)
            if found:
                return found
        return ()


def _others_f1(counts: np.ndarray) -> np.ndarray:
    """Character F1 of every answer with every other one (0 with itself)."""
    f1 = rerank.pairwise_f1(counts)
    np.fill_diagonal(f1, 0.0)
    return f1


def _agreements(counts: np.ndarray, prob: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each answer's agreement with the others: weighted by ``prob``, and the plain mean."""
    f1 = _others_f1(counts)
    return f1 @ prob, f1.sum(axis=1) / max(len(counts) - 1, 1)


_PUNCTUATION = re.compile(r"[\W_]+")


def _bare(text: str) -> str:
    """Normalised text without whitespace, punctuation and symbols (what question similarity compares)."""
    return _PUNCTUATION.sub("", tokenize.normalise(text or ""))


def _packed_f1(a: np.ndarray, b: np.ndarray, size_a: int, size_b: int) -> float:
    """Character F1 of two ``_char_pack``-ed texts of the given lengths."""
    if not size_a or not size_b:
        return 0.0
    _, ia, ib = np.intersect1d(a >> 16, b >> 16, assume_unique=True, return_indices=True)
    overlap = int(np.minimum(a[ia] & 0xFFFF, b[ib] & 0xFFFF).sum())
    return 2.0 * overlap / (size_a + size_b)


def _char_pack(text: str) -> np.ndarray:
    """Distinct characters of ``text`` with their counts, packed as (code point << 16 | count) int64s."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    points, counts = np.unique(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), return_counts=True)
    return (points.astype(np.int64) << 16) | np.minimum(counts, 0xFFFF)


def _as_predicate(
    filters: Mapping[str, Any] | Callable[[Entry], bool] | None,
) -> Callable[[Entry], bool] | None:
    if filters is None or callable(filters):
        return filters
    wanted = {
        key: (set(v) if isinstance(v, set | frozenset | list | tuple) else {v}) for key, v in filters.items()
    }

    def keep(entry: Entry) -> bool:
        return all(entry.attributes.get(key) in values for key, values in wanted.items())

    return keep


def _top_slots(scores: np.ndarray, n: int) -> np.ndarray:
    positive = np.flatnonzero(scores > 0)
    if len(positive) > n:
        part = np.argpartition(-scores[positive], n - 1)[:n]
        positive = positive[part]
    return positive[np.lexsort((positive, -scores[positive]))]


def _ranked_slots(scores: np.ndarray, k: int, min_score: float) -> Iterator[int]:
    """Slots by descending score (ties by insertion order), fetched in growing chunks."""
    positive = np.flatnonzero(scores > min_score)
    chunk = max(4 * k, 32)
    done = 0
    while done < len(positive):
        top = _top_slots(np.where(scores > min_score, scores, 0), min(chunk, len(positive)))
        for s in top[done:]:
            yield int(s)
        done = len(top)
        if chunk >= len(positive):
            break
        chunk *= 4
