"""Knowledge base pages: curation (office), one-click insert (divisions), answers (citizens)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from desk.cases.queries import case_for
from desk.cases.services import CaseError
from desk.extensions import db
from desk.knowledge import queries, services
from desk.knowledge.rate_limit import allow
from desk.models import EntryStatus, KnowledgeEntry, Role
from desk.people.queries import active_divisions
from desk.publishing.queries import entry_history
from desk.web.access import DIVISION_ROLES, roles_required
from desk.web.case_actions import act_on_case
from desk.web.case_page import render_case_page
from desk.web.knowledge.forms import EntryFilterForm, EntryForm, HelpfulForm, InsertForm
from desk.web.reading import count_after_reading
from desk.web.staff.forms import ActionForm
from desk.web.validators import choices

bp = Blueprint("knowledge", __name__)


def _division_field(form: EntryForm) -> None:
    divisions = active_divisions()
    form.division_id.choices = choices([("", "不限")] + [(d.id, d.name) for d in divisions])


def _data(form: EntryForm) -> services.EntryData:
    return services.EntryData(
        question=form.question.data,
        answer=form.answer.data,
        topic=form.topic.data,
        division_id=form.division_id.data,
        policy_basis=form.policy_basis.data,
        valid_from=form.valid_from.data,
        valid_until=form.valid_until.data,
        public=form.public.data,
    )


@bp.get("/knowledge/")
@roles_required(Role.OFFICE)
def entries():
    """Browse the knowledge base by topic, status and popularity."""
    form = EntryFilterForm(request.args)
    form.validate()
    stmt = queries.entries_query(
        status=form.status.data, topic=form.topic.data, words=form.q.data, sort=form.sort.data
    )
    page = db.paginate(stmt, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    topics = queries.topic_counts(30)
    return render_template("knowledge/entries.html", page=page, form=form, topics=topics)


@bp.route("/knowledge/new", methods=["GET", "POST"])
@bp.route("/knowledge/<int:entry_id>", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
def entry(entry_id: int | None = None):
    """Create or edit an entry."""
    item = db.session.get(KnowledgeEntry, entry_id) if entry_id else None
    if entry_id and item is None:
        abort(404)
    form = EntryForm(obj=item)
    _division_field(form)
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template("knowledge/entry.html", form=form, item=item), status
    try:
        item = services.save_entry(current_user, _data(form), item)
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
        return render_template("knowledge/entry.html", form=form, item=item), 400
    db.session.commit()
    flash("已保存", "success")
    return redirect(url_for("knowledge.entry", entry_id=item.id))


@bp.post("/knowledge/<int:entry_id>/status/<status>")
@roles_required(Role.OFFICE)
def change_status(entry_id: int, status: str):
    """Publish, retire, or take back to draft."""
    item = db.session.get(KnowledgeEntry, entry_id) or abort(404)
    try:
        new = EntryStatus(status)
    except ValueError:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        services.set_status(current_user, item, new)
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
        form = EntryForm(obj=item)
        _division_field(form)
        return render_template("knowledge/entry.html", form=form, item=item), 400
    db.session.commit()
    flash({"published": "已发布", "retired": "已停用", "draft": "已撤回为草稿"}[new], "success")
    return redirect(url_for("knowledge.entry", entry_id=item.id))


@bp.route("/knowledge/from-case/<int:case_id>", methods=["GET", "POST"])
@roles_required(Role.OFFICE)
def from_case(case_id: int):
    """A signed-off reply as a new entry: the de-identified preview first, then one click to save."""
    case = case_for(current_user, case_id)
    try:
        preview = services.preview_from_case(case)
    except CaseError as error:
        flash(str(error), "error")
        return redirect(url_for("staff.case", case_id=case.id))
    form = EntryForm(data=vars(preview.data) if request.method == "GET" else None)
    _division_field(form)
    if not form.validate_on_submit():
        status = 400 if form.errors else 200
        return render_template(
            "knowledge/entry.html", form=form, item=None, case=case, preview=preview
        ), status
    try:
        item = services.save_entry(current_user, _data(form), sources=[case])
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
        return render_template("knowledge/entry.html", form=form, item=None, case=case, preview=preview), 400
    db.session.commit()
    flash("已生成知识条目（草稿），审核后发布", "success")
    return redirect(url_for("knowledge.entry", entry_id=item.id))


@bp.post("/cases/<int:case_id>/insert-answer")
@roles_required(*DIVISION_ROLES)
def insert_answer(case_id: int):
    """Insert a suggested answer into the draft with one click."""
    case = case_for(current_user, case_id, for_update=True)
    form = InsertForm(prefix="insert")
    if not form.validate_on_submit():
        return render_case_page(case, status=400)
    text, entry_id = None, None
    if form.entry_id.data:
        item = db.session.get(KnowledgeEntry, form.entry_id.data)
        if item is not None and item.status == EntryStatus.PUBLISHED:
            text, entry_id = item.answer, item.id
    elif form.reply_case_id.data:
        # Only a reply the user may read anyway: of the division's own cases (or any, for the office).
        text = queries.readable_reply_body(current_user, form.reply_case_id.data)
    if text is None:
        abort(404)
    return act_on_case(
        case, lambda: services.insert_into_draft(current_user, case, text, entry_id), "已插入答复草稿"
    )


# --- citizens -------------------------------------------------------------------------------


@bp.get("/api/suggest")
def api_suggest():
    """Up to three public answers matching what a citizen is typing (JSON, throttled per address)."""
    text = (request.args.get("q") or "").strip()[:500]
    if not allow(f"suggest:{request.remote_addr}", limit=30, window_seconds=60):
        return jsonify(error="请求过于频繁，请稍后再试"), 429
    if len(text) < 4:
        return jsonify(results=[])
    hits = services.suggest_public(text, k=3)
    shown = [(h, services.public_text(h.entry)) for h in hits]
    count_after_reading("desk.jobs.knowledge.count_shown", [h.entry.id for h in hits])
    return jsonify(
        results=[
            {
                "id": h.entry.id,
                "question": public.question[:80],
                "topic": public.topic,
                "url": url_for("knowledge.answer", entry_id=h.entry.id),
                "matched": list(h.hit.matched_terms),
            }
            for h, public in shown
        ]
    )


@bp.get("/answers/<int:entry_id>")
def answer(entry_id: int):
    """A published answer, for citizens; they may say it solved their question."""
    item = services.public_entry(entry_id) or abort(404)
    text = services.public_text(item)
    page = render_template(
        "knowledge/answer.html",
        item=item,
        text=text,
        form=HelpfulForm(entry_id=item.id),
        history=entry_history(item.id),
    )
    count_after_reading("desk.jobs.knowledge.count_view", item.id)
    return page


@bp.post("/answers/<int:entry_id>/helpful")
def helpful(entry_id: int):
    """The citizen's question was answered without a letter."""
    item = services.public_entry(entry_id) or abort(404)
    form = HelpfulForm()
    if not form.validate_on_submit() or form.entry_id.data != str(item.id):
        abort(400)
    text = services.public_text(item)
    if not allow(f"helpful:{request.remote_addr}:{item.id}", limit=1, window_seconds=3600):
        return render_template(
            "knowledge/answer.html",
            item=item,
            text=text,
            form=None,
            thanked=True,
            history=entry_history(item.id),
        )
    services.record_helpful(item)
    db.session.commit()
    return render_template(
        "knowledge/answer.html", item=item, text=text, form=None, thanked=True, history=entry_history(item.id)
    )
