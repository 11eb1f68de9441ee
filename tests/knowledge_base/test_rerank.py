import threading
from dataclasses import replace

import numpy as np

from knowledge_base import KnowledgeIndex, load_starter_answers
from knowledge_base.rerank import (
    CandidateSet,
    LinearReranker,
    char_counts,
    fit_confidence,
    fit_listwise,
    formula_clauses,
    pairwise_f1,
    strip_formulas,
)


def _pack(text):
    points, counts = np.unique([ord(c) for c in text], return_counts=True)
    return (points.astype(np.int64) << 16) | counts


def _f1(a, b):
    from collections import Counter

    overlap = sum((Counter(a) & Counter(b)).values())
    return 0.0 if not overlap else 2 * overlap / (len(a) + len(b))


def test_pairwise_f1_is_character_f1():
    texts = ["非法集资非法集资", "集资诈骗", "", "已移交公安机关依法处理。。。"]
    counts, _ = char_counts([_pack(t) for t in texts])
    got = pairwise_f1(counts)
    want = np.array([[_f1(a, b) for b in texts] for a in texts])
    assert np.allclose(got, want, atol=1e-6)
    assert np.allclose(pairwise_f1(counts, counts[1:2])[:, 0], want[:, 1], atol=1e-6)


def test_formulas_are_learned_from_the_answers_and_the_substance_is_kept():
    substance = ["该平台已移交公安机关", "请向属地金融办申请备案", "典当行由省金融监管局监管", "已责成退款"]
    answers = [
        f"网友“UU00{i}”您好：您的留言已收悉。{substance[i % 4]}。感谢您对我们工作的支持。2020年5月{i + 1}日"
        for i in range(8)
    ]
    formulas = formula_clauses(answers, share=0.5)
    assert strip_formulas(answers[0], formulas) == "该平台已移交公安机关"
    assert strip_formulas("网友您好，2021年1月3日已办结。", formulas) == "网友您好2021年1月3日已办结"
    assert formula_clauses(answers[:2], share=0.5) == frozenset()  # too few answers to tell


def test_fit_listwise_learns_which_feature_picks_the_best():
    rng = np.random.default_rng(0)
    sets = []
    for _ in range(200):
        x = rng.normal(size=(8, 2))
        sets.append(CandidateSet(x, (x[:, 1] > 1.0).astype(float)))  # only the second feature matters
    model = fit_listwise(sets, l2=1e-4)
    assert model is not None and model.weights[1] > 5 * abs(model.weights[0])
    assert fit_listwise([CandidateSet(np.zeros((1, 2)), np.zeros(1))], l2=1e-4) is None


def _starter_index(params=None, copies=2):
    ix = KnowledgeIndex(params)
    for c in range(copies):
        for s in load_starter_answers():
            ix.add(f"{s.key}-{c}", f"{s.question} 第{c}次", s.answer, s.topic, public=s.public)
    return ix


def test_reranker_is_fitted_on_the_index_and_kept_across_changes():
    ix = _starter_index()
    assert ix.fit_reranker() is True
    hits = ix.suggest("网贷平台跑路了钱怎么要回来", k=5)
    assert len(hits) == 5 and hits == ix.suggest("网贷平台跑路了钱怎么要回来", k=5)
    assert hits[0].score >= hits[-1].score > 0
    assert ix.suggest("依申请公开要多少个工作日答复", k=3)[0].entry_id.startswith("foi-apply")
    assert ix.refresh_reranker() is False  # unchanged since the fit
    ix.add("new", "典当行绝当怎么处理", "绝当物按规定处理。")
    assert ix.suggest("典当行绝当", k=1)[0].entry_id == "new"


def test_no_reranker_below_the_minimum_or_without_answers():
    small = _starter_index(copies=1)
    assert small.fit_reranker() is False  # 49 entries with answers, below rerank_min_entries
    questions_only = KnowledgeIndex(replace(small.params, rerank_min_entries=2))
    for i, s in enumerate(load_starter_answers()):
        questions_only.add(i, s.question)
    assert questions_only.fit_reranker() is False
    assert questions_only.suggest("非法集资", k=3)


def test_refresh_refits_after_growth():
    ix = _starter_index(replace(KnowledgeIndex().params, rerank_min_entries=10), copies=1)
    assert ix.refresh_reranker() is True  # never fitted
    for s in load_starter_answers()[:10]:
        ix.add(f"{s.key}-x", s.question, s.answer, s.topic)
    assert ix.refresh_reranker(min_change=0.1) is True


def test_refresh_in_background_fits_once():
    ix = _starter_index(replace(KnowledgeIndex().params, rerank_min_entries=10), copies=1)
    assert ix.refresh_reranker(background=True) is True
    for thread in threading.enumerate():
        if thread.name == "kb-reranker-fit":
            thread.join(timeout=60)
    assert ix._reranker is not None and ix.refresh_reranker(background=True) is False


def test_fit_confidence_is_high_where_the_winner_is_useful_and_low_elsewhere():
    rng = np.random.default_rng(1)
    model = LinearReranker(np.zeros(2), np.ones(2), np.array([1.0, 0.0]))  # ranks by feature 0
    sets = []
    for _ in range(300):
        x = rng.normal(size=(6, 2))
        useful = (x[:, 1] > 0).astype(float)  # useful when feature 1 > 0
        sets.append(CandidateSet(x, useful, np.ones(6), lambda i: 1.0))
    calibrator = fit_confidence(model, sets, useful_f1=0.5)
    assert calibrator is not None
    sure, unsure = np.array([[3.0, 2.0], [0.0, 0.0]]), np.array([[3.0, -2.0], [0.0, 0.0]])
    high = calibrator.confidence(sure, model.score(sure), np.ones(2), lambda i: 1.0)
    low = calibrator.confidence(unsure, model.score(unsure), np.ones(2), lambda i: 1.0)
    assert 0 <= low < 0.2 < 0.8 < high <= 1
    every_top_useful = [CandidateSet(s.features, np.ones(6), s.bm25, s.coverage) for s in sets]
    assert fit_confidence(model, every_top_useful, useful_f1=0.5) is None  # nothing to tell apart


def test_the_top_suggestion_carries_a_confidence_once_the_reranker_is_fitted():
    ix = _starter_index(replace(KnowledgeIndex().params, rerank_min_entries=10), copies=1)
    assert ix.suggest("非法集资怎么举报", k=3)[0].confidence is None  # not fitted yet
    assert ix.fit_reranker() is True
    close = ix.suggest(load_starter_answers()[0].question, k=3)
    far = ix.suggest("今天天气怎么样，适合去公园吗", k=3)
    assert 0 <= far[0].confidence < close[0].confidence <= 1
    assert all(h.confidence is None for h in close[1:])


def test_below_min_confidence_nothing_is_suggested():
    ix = _starter_index(replace(KnowledgeIndex().params, rerank_min_entries=10), copies=1)
    ix.fit_reranker()
    far = ix.suggest("今天天气怎么样，适合去公园吗", k=3)
    close = ix.suggest(load_starter_answers()[0].question, k=3)
    cut = (far[0].confidence + close[0].confidence) / 2
    assert ix.suggest("今天天气怎么样，适合去公园吗", k=3, min_confidence=cut) == []
    assert ix.suggest(load_starter_answers()[0].question, k=3, min_confidence=cut) == close
    unfitted = _starter_index(copies=1)
    assert unfitted.suggest("今天天气怎么样，适合去公园吗", k=3, min_confidence=0.99)  # no confidence: shown
