"""The demo's history of past letters: reproducible, varied, and a learned router that works in the demo."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from desk.cases import services
from desk.demo.history import LETTERS_PER_DIVISION, generate_history, read_history
from desk.demo.seed import DIVISIONS, load_demo
from desk.knowledge import routing
from desk.models import Division, Role, RouterModel, Setting
from tests.clock import frozen_time
from tests.conftest import LETTER, utc

FUND_RAISING = "小区门口有公司摆摊，承诺年化百分之十八保本保息，拉老人投钱，每月返利，是不是非法集资？"
VAGUE = "您好，请问一下这个事情怎么办，谢谢。"


def _division(db, name: str) -> Division:
    return db.session.scalar(select(Division).where(Division.name == name))


def _letter(text: str):
    with frozen_time(utc(2026, 11, 3, 2, 0)):
        case, _ = services.submit_letter(services.Letter(**{**LETTER, "subject": text[:20], "content": text}))
    return case


def test_the_stored_history_is_the_generated_one_with_every_division_and_few_repeats():
    history = read_history()
    assert history == generate_history()  # python -m desk.demo.history rewrites the file
    assert Counter(h["division"] for h in history) == {code: LETTERS_PER_DIVISION for _, code in DIVISIONS}
    assert len({h["content"] for h in history}) >= 0.95 * len(history)
    assert generate_history(seed=1) != history


def test_the_demo_router_is_learned_measured_on_held_out_letters_and_active(db):
    load_demo()
    model = db.session.scalar(select(RouterModel).where(RouterModel.active.is_(True)))
    assert model is not None and model.n_cases == len(read_history())
    router = routing.current_router()
    assert router.trained
    quality = routing.json.loads(model.quality)
    assert quality["evaluation"] == "holdout" and quality["n_test"] == len(read_history()) // 5
    assert quality["accuracy"] >= 0.8 and 0 < quality["coverage"] <= 1

    case = _letter(FUND_RAISING)
    assert case.suggested_division_id == _division(db, "金融稳定处").id
    assert case.suggestion_confidence >= routing.suggest_threshold()


def test_below_the_threshold_the_desk_does_not_suggest(db):
    load_demo()
    top = routing.current_router().predict(VAGUE)[0]
    assert top.confidence < routing.suggest_threshold()
    assert _letter(VAGUE).suggested_division_id is None
    # the threshold is read from the settings: raised above a clear letter's confidence, no suggestion
    clear = routing.current_router().predict(FUND_RAISING)[0].confidence
    db.session.add(Setting(key=routing.SUGGEST_THRESHOLD_KEY, value=f"{min(clear + 0.005, 1):.3f}"))
    db.session.flush()
    assert _letter(FUND_RAISING).suggested_division_id is None


def test_the_admin_sees_the_held_out_accuracy_of_the_demo_router(db, browser, login_as):
    load_demo()
    quality = routing.json.loads(routing.active_model().quality)
    login_as(Role.ADMIN)
    page = browser.get("/admin/routing").get_data(as_text=True)
    assert "留出检验" in page and "演示历史来信" in page
    assert f"{quality['accuracy'] * 100:.1f}%" in page
    assert "置信度不足 60% 时不给建议" in page


def test_a_nightly_retrain_on_fewer_cases_keeps_the_demo_router(db):
    load_demo()
    before = routing.active_model().id
    result = routing.retrain(min_cases=5)
    assert routing.active_model().id == before and result.model_id is None
