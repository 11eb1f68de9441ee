"""信件选登 (/letters), the public knowledge base (/answers), and the office's review queue."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from desk.cases.kinds import public_kinds
from desk.extensions import db
from desk.knowledge.services import public_text, public_topic
from desk.models import Role
from desk.publishing import queries
from desk.web.access import roles_required
from desk.web.case_actions import register_case_actions
from desk.web.published.forms import AnswersForm, LetterSearchForm
from desk.web.reading import count_after_reading

bp = Blueprint("published", __name__)
register_case_actions(bp)

LETTERS_PER_PAGE = 20


@bp.get("/letters")
def letters():
    """信件选登: the approved, de-identified letters and replies, searchable by words, kind and month."""
    form = LetterSearchForm(request.args)
    valid = form.validate()
    search = queries.LetterFilter(
        words=(form.q.data or "").strip() if valid else "",
        kind=form.kind.data or "" if valid else "",
        month=form.month_date if valid else None,
    )
    page = db.paginate(queries.published_letters(search), per_page=LETTERS_PER_PAGE, error_out=False)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    status = 200 if valid else 400
    return render_template(
        "published/letters.html", form=form, page=page, args=args, kinds=public_kinds()
    ), status


@bp.get("/letters/<number>")
def letter(number: str):
    """One published letter and its reply, as the office approved them."""
    item = queries.published_letter(number[:32]) or abort(404)
    page = render_template("published/letter.html", item=item)
    count_after_reading("desk.jobs.publishing.count_letter_view", item.id)
    return page


@bp.get("/answers")
def answers():
    """The public knowledge base by topic and by attention (most read, most asked, recently updated)."""
    form = AnswersForm(request.args)
    form.validate()
    order = form.sort.data if form.sort.data in queries.ATTENTION else "read"
    topic = (form.topic.data or "").strip()
    topics = _public_topics()
    stored = topics[topic][1] if topic in topics else []
    rows = queries.public_answers(topics=stored if topic else None, order=order)
    items = [(row[0], public_text(row[0]), row.updated) for row in rows]
    return render_template(
        "published/answers.html",
        form=form,
        items=items,
        order=order,
        topic=topic,
        topics=[(shown, n) for shown, (n, _) in topics.items()],
    )


def _public_topics() -> dict[str, tuple[int, list[str]]]:
    """The public entries' topics as citizens see them (masked; topics alike once masked are one),
    most entries first, each with its count and the stored topics it stands for."""
    merged: dict[str, tuple[int, list[str]]] = {}
    for stored, n in queries.public_topics():
        count, sources = merged.get(public_topic(stored), (0, []))
        merged[public_topic(stored)] = (count + n, [*sources, stored])
    return dict(sorted(merged.items(), key=lambda item: (-item[1][0], item[0])))


@bp.get("/office/publications")
@roles_required(Role.OFFICE)
def proposals():
    """Letters the divisions proposed for 信件选登, waiting for the office's review."""
    return render_template("published/proposals.html", items=queries.proposals())
