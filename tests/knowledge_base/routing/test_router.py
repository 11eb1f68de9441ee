"""The router on small made-up letters: ranking, confidences, rules, storage, determinism."""

from __future__ import annotations

import random

import pytest

from knowledge_base.routing import (
    FORMAT_VERSION,
    SUGGEST_MIN_CONFIDENCE,
    Router,
    RouterFormatError,
    coverage_at,
    cross_validate,
    holdout_evaluate,
    rules_router,
    train_router,
)
from knowledge_base.routing.features import char_ngram_hashes, clean_rules, word_ngram_hashes
from knowledge_base.routing.model import RULES_MAX_CONFIDENCE

TOPICS = {
    "funds": ["非法集资", "高息理财", "承诺保本", "投资返利", "拉人头"],
    "loans": ["小额贷款", "暴力催收", "砍头息", "借款利息", "小贷公司"],
    "guarantee": ["融资担保", "担保费", "代偿责任", "反担保", "担保公司"],
}
FILLER = ["我想反映", "请尽快处理", "希望有关部门调查", "具体情况如下", "谢谢"]
RULES = {"funds": ["集资", "返利"], "loans": ["催收", "贷款"], "guarantee": ["担保"]}


def letters(n: int, seed: int = 0, noise: float = 0.0) -> tuple[list[str], list[str]]:
    """n letters, each mostly phrases of its own topic; noise is the share of random labels."""
    rng = random.Random(seed)
    names = sorted(TOPICS)
    texts, labels = [], []
    for _ in range(n):
        label = rng.choice(names)
        pieces = rng.choices(TOPICS[label], k=3) + rng.choices(FILLER, k=2)
        rng.shuffle(pieces)
        texts.append("，".join(pieces) + "。")
        labels.append(rng.choice(names) if rng.random() < noise else label)
    return texts, labels


@pytest.fixture(scope="module")
def router() -> Router:
    """A router trained on 150 letters, shared by the tests that only read it."""
    return train_router(*letters(150), seed=0)


def test_predict_ranks_every_label_with_confidences_that_sum_to_one(router):
    suggestions = router.predict("有人高息理财承诺保本，拉人头，是不是非法集资")
    assert suggestions[0].label == "funds"
    assert sorted(s.label for s in suggestions) == sorted(TOPICS)
    confidences = [s.confidence for s in suggestions]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 <= c <= 1 for c in confidences)
    assert sum(confidences) == pytest.approx(1.0, abs=1e-6)
    assert confidences[0] > 0.6


def test_predict_many_matches_predict_and_generalises(router):
    texts, labels = letters(60, seed=99)
    batch = router.predict_many(texts)
    assert [s[0].label for s in batch] == labels  # clean held-out letters are all routed right
    assert [(s.label, round(s.confidence, 6)) for s in batch[0]] == [
        (s.label, round(s.confidence, 6)) for s in router.predict(texts[0])
    ]


def test_cold_start_picks_the_label_whose_keywords_match():
    cold = rules_router(RULES)
    assert not cold.trained
    top, *rest = cold.predict("公司天天暴力催收，贷款利息太高")
    assert top.label == "loans"
    assert set(top.matched_keywords) == {"催收", "贷款"}
    assert 0.4 < top.confidence <= RULES_MAX_CONFIDENCE  # modest: rules are a guess
    assert all(s.confidence < top.confidence for s in rest)
    assert sum(s.confidence for s in [top, *rest]) == pytest.approx(1.0)


def test_cold_start_is_uniform_and_low_when_nothing_matches():
    suggestions = rules_router(RULES).predict("今天天气很好")
    assert {round(s.confidence, 6) for s in suggestions} == {round(1 / 3, 6)}
    assert all(not s.matched_keywords for s in suggestions)


def test_rules_are_cleaned_like_letters():
    assert clean_rules({"a": [" ＡＢＣ ", "abc", "", "集资"], "b": "担保"}) == {
        "a": ("abc", "集资"),
        "b": ("担保",),
    }
    assert rules_router({"a": ["ABC"]}).predict("我的ａｂｃ账户")[0].matched_keywords == ("abc",)


def test_too_little_data_falls_back_to_rules():
    router = train_router(["非法集资", "暴力催收"], ["funds", "loans"], RULES)
    assert not router.trained
    assert router.predict("非法集资")[0].label == "funds"


def test_rules_act_as_features_when_a_model_exists():
    # Each letter names one of many rare two-character terms, each seen once: too rare for the
    # n-gram columns (min_df=2), so only the rule column can carry what they have in common.
    terms = {"a": [chr(0x4E00 + i) + chr(0x5E00 + i) for i in range(60)]}
    terms["b"] = [chr(0x6E00 + i) + chr(0x7E00 + i) for i in range(60)]
    rng = random.Random(0)
    texts, labels = [], []
    for i in range(50):
        for label in ("a", "b"):
            texts.append(f"{rng.choice(FILLER)}，{terms[label][i]}，{rng.choice(FILLER)}")
            labels.append(label)
    unseen = f"{FILLER[0]}，{terms['a'][55]}，{FILLER[1]}"
    with_rules = train_router(texts, labels, terms, seed=0).predict(unseen)
    without = train_router(texts, labels, seed=0).predict(unseen)
    assert with_rules[0].label == "a" and with_rules[0].confidence > 0.8
    assert with_rules[0].matched_keywords == (terms["a"][55],)
    assert max(s.confidence for s in without) < 0.65  # the text alone says nothing


def test_serialisation_round_trip_gives_identical_predictions(router):
    again = Router.from_bytes(router.to_bytes())
    texts, _ = letters(20, seed=5)
    assert [[(s.label, s.confidence) for s in row] for row in again.predict_many(texts)] == [
        [(s.label, s.confidence) for s in row] for row in router.predict_many(texts)
    ]
    cold = Router.from_bytes(rules_router(RULES).to_bytes())
    assert cold.predict("担保")[0].label == "guarantee"


def test_unknown_versions_and_foreign_bytes_are_refused(router):
    data = router.to_bytes()
    header = data.index(b"\n") + 1
    newer = data[:header] + (FORMAT_VERSION + 1).to_bytes(2, "big") + data[header + 2 :]
    with pytest.raises(RouterFormatError, match="version"):
        Router.from_bytes(newer)
    with pytest.raises(RouterFormatError):
        Router.from_bytes(b"\x80\x05not a router")


def test_format_1_routers_are_read_with_their_hashes_cut_to_48_bits(router):
    import pickle

    import numpy as np

    data = router.to_bytes()
    header = data.index(b"\n") + 1
    state = pickle.loads(data[header + 2 :])
    rng = np.random.default_rng(0)
    for tfidf in (state["model"].features.chars, state["model"].features.words):
        # format 1 kept all 64 bits of a hash: the low 16 are noise as far as format 2 is concerned
        tfidf.vocabulary = tfidf.vocabulary | rng.integers(0, 1 << 16, len(tfidf.vocabulary), dtype=np.uint64)
    old = data[:header] + (1).to_bytes(2, "big") + pickle.dumps(state, protocol=5)
    text = "我想反映非法集资和投资返利的问题"
    expected = router.predict(text)
    got = Router.from_bytes(old).predict(text)
    assert [(s.label, s.confidence) for s in got] == [(s.label, s.confidence) for s in expected]


def test_training_is_deterministic_with_a_seed():
    texts, labels = letters(90, seed=3, noise=0.2)
    a = train_router(texts, labels, seed=7).predict_many(texts[:10])
    b = train_router(texts, labels, seed=7).predict_many(texts[:10])
    assert [[(s.label, s.confidence) for s in row] for row in a] == [
        [(s.label, s.confidence) for s in row] for row in b
    ]


def test_cross_validate_gives_sane_figures():
    texts, labels = letters(120, seed=1, noise=0.3)
    quality = cross_validate(texts, labels, folds=3)
    assert quality.n == 120 and quality.folds == 3
    # With 30% random labels about 80% can be right (a random label is right a third of the time).
    assert 0.6 < quality.accuracy < 0.95
    assert 0.55 < quality.macro_f1 < 0.95
    assert set(quality.per_label_f1) == set(TOPICS)
    assert sum(b.n for b in quality.reliability) == 120
    assert 0 <= quality.expected_calibration_error < 0.15


def test_hashes_do_not_cross_letters_and_words_pair_within_a_letter():
    rows, _ = char_ngram_hashes(["ab", "c"], max_n=4)
    assert rows.tolist().count(0) == 3 and rows.tolist().count(1) == 1  # a, b, ab | c
    rows, hashes = word_ngram_hashes([["甲", "乙"], ["甲"]])
    assert rows.tolist() == [0, 0, 1, 0]  # 甲 乙 | 甲 | 甲乙
    assert hashes[0] == hashes[2] and len(set(hashes.tolist())) == 3


def test_no_rules_and_no_model_suggests_nothing():
    empty = rules_router({})
    assert not empty.trained
    assert empty.labels == []
    assert empty.predict("x") == []
    assert empty.predict_many(["x", ""]) == [[], []]
    assert Router.from_bytes(empty.to_bytes()).predict("x") == []


@pytest.mark.parametrize("labels", [sorted(TOPICS), ["funds", "loans"]])
def test_single_text_fast_path_matches_the_batch_path(labels):
    texts, got = letters(120, seed=5)
    keep = [i for i, label in enumerate(got) if label in labels]
    trained = train_router([texts[i] for i in keep], [got[i] for i in keep], RULES, seed=0)
    probe = ["公司暴力催收，还要交担保费", "非法集资", "", "ＡＢＣ　无关的话"]
    batch = trained.predict_many(probe)  # several texts: sparse matrices and sklearn's predict_proba
    for text, expected in zip(probe, batch, strict=True):
        single = trained.predict(text)  # one text: direct weight look-ups and softmax
        assert [s.label for s in single] == [s.label for s in expected]
        assert [s.confidence for s in single] == pytest.approx([s.confidence for s in expected], abs=1e-5)
        assert [s.matched_keywords for s in single] == [s.matched_keywords for s in expected]


def test_hashed_columns_match_a_binary_search_of_the_vocabulary():
    import numpy as np

    from knowledge_base.routing.features import HashedTfidf

    rng = np.random.default_rng(0)
    tfidf = HashedTfidf()
    for size in (1, 2, 3, 1000):
        tfidf.vocabulary = np.unique(
            rng.integers(0, 2**63, size, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        )
        queries = np.concatenate(
            (tfidf.vocabulary, rng.integers(0, 2**63, 500, dtype=np.uint64) * np.uint64(2))
        )
        queries = np.concatenate((queries, np.array([0, 2**64 - 1], dtype=np.uint64)))
        rng.shuffle(queries)
        expected = np.minimum(np.searchsorted(tfidf.vocabulary, queries), size - 1)
        expected[tfidf.vocabulary[expected] != queries] = -1
        assert (tfidf.columns(queries) == expected).all()


def test_worker_processes_build_the_same_features_as_one_process(monkeypatch):
    from knowledge_base.routing import features

    monkeypatch.setattr(features, "CHUNK", 40)
    texts, _ = letters(130, seed=3)
    inline = features.TextFeatures(clean_rules(RULES))
    expected = inline.fit_transform(texts)
    monkeypatch.setattr(features, "PARALLEL_MIN", 100)
    monkeypatch.setattr(features.os, "sched_getaffinity", lambda pid: {0, 1})
    pooled = features.TextFeatures(clean_rules(RULES))
    got = pooled.fit_transform(texts)
    assert (pooled.chars.vocabulary == inline.chars.vocabulary).all()
    assert (pooled.words.vocabulary == inline.words.vocabulary).all()
    assert got.shape == expected.shape and abs(got - expected).max() < 1e-6
    assert abs(pooled.transform(texts) - expected).max() < 1e-6


def test_the_svc_weighs_only_the_selected_n_grams_and_every_rule_column(monkeypatch):
    import numpy as np

    from knowledge_base.routing import model

    monkeypatch.setattr(model, "SELECTED_FEATURES", 40)
    texts, labels = letters(120, seed=5)
    trained = train_router(texts, labels, RULES, seed=0)
    coef = trained._model.linear.coef
    n_rules = len(RULES)
    assert 0 < np.count_nonzero(np.abs(coef[:-n_rules]).sum(axis=1)) <= 40
    assert np.abs(coef[-n_rules:]).sum(axis=1).all()  # rule columns are never left out
    batch = trained.predict_many(texts[:5])
    for text, expected in zip(texts[:5], batch, strict=True):
        assert [s.label for s in trained.predict(text)] == [s.label for s in expected]


def test_threaded_one_vs_rest_is_the_same_model_as_linear_svc():
    import numpy as np

    from knowledge_base.routing.features import TextFeatures
    from knowledge_base.routing.model import _OneVsRest, _svc

    texts, labels = letters(150, seed=4, noise=0.1)
    y = np.array(labels)
    matrix = TextFeatures(clean_rules(RULES)).fit_transform(texts)
    reference, threaded = _svc(0, 1.0).fit(matrix, y), _OneVsRest(0, 1.0, 2).fit(matrix, y)
    assert list(threaded.classes_) == list(reference.classes_)
    assert np.abs(threaded.coef_ - reference.coef_).max() < 1e-3
    assert np.abs(threaded.decision_function(matrix) - reference.decision_function(matrix)).max() < 1e-3


def test_coverage_at_a_threshold_counts_the_confident_letters_and_their_accuracy():
    at = coverage_at([0.9, 0.8, 0.55, 0.3], [True, False, True, False], 0.6)
    assert (at.coverage, at.accuracy) == (0.5, 0.5)
    assert coverage_at([0.1], [True], 0.6).accuracy == 0.0  # nothing kept


def test_holdout_evaluate_scores_letters_the_router_never_saw_and_returns_one_trained_on_all():
    texts, labels = letters(100, seed=5, noise=0.3)
    router, quality = holdout_evaluate(texts, labels, RULES, 0.2, seed=0)
    assert (quality.n_train, quality.n_test) == (80, 20)
    assert 0.5 <= quality.accuracy < 1.0  # some labels are random: not every held-out letter is right
    assert 0 < quality.at_threshold.coverage <= 1
    assert quality.at_threshold.threshold == SUGGEST_MIN_CONFIDENCE
    assert router.trained and set(router.labels) == set(TOPICS)
    _, same = holdout_evaluate(texts, labels, RULES, 0.2, seed=0)
    assert same == quality  # seeded
