from knowledge_base import tokenize


def test_domain_terms_stay_whole():
    cut = tokenize.words(
        "我想举报非法集资，小额贷款公司和融资担保公司的问题，区域性股权市场", search_mode=False
    )
    for term in ("非法集资", "小额贷款公司", "融资担保公司", "区域性股权市场"):
        assert term in cut


def test_stop_words_and_punctuation_dropped():
    assert tokenize.words("请问，你们的电话是多少？") == ["电话"]


def test_full_width_is_normalised():
    assert "p2p" in tokenize.words("Ｐ２Ｐ网贷平台")


def test_char_bigrams_stay_inside_runs():
    assert tokenize.char_bigrams("花呗，借呗") == ["花呗", "借呗"]


def test_synonyms_are_symmetric():
    groups = tokenize.synonym_groups()
    assert "蚂蚁借呗" in groups["借呗"]
    assert "借呗" in groups["蚂蚁借呗"]
