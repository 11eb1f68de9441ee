"""The knowledge base in the desk: curation, de-identified entries, suggestions, citizens' answers."""

from __future__ import annotations

import json
import uuid

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from desk import create_app
from desk.cases.services import CaseError
from desk.extensions import db as _db
from desk.knowledge import services
from desk.models import EntryStatus, KnowledgeEntry, SelfServiceAnswer
from tests.conftest import utc
from tests.supervision.conftest import assigned_case, make_team, replied_case

QUESTION = "融资担保公司收取的担保费过高，收费标准有规定吗？我叫张伟，电话13812345678。"
ANSWER = "您好！融资担保公司收费应遵循《融资担保公司监督管理条例》。张伟先生可拨打13812345678反映。"
SUGGEST = "/api/suggest"


def _published(
    db,
    question="融资担保公司担保费收费标准",
    answer="担保费率应当公平合理，不得收取不合理费用。",
    public=True,
    topic="融资担保收费",
):
    data = services.EntryData(question=question, answer=answer, topic=topic, public=public)
    entry = services.save_entry(None, data)
    services.set_status(None, entry, EntryStatus.PUBLISHED)
    db.session.commit()
    return entry


def test_an_entry_from_a_reply_is_de_identified_then_suggested_and_inserted(db, browser, login_as):
    team = make_team(suffix="kb")
    source = replied_case(
        team,
        utc(2026, 11, 2, 2, 0),
        utc(2026, 11, 4, 2, 0),
        subject="担保费过高",
        content=QUESTION,
        citizen_name="张伟",
        consent_publish=True,
    )
    source.reply.body = ANSWER
    db.session.commit()

    login_as(team.office)
    url = f"/knowledge/from-case/{source.id}"
    preview = browser.get(url).get_data(as_text=True)
    assert "13812345678" not in preview and "张伟" not in preview
    assert "[手机号]" in preview and "[姓名]" in preview
    assert "138******78" in preview and "张*" in preview  # the reviewer sees what was masked
    fields = {
        "question": "融资担保公司担保费过高，收费标准有规定吗？",
        "answer": "担保费率应当公平合理。",
        "topic": "融资担保收费",
        "public": "y",
    }
    saved = browser.post(url, fields, token_from=url)
    assert saved.status_code == 302
    entry = db.session.scalar(select(KnowledgeEntry))
    assert entry.status == "draft" and entry.sources == [source]
    browser.post(f"/knowledge/{entry.id}/status/published", token_from=f"/knowledge/{entry.id}")
    db.session.refresh(entry)
    assert entry.status == "published" and entry.reviewer_id == team.office.id

    new = assigned_case(
        team, utc(2026, 11, 5, 2, 0), subject="担保公司收费问题", content="融资担保公司担保费收得太高了"
    )
    db.session.commit()
    login_as(team.staff)
    page = browser.get(f"/staff/cases/{new.id}").get_data(as_text=True)
    assert "参考答复" in page and "<mark>担保费</mark>率应当公平合理" in page
    assert "<mark><mark>" not in page
    inserted = browser.post(
        f"/cases/{new.id}/insert-answer",
        {"insert-entry_id": str(entry.id)},
        prefix="insert",
        token_from=f"/staff/cases/{new.id}",
    )
    assert inserted.status_code == 302
    db.session.refresh(new)
    db.session.refresh(entry)
    assert "担保费率应当公平合理" in new.reply.body and entry.used_count == 1 and entry.shown_count >= 1


def test_citizens_see_only_public_published_valid_entries(db, client):
    public = _published(db)
    _published(db, question="融资担保公司担保费内部口径", public=False, topic="内部")
    draft = services.save_entry(
        None, services.EntryData(question="融资担保公司担保费草稿", answer="草稿", topic="草稿", public=True)
    )
    db.session.commit()
    query = {"q": "融资担保公司的担保费怎么收"}
    found = client.get(SUGGEST, query_string=query).get_json()["results"]
    assert [r["id"] for r in found] == [public.id]
    assert found[0]["url"] == f"/answers/{public.id}" and draft.id not in [r["id"] for r in found]
    services.set_status(None, public, EntryStatus.RETIRED)
    db.session.commit()
    assert client.get(SUGGEST, query_string=query).get_json()["results"] == []


def test_the_citizen_says_an_answer_helped_and_it_is_counted(db, browser):
    entry = _published(db)
    url = f"/answers/{entry.id}"
    assert "担保费率应当公平合理" in browser.get(url).get_data(as_text=True)
    assert browser.client.post(f"{url}/helpful", data={"entry_id": entry.id}).status_code == 400  # no CSRF
    thanked = browser.post(f"{url}/helpful", {"entry_id": str(entry.id)}, token_from=url)
    assert "感谢反馈" in thanked.get_data(as_text=True)
    db.session.refresh(entry)
    assert entry.helpful_count == 1 and entry.viewed_count >= 1
    assert db.session.scalar(select(func.count()).select_from(SelfServiceAnswer)) == 1


def test_the_suggestion_endpoint_is_throttled(db, client):
    _published(db)

    def ask(address: str):
        return client.get(SUGGEST, query_string={"q": "担保费"}, environ_base={"REMOTE_ADDR": address})

    one = f"10.9.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    statuses = [ask(one).status_code for _ in range(32)]
    assert statuses[:30] == [200] * 30 and statuses[-1] == 429
    assert "频繁" in ask(one).get_json()["error"]
    assert ask("10.8.0.1").status_code == 200  # others are not affected


def test_a_saved_entry_is_suggested_by_another_process_at_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    config = {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"}
    first, second = create_app(config), create_app(config)
    with first.app_context():
        upgrade()
    try:
        with second.app_context():
            assert services.suggest_public("小额贷款公司利率上限") == []  # builds this process's index
        with first.app_context():
            data = services.EntryData(
                question="小额贷款公司贷款利率上限是多少",
                answer="以国家规定为准",
                topic="小贷利率",
                public=True,
            )
            services.set_status(None, services.save_entry(None, data), EntryStatus.PUBLISHED)
            _db.session.commit()
        with second.app_context():
            assert [h.entry.topic for h in services.suggest_public("小额贷款公司利率上限")] == ["小贷利率"]
            _db.session.commit()
    finally:
        for app in (first, second):
            with app.app_context():
                _db.engine.dispose()


def test_only_the_office_curates(db, browser, login_as):
    entry = _published(db)
    login_as("staff")
    assert browser.get("/knowledge/").status_code == 404
    assert browser.get(f"/knowledge/{entry.id}").status_code == 404


def test_a_division_cannot_insert_another_divisions_reply(db, browser, login_as):
    team = make_team(suffix="ka")
    other = make_team("银行二处", suffix="kb2")
    theirs = replied_case(other, utc(2026, 11, 2, 2, 0), utc(2026, 11, 4, 2, 0))
    mine = assigned_case(team, utc(2026, 11, 5, 2, 0))
    db.session.commit()
    login_as(team.staff)
    response = browser.post(
        f"/cases/{mine.id}/insert-answer",
        {"insert-reply_case_id": str(theirs.id)},
        prefix="insert",
        token_from=f"/staff/cases/{mine.id}",
    )
    assert response.status_code == 404


def test_the_demo_loads_the_starter_answers(db):
    from desk.demo.seed import load_demo

    load_demo()
    published = db.session.scalar(
        select(func.count()).select_from(KnowledgeEntry).where(KnowledgeEntry.status == "published")
    )
    assert published >= 40
    assert db.session.scalar(select(func.count()).where(KnowledgeEntry.division_id.is_(None))) == 0


SUBJECT_WITH_PERSONAL_DATA = "我叫李秀兰，手机139 1234 5678，中山路351号3栋的小额贷款公司催收"
CONTENT = "小额贷款公司的王经理天天打电话催收，我爸李德明在长沙市岳麓区麓山路88号住，被吓坏了。"


def _replied(team, **fields):
    case = replied_case(
        team,
        utc(2026, 11, 2, 2, 0),
        utc(2026, 11, 4, 2, 0),
        subject=SUBJECT_WITH_PERSONAL_DATA,
        content=CONTENT,
        citizen_name="李秀兰",
        **fields,
    )
    case.reply.body = "李秀兰女士：您好！小额贷款公司催收不得采用恐吓手段，可拨打12378投诉。"
    return case


def _personal_data_in(text: str) -> list[str]:
    items = ["李秀兰", "1234", "5678", "中山路", "351号", "王经理", "李德明", "麓山路", "88号"]
    return [item for item in items if item in text]


def test_a_name_or_phone_in_the_subject_never_reaches_answers_or_suggestions(db, browser, login_as, client):
    team = make_team(suffix="kb2")
    source = _replied(team, consent_publish=True)
    db.session.commit()
    login_as(team.office)
    url = f"/knowledge/from-case/{source.id}"
    page = browser.get(url).get_data(as_text=True)
    entry_form = page[page.index('<form method="post" novalidate>') :]
    assert not _personal_data_in(entry_form)
    # The office saves the preview as it comes (topic and question made from the subject) and publishes it.
    preview = services.preview_from_case(source).data
    fields = {"question": preview.question, "answer": preview.answer, "topic": preview.topic, "public": "y"}
    assert browser.post(url, fields, token_from=url).status_code == 302
    entry = db.session.scalar(select(KnowledgeEntry).where(KnowledgeEntry.sources.contains(source)))
    assert not _personal_data_in(entry.topic + entry.question + entry.answer)
    assert "小额贷款公司" in entry.topic and "长沙市岳麓区" in entry.question and "12378" in entry.answer
    published = browser.post(f"/knowledge/{entry.id}/status/published", token_from=f"/knowledge/{entry.id}")
    assert published.status_code == 302
    db.session.refresh(entry)
    assert entry.status == "published" and entry.reviewer_id == team.office.id

    answer = client.get(f"/answers/{entry.id}").get_data(as_text=True)
    assert "小额贷款公司催收不得采用恐吓手段" in answer and not _personal_data_in(answer)
    results = client.get(SUGGEST, query_string={"q": "小额贷款公司催收打电话恐吓"}).get_json()["results"]
    assert [r["id"] for r in results] == [entry.id]
    assert not _personal_data_in(json.dumps(results, ensure_ascii=False))


def test_an_office_edit_that_types_a_name_back_in_is_masked_again(db, browser, login_as):
    team = make_team(suffix="kb3")
    source = _replied(team, consent_publish=True)
    db.session.commit()
    login_as(team.office)
    url = f"/knowledge/from-case/{source.id}"
    saved = browser.post(
        url,
        {
            "question": "李秀兰问：催收电话13912345678太多怎么办",
            "answer": "李秀兰女士，请拨打12378。",
            "topic": "催收",
        },
        token_from=url,
    )
    assert saved.status_code == 302
    entry = db.session.scalar(select(KnowledgeEntry).where(KnowledgeEntry.sources.contains(source)))
    assert (
        entry.question == "[姓名]问：催收电话[手机号]太多怎么办"
        and entry.answer == "[姓名]女士，请拨打12378。"
    )


def test_a_public_entry_needs_the_citizens_consent(db, browser, login_as):
    team = make_team(suffix="kb4")
    source = _replied(team, consent_publish=False)
    db.session.commit()
    login_as(team.office)
    url = f"/knowledge/from-case/{source.id}"
    assert "来信人未同意公开" in browser.get(url).get_data(as_text=True)
    fields = {"question": "小额贷款公司催收问题", "answer": "不得恐吓。", "topic": "催收"}
    refused = browser.post(url, fields | {"public": "y"}, token_from=url)
    assert refused.status_code == 400 and "来信人未同意公开" in refused.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(KnowledgeEntry)) == 0

    assert browser.post(url, fields, token_from=url).status_code == 302  # internal is fine
    entry = db.session.scalar(select(KnowledgeEntry))
    edit = f"/knowledge/{entry.id}"
    made_public = browser.post(edit, fields | {"public": "y"}, token_from=edit)
    assert made_public.status_code == 400 and "来信人未同意公开" in made_public.get_data(as_text=True)
    db.session.refresh(entry)
    assert entry.public is False


def test_a_public_entry_from_letters_is_published_only_by_a_reviewer(db):
    team = make_team(suffix="kb5")
    source = _replied(team, consent_publish=True)
    data = services.EntryData(question="小额贷款公司催收问题", answer="不得恐吓。", topic="催收", public=True)
    entry = services.save_entry(team.office, data, sources=[source])
    with pytest.raises(CaseError, match="审核"):
        services.set_status(None, entry, EntryStatus.PUBLISHED)
    services.set_status(team.office, entry, EntryStatus.PUBLISHED)
    assert entry.reviewer_id == team.office.id
    source.consent_publish = False
    with pytest.raises(CaseError, match="未同意公开"):
        services.set_status(team.office, entry, EntryStatus.PUBLISHED)


def test_an_entry_saved_before_de_identification_is_masked_on_the_way_out(db, client):
    team = make_team(suffix="kb6")
    source = _replied(team, consent_publish=True)
    entry = services.save_entry(
        None, services.EntryData(question="小额贷款公司催收", answer="不得恐吓。", topic="催收", public=True)
    )
    entry.sources.append(source)
    services.set_status(team.office, entry, EntryStatus.PUBLISHED)
    # As the old flow stored it: the citizen's raw subject as the topic and question.
    entry.topic = SUBJECT_WITH_PERSONAL_DATA[:30]
    entry.question = f"{SUBJECT_WITH_PERSONAL_DATA}\n{CONTENT}"
    entry.answer = "李秀兰女士：小额贷款公司催收不得恐吓。"
    db.session.commit()

    page = client.get(f"/answers/{entry.id}").get_data(as_text=True)
    assert "小额贷款公司催收不得恐吓" in page and not _personal_data_in(page)
    results = client.get(SUGGEST, query_string={"q": "小额贷款公司催收恐吓"}).get_json()["results"]
    assert [r["id"] for r in results] == [entry.id]
    assert not _personal_data_in(json.dumps(results, ensure_ascii=False))

    # The public list's topics too: shown masked, and the masked topic is what finds the entry.
    listing = client.get("/answers").get_data(as_text=True)
    assert f"/answers/{entry.id}" in listing and not _personal_data_in(listing)
    shown = services.public_topic(entry.topic)
    assert shown != entry.topic
    by_topic = client.get("/answers", query_string={"topic": shown}).get_data(as_text=True)
    assert f"/answers/{entry.id}" in by_topic and not _personal_data_in(by_topic)
    by_raw = client.get("/answers", query_string={"topic": entry.topic}).get_data(as_text=True)
    assert f"/answers/{entry.id}" not in by_raw


def test_publishing_without_consent_is_refused_with_a_message(db, browser, login_as):
    team = make_team(suffix="kb7")
    source = _replied(team, consent_publish=True)
    data = services.EntryData(question="小额贷款公司催收问题", answer="不得恐吓。", topic="催收", public=True)
    entry = services.save_entry(team.office, data, sources=[source])
    source.consent_publish = False  # e.g. the citizen withdrew it
    db.session.commit()
    login_as(team.office)
    url = f"/knowledge/{entry.id}"
    refused = browser.post(f"{url}/status/published", token_from=url)
    assert refused.status_code == 400 and "来信人未同意公开" in refused.get_data(as_text=True)
    db.session.refresh(entry)
    assert entry.status == "draft"
