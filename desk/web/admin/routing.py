"""The admin's routing page: keyword rules, the auto-assignment threshold, the model and its quality."""

from __future__ import annotations

import json
from datetime import timedelta

from flask import flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from wtforms import DecimalField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from desk.background import enqueue_after_commit
from desk.extensions import db
from desk.jobs.routing import retrain_router
from desk.knowledge import routing
from desk.models import Role
from desk.people import queries as people
from desk.timeutil import utcnow
from desk.web.access import roles_required
from desk.web.admin.routes import bp
from desk.web.staff.forms import ActionForm


class KeywordsForm(FlaskForm):
    """A division's routing keywords."""

    keywords = TextAreaField("关键词（每行一个）", validators=[Optional(), Length(max=5000)])


class ThresholdForm(FlaskForm):
    """Auto-assignment above a confidence; empty turns it off."""

    threshold = DecimalField(
        "自动交办的置信度阈值（0.50–0.99，留空为关闭）",
        places=2,
        validators=[Optional(), NumberRange(0.5, 0.99, "阈值应在 0.50 至 0.99 之间")],
    )


def _page(status: int = 200, threshold_form: ThresholdForm | None = None):
    divisions = people.active_divisions()
    rules = routing.rules_by_division()
    keyword_forms = {
        d.id: KeywordsForm(prefix=f"kw{d.id}", keywords=rules[d.id].keywords if d.id in rules else "")
        for d in divisions
    }
    current = routing.auto_threshold()
    model = routing.active_model()
    latest = routing.latest_attempt()
    rejected = latest if latest is not None and not latest.active else None
    return render_template(
        "admin/routing.html",
        divisions=divisions,
        keyword_forms=keyword_forms,
        threshold_form=threshold_form or ThresholdForm(threshold=current),
        threshold=current,
        suggest_threshold=routing.suggest_threshold(),
        model=model,
        quality=json.loads(model.quality) if model else None,
        rejected=rejected,
        rejected_quality=json.loads(rejected.quality) if rejected else None,
        uptake=routing.suggestion_uptake(utcnow() - timedelta(days=365)),
        retrain_form=ActionForm(prefix="retrain"),
    ), status


@bp.get("/routing")
@roles_required(Role.ADMIN)
def routing_page():
    """Keyword rules per division, the threshold, the model's quality and how often it was right."""
    return _page()


@bp.post("/routing/keywords/<int:division_id>")
@roles_required(Role.ADMIN)
def routing_keywords(division_id: int):
    """Save one division's keywords."""
    division = people.division_by_id(division_id)
    form = KeywordsForm(prefix=f"kw{division_id}")
    if division is None or not form.validate_on_submit():
        return _page(400)
    routing.set_keywords(division, form.keywords.data or "")
    db.session.commit()
    flash(f"{division.name}的关键词已保存", "success")
    return redirect(url_for("admin.routing_page"))


@bp.post("/routing/threshold")
@roles_required(Role.ADMIN)
def routing_threshold():
    """Set or clear the auto-assignment threshold."""
    form = ThresholdForm()
    if not form.validate_on_submit():
        return _page(400, threshold_form=form)
    routing.set_auto_threshold(float(form.threshold.data) if form.threshold.data is not None else None)
    db.session.commit()
    flash("已保存", "success")
    return redirect(url_for("admin.routing_page"))


@bp.post("/routing/retrain")
@roles_required(Role.ADMIN)
def routing_retrain():
    """Retrain now, in the background."""
    if not ActionForm(prefix="retrain").validate_on_submit():
        return _page(400)
    enqueue_after_commit(retrain_router)
    db.session.commit()
    flash("已开始重新训练，完成后此页显示新的模型质量", "success")
    return redirect(url_for("admin.routing_page"))
