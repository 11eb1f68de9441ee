from knowledge_base import DIVISIONS, load_starter_answers


def test_starter_set_loads_with_required_fields():
    answers = load_starter_answers()
    assert len(answers) >= 40
    assert len({a.key for a in answers}) == len(answers)
    for a in answers:
        assert a.question and a.answer and a.topic and a.policy_basis
        assert a.division in DIVISIONS
        assert isinstance(a.public, bool)


def test_starter_set_covers_the_bureaus_topics():
    topics = {a.topic for a in load_starter_answers()}
    for topic in (
        "非法集资",
        "小额贷款公司",
        "融资担保",
        "典当",
        "融资租赁",
        "区域性股权市场",
        "交易场所",
        "网贷风险处置",
        "政府信息公开",
        "商业保理",
        "地方资产管理公司",
        "职责外事项",
    ):
        assert topic in topics
