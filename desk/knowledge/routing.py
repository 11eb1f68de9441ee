"""Routing suggestions in the desk: which division should answer a new case, and how sure.

Each process keeps the active router (a trained model, or keyword rules alone for a cold start)
and reloads it when the admin retrains or edits the rules.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select, update

from desk.cases.lifecycle import apply
from desk.cases.signals import case_changed, case_received
from desk.extensions import db
from desk.models import Case, CaseState, Division, RouterModel, RoutingRule, Setting
from desk.timeutil import utcnow
from knowledge_base.routing import (
    SUGGEST_MIN_CONFIDENCE,
    Router,
    cross_validate,
    rules_router,
    train_router,
)

AUTO_THRESHOLD_KEY = "routing_auto_threshold"
SUGGEST_THRESHOLD_KEY = "routing_suggest_threshold"
# A retrained model replaces the keywords (or the previous model) only if it is at least this good.
MIN_MACRO_F1 = 0.6
_lock = threading.Lock()


def routing_text(case: Case) -> str:
    """What the router reads of a case."""
    return f"{case.subject}\n{case.content}"


def keyword_rules() -> dict[str, list[str]]:
    """The admin's keywords per active division (labels are division ids as text)."""
    rows = db.session.execute(
        select(RoutingRule)
        .join(Division, Division.id == RoutingRule.division_id)
        .where(Division.active.is_(True))
    ).scalars()
    return {str(rule.division_id): rule.keyword_list for rule in rows if rule.keyword_list}


def rules_by_division() -> dict[int, RoutingRule]:
    """The admin's keyword rule of each division that has one."""
    return {rule.division_id: rule for rule in db.session.scalars(select(RoutingRule))}


def current_router() -> Router:
    """The active router of this process, reloaded when a new model or rule change appears."""
    model_id = db.session.scalar(select(RouterModel.id).where(RouterModel.active.is_(True)).limit(1))
    rules_at = db.session.scalar(select(func.max(RoutingRule.updated_at)))
    key = (model_id, rules_at)
    state = current_app.extensions.setdefault("desk_router", {})
    if state.get("key") != key:
        with _lock:
            if state.get("key") != key:
                if model_id is not None:
                    router = Router.from_bytes(db.session.get(RouterModel, model_id).blob)
                else:
                    router = rules_router(keyword_rules())
                state["router"], state["key"] = router, key
    return state["router"]


def auto_threshold() -> float | None:
    """Confidence at or above which a new case is assigned automatically (None: off)."""
    value = db.session.get(Setting, AUTO_THRESHOLD_KEY)
    return float(value.value) if value and value.value else None


def suggest_threshold() -> float:
    """Calibrated confidence below which a trained router's guess is not shown as a suggestion."""
    value = db.session.get(Setting, SUGGEST_THRESHOLD_KEY)
    return float(value.value) if value and value.value else SUGGEST_MIN_CONFIDENCE


def route_new_case(case: Case) -> None:
    """Record the suggested division of a new case; assign it automatically above the threshold."""
    router = current_router()
    if not router.labels:  # no model and no keywords yet: nothing to suggest
        return
    suggestions = router.predict(routing_text(case))
    if not suggestions:
        return
    best = suggestions[0]
    if not router.trained and not best.matched_keywords:
        return  # keywords alone, none found: an even guess is no suggestion
    if router.trained and best.confidence < suggest_threshold():
        return  # the model is unsure: better no suggestion than a likely wrong one
    division = db.session.get(Division, int(best.label)) if best.label.isdigit() else None
    if division is None or not division.active:
        return
    case.suggested_division_id, case.suggestion_confidence = division.id, round(best.confidence, 4)
    threshold = auto_threshold()
    # Keywords alone never assign: only a model trained on the desk's own history may.
    if router.trained and threshold is not None and best.confidence >= threshold:
        apply(case, "auto_assign", None, division=division, confidence=best.confidence)
        case.suggestion_outcome = "taken"
    db.session.flush()


@case_received.connect_via("receive")
def _suggest_a_division(sender, *, case: Case) -> None:
    """Every new case gets a suggested division (and, above the admin's threshold, is assigned)."""
    route_new_case(case)


@case_changed.connect_via("assign")
def note_assignment(sender, *, case: Case, actor, change) -> None:
    """The office assigned a case: was the suggestion taken?"""
    if case.suggested_division_id is not None:
        taken = case.suggested_division_id == case.division_id
        case.suggestion_outcome = "taken" if taken else "overridden"


@case_changed.connect_via("transfer")
@case_changed.connect_via("hand_back")
def note_misroute(sender, *, case: Case, actor, change) -> None:
    """A transfer or hand-back: a suggestion that was taken turned out wrong."""
    if case.suggestion_outcome == "taken":
        case.suggestion_outcome = "wrong"


@dataclass(frozen=True)
class TrainingResult:
    """What a retraining produced."""

    model_id: int | None
    n_cases: int
    quality: dict


@dataclass(frozen=True)
class TrainingSet:
    """What a retraining learns from, read in one short transaction."""

    texts: list[str]
    labels: list[str]
    rules: dict[str, list[str]]
    division_names: dict[int, str]
    active_n_cases: int | None  # letters the active model was trained on (None: no model)


def training_set() -> TrainingSet:
    """The desk's answered cases of divisions in use, with the keyword rules and the active model's size."""
    rows = db.session.execute(
        select(Case.subject, Case.content, Case.division_id)
        .join(Division, Division.id == Case.division_id)
        .where(Case.state.in_([CaseState.REPLIED, CaseState.CLOSED]), Division.active.is_(True))
    ).all()
    active = active_model()
    return TrainingSet(
        texts=[f"{subject}\n{content}" for subject, content, _ in rows],
        labels=[str(division_id) for _, _, division_id in rows],
        rules=keyword_rules(),
        division_names=dict(db.session.execute(select(Division.id, Division.name)).all()),
        active_n_cases=active.n_cases if active is not None else None,
    )


def retrain(min_cases: int = 20) -> TrainingResult:
    """Learn a router from the desk's own answered cases and make it the active one (no commit)."""
    return retrain_on(training_set(), min_cases)


def retrain_on(data: TrainingSet, min_cases: int = 20) -> TrainingResult:
    """Fit and store a router from a training set read before (no commit; the fit reads nothing).

    The job reads the set, commits, then fits: on SQLite a transaction holds the write lock from its
    first statement, and a fit of thousands of letters must not keep letters from being taken in.
    """
    texts, labels, rules, n = data.texts, data.labels, data.rules, len(data.texts)
    if n < min_cases or len(set(labels)) < 2:
        return TrainingResult(
            None, n, {"note": f"已答复来信不足 {min_cases} 件或只涉及一个处室，继续使用关键词规则"}
        )
    if data.active_n_cases is not None and data.active_n_cases > n:
        # e.g. the demo's router, trained on its history: fewer letters would make a weaker model
        note = f"已答复来信少于当前模型的 {data.active_n_cases} 件，未替换"
        return TrainingResult(None, n, {"note": note})
    started = utcnow()
    quality = cross_validate(texts, labels, rules, folds=5)
    router = train_router(texts, labels, rules)
    names = data.division_names
    summary = {
        "macro_f1": round(quality.macro_f1, 4),
        "accuracy": round(quality.accuracy, 4),
        "calibration_error": round(quality.expected_calibration_error, 4),
        "folds": quality.folds,
        "per_division": {names.get(int(k), k): round(v, 4) for k, v in quality.per_label_f1.items()},
        "seconds": round((utcnow() - started).total_seconds(), 1),
    }
    good_enough = quality.macro_f1 >= MIN_MACRO_F1
    if not good_enough:
        # A model worse than this would only mislead the office: keep the keywords (or the old model),
        # but keep the attempt, so the admin sees why.
        summary["note"] = f"交叉验证宏平均 F1 {quality.macro_f1:.2f} 低于 {MIN_MACRO_F1}，未启用"
    else:
        db.session.execute(update(RouterModel).where(RouterModel.active.is_(True)).values(active=False))
    model = RouterModel(
        trained_at=utcnow(),
        n_cases=n,
        quality=json.dumps(summary, ensure_ascii=False),
        blob=router.to_bytes(),
        active=good_enough,
    )
    db.session.add(model)
    db.session.flush()
    return TrainingResult(model.id if good_enough else None, n, summary)


@dataclass(frozen=True)
class TakenRate:
    """How often the suggestion was taken for one division in one month."""

    division: str
    month: str
    suggested: int  # cases triaged with this division suggested
    taken: int  # assigned as suggested (by the office or automatically)
    wrong: int  # of those, transferred or handed back later


def suggestion_uptake(since: datetime) -> list[TakenRate]:
    """Per suggested division and month of receipt: suggestions decided, taken, and later found wrong."""
    rows = db.session.execute(
        select(Case.suggested_division_id, Case.received_on, Case.suggestion_outcome, func.count())
        .where(Case.suggestion_outcome.is_not(None), Case.received_at >= since)
        .group_by(Case.suggested_division_id, Case.received_on, Case.suggestion_outcome)
    ).all()
    names = dict(db.session.execute(select(Division.id, Division.name)).all())
    counts: dict[tuple[str, str], list[int]] = {}
    for division_id, received_on, outcome, n in rows:
        key = (names.get(division_id, "—"), f"{received_on:%Y-%m}")
        bucket = counts.setdefault(key, [0, 0, 0])
        bucket[0] += n
        bucket[1] += n if outcome in ("taken", "wrong") else 0
        bucket[2] += n if outcome == "wrong" else 0
    return [TakenRate(d, m, *v) for (d, m), v in sorted(counts.items(), key=lambda kv: (kv[0][1], kv[0][0]))]


def set_keywords(division: Division, keywords: str) -> None:
    """The admin's keywords for a division (one per line); every process reloads its router."""
    rule = db.session.get(RoutingRule, division.id)
    if rule is None:
        rule = RoutingRule(division_id=division.id)
        db.session.add(rule)
    rule.keywords = "\n".join(k.strip() for k in keywords.replace("，", "\n").splitlines() if k.strip())
    rule.updated_at = utcnow()
    db.session.flush()


def set_auto_threshold(value: float | None) -> None:
    """Assign new cases automatically at or above this confidence (None turns it off)."""
    setting = db.session.get(Setting, AUTO_THRESHOLD_KEY)
    if setting is None:
        setting = Setting(key=AUTO_THRESHOLD_KEY, value="")
        db.session.add(setting)
    setting.value = "" if value is None else f"{value:.2f}"
    db.session.flush()


def latest_attempt() -> RouterModel | None:
    """The most recent training, in use or not."""
    stmt = select(RouterModel).order_by(RouterModel.trained_at.desc(), RouterModel.id.desc()).limit(1)
    return db.session.scalar(stmt)


def active_model() -> RouterModel | None:
    """The router model in use, if one was trained."""
    return db.session.scalar(select(RouterModel).where(RouterModel.active.is_(True)).limit(1))
