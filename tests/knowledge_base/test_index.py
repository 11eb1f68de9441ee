from dataclasses import replace

import pytest

from knowledge_base import KnowledgeIndex, load_starter_answers


@pytest.fixture
def index():
    """A small index with attributes the desk filters on."""
    ix = KnowledgeIndex()
    ix.add("ifr", "如何举报非法集资", "可以向地方金融监管局或公安机关举报。", topic="非法集资", public=True)
    ix.add(
        "mc", "小额贷款公司怎么申请设立", "向属地金融工作部门提出申请。", topic="小额贷款公司", public=False
    )
    ix.add(
        "foi",
        "怎么申请政府信息公开",
        "20个工作日内答复。",
        topic="政府信息公开",
        public=True,
        division="zcfg",
    )
    return ix


def test_best_match_first_with_matched_terms(index):
    hits = index.suggest("我要举报非法集资", k=3)
    assert hits[0].entry_id == "ifr"
    assert "非法集资" in hits[0].matched_terms
    assert hits[0].score > 0


def test_add_update_remove_change_results(index):
    assert index.suggest("典当行绝当") == []
    index.add("pawn", "典当行绝当怎么处理", "绝当物按规定处理。")
    assert [h.entry_id for h in index.suggest("典当行绝当")] == ["pawn"]
    index.update("pawn", "融资租赁公司归谁管", "地方金融管理部门。")
    assert "pawn" not in [h.entry_id for h in index.suggest("典当行绝当")]
    assert index.suggest("融资租赁")[0].entry_id == "pawn"
    assert index.remove("pawn") is True
    assert index.remove("pawn") is False
    assert "pawn" not in [h.entry_id for h in index.suggest("融资租赁")]
    assert len(index) == 3


def test_update_of_unknown_id_raises(index):
    with pytest.raises(KeyError):
        index.update("nope", "问题")


def test_filters_by_attributes_predicate_and_ids(index):
    query = "怎么申请"
    assert {h.entry_id for h in index.suggest(query, k=5)} == {"mc", "foi"}
    assert [h.entry_id for h in index.suggest(query, k=5, filters={"public": True})] == ["foi"]
    assert [h.entry_id for h in index.suggest(query, filters={"division": {"zcfg", "jrwd"}})] == ["foi"]
    assert [h.entry_id for h in index.suggest(query, filters=lambda e: e.topic.startswith("小额"))] == ["mc"]
    assert [h.entry_id for h in index.suggest(query, allowed_ids={"mc"})] == ["mc"]
    assert [h.entry_id for h in index.suggest(query, exclude_ids={"mc"})] == ["foi"]


def test_suggestions_are_deterministic():
    def build():
        ix = KnowledgeIndex()
        for s in load_starter_answers():
            ix.add(s.key, s.question, s.answer, s.topic, public=s.public)
        return ix

    a, b = build(), build()
    query = "网贷平台跑路了钱怎么要回来"
    assert a.suggest(query, k=10) == b.suggest(query, k=10) == a.suggest(query, k=10)


def test_starter_answers_are_found_by_paraphrase():
    ix = KnowledgeIndex()
    for s in load_starter_answers():
        ix.add(s.key, s.question, s.answer, s.topic)
    assert ix.suggest("依申请公开要多少个工作日答复", k=3)[0].entry_id == "foi-apply"
    assert "fg-license" in [h.entry_id for h in ix.suggest("融资担保公司注册资本要求", k=3)]


def test_empty_query_and_get(index):
    assert index.suggest("   ") == []
    assert index.get("ifr").attributes == {"public": True}
    assert index.get("missing") is None
    assert "ifr" in index and list(index.ids()) == ["ifr", "mc", "foi"]


def test_compaction_keeps_results():
    ix = KnowledgeIndex()
    for i in range(1200):
        ix.add(i, f"问题{i} 非法集资", "答复")
    for i in range(1199):
        ix.remove(i)
    assert len(ix) == 1
    assert [h.entry_id for h in ix.suggest("非法集资")] == [1199]


def test_consensus_prefers_the_answer_the_neighbours_share():
    ix = KnowledgeIndex()
    shared = "经核查，该公司未取得金融业务许可，已移交公安机关依法处理。"
    ix.add("odd", "非法集资公司跑路了怎么办", "请拨打热线电话咨询。")
    for i in range(4):
        ix.add(f"s{i}", f"非法集资公司跑路 第{i}次反映", shared)
    assert ix.suggest("非法集资公司跑路了怎么办", k=5)[0].entry_id.startswith("s")
    # The plain BM25 order puts the exact question first.
    plain = KnowledgeIndex(replace(ix.params, consensus_weight=1.0))
    plain.add("odd", "非法集资公司跑路了怎么办", "请拨打热线电话咨询。")
    for i in range(4):
        plain.add(f"s{i}", f"非法集资公司跑路 第{i}次反映", shared)
    assert plain.suggest("非法集资公司跑路了怎么办", k=5)[0].entry_id == "odd"


def test_answer_character_totals_follow_add_update_remove():
    ix = KnowledgeIndex()
    ix.add(1, "问题", "答复内容")
    ix.add(2, "问题", "另一个答复")
    ix.update(1, "问题", "改过的答复")
    ix.remove(2)
    assert ix._n_answers == 1
    assert ix._char_totals.sum() == len("改过的答复")
    ix.remove(1)
    assert ix._n_answers == 0 and not ix._char_totals.any()


def test_question_only_index_prefers_the_question_that_reads_alike():
    """Without answers, hits are re-ranked by how closely their question reads like the query."""
    questions = [
        "多久才能到账",
        "到账时间一般是多久呢，借款已经审批通过了，到账要多久",
        "怎么修改手机号",
        "手机号码能改吗",
    ]
    plain = replace(KnowledgeIndex().params, question_f1_weight=0, question_sequence_weight=0)
    plain = replace(plain, length_ratio_weight=0)
    ranked = {}
    for name, params in (("plain", plain), ("default", None)):
        ix = KnowledgeIndex(params)
        for i, q in enumerate(questions):
            ix.add(i, q)
        ranked[name] = [[h.entry_id for h in ix.suggest(q, 2)] for q in ("借款多久到账", "怎样更改手机号码")]
    assert ranked["plain"] == [[1, 0], [3, 2]]  # BM25 alone: the long letter, the extra characters
    assert ranked["default"] == [[0, 1], [2, 3]]  # 怎样更改 reads as 怎么修改 (synonyms)
