"""The case page, shared by the division, the office and counsel: it offers the allowed actions."""

from __future__ import annotations

from flask import g, render_template, request
from flask_login import current_user

from desk.cases.clock import Clock
from desk.cases.deadlines import due_window, load_calendar
from desk.cases.kinds import kind_spec
from desk.cases.lifecycle import PAUSE_LABELS, allowed_actions
from desk.cases.queries import case_deliveries, case_ratings, history
from desk.cases.steps import pending_extension
from desk.disclosure.queries import request_for_case
from desk.disclosure.taxonomy import APPLICANT_LABELS, DELIVERY_LABELS, ID_TYPE_LABELS, OUTCOME_BY_ROW
from desk.models import Case, Role
from desk.publishing.letters import consents_of, letter_of, preview
from desk.supervision.queries import case_supervisions
from desk.timeutil import today, utcnow
from desk.web.case_actions import page_forms

DISCLOSURE_LABELS = {
    "applicant": APPLICANT_LABELS,
    "delivery": DELIVERY_LABELS,
    "id_type": ID_TYPE_LABELS,
    "outcome": OUTCOME_BY_ROW,
}

# The side column's actions, in the order the page shows them.
SIDE_ACTIONS = (
    "meet_milestone",
    "classify_response",
    "contact_proposer",
    "co_opinion",
    "publish_reply",
    "join_group",
    "leave_group",
    "grade",
    "assign",
    "refuse",
    "transfer",
    "reclassify",
    "joint_review",
    "decide_extension",
    "request_extension",
    "close",
    "propose_publication",
    "unpublish",
    "hand_back",
    # 政府信息公开申请
    "redirect_petition",
    "notify_correction",
    "record_correction",
    "correction_lapsed",
    "consult",
    "end_consultation",
    "notify_fee",
    "record_payment",
    "fee_lapsed",
)


def render_case_page(case: Case, *, status: int = 200, reveal: bool = False, **forms):
    """Render the case with the forms of the actions the current user may take; `forms` replace defaults."""
    user = current_user
    calendar = load_calendar()
    window = due_window(today(), calendar)
    clock = Clock.of(case)
    allowed = allowed_actions(case, user)
    context = {
        "case": case,
        "kind": kind_spec(case.kind),
        "events": history(case),
        "actions": allowed,
        "side_actions": [a for a in SIDE_ACTIONS if a in allowed],
        "due_status": window.status(case),
        "paused": clock.paused,
        "remaining": calendar.workdays_between(window.today, case.due_date) if case.is_open else None,
        "late": calendar.workdays_between(case.due_date, window.today) if case.is_open else None,
        "reveal": reveal,
        "reply": case.reply,
        "can_reveal": user.role in (Role.STAFF, Role.HEAD, Role.OFFICE),
        "supervisions": case_supervisions(case.id),
        "deliveries": case_deliveries(case),
        "ratings": case_ratings(case),
        "pending_extension": pending_extension(case),
        "disclosure": request_for_case(case),
        "disclosure_labels": DISCLOSURE_LABELS,
        "pause_labels": PAUSE_LABELS,
        "pauses": case.pauses,
        "spec": kind_spec(case.kind),
        "now": utcnow(),
        **page_forms(case, allowed, forms),
    }
    context["publication"] = letter_of(case)
    context["consents"] = consents_of(case)
    if "approve_publication" in allowed:
        context["publication_preview"] = preview(case)
    if "join_group" in allowed:
        # Comparing with every open letter costs about a second at a few thousand: only on request.
        wanted = bool(request.args.get("similar")) or "group_form" in forms
        context.update(_group_forms(case, forms, with_candidates=wanted))
    if "save_draft" in allowed:
        from desk.knowledge.services import suggest_for_case
        from desk.web.knowledge.forms import InsertForm

        context["entry_hits"], context["reply_hits"] = suggest_for_case(user, case)
        context["insert_form"] = InsertForm(prefix="insert")
        g.shown_entries = [h.entry.id for h in context["entry_hits"]]
    return render_template("staff/case.html", **context), status


def _group_forms(case: Case, given: dict, *, with_candidates: bool) -> dict:
    """The 集中反映 forms: similar open letters to pick (knowledge-base similarity), or an open group."""
    from desk.cases.queries import division_choices, open_groups
    from desk.knowledge.grouping import similar_open_letters
    from desk.web.office.kind_forms import AddToGroupForm, GroupForm
    from desk.web.validators import choices

    candidates = similar_open_letters(case) if with_candidates else []
    form = given.get("group_form") or GroupForm(
        prefix="group", title=case.subject, division_id=case.division_id
    )
    form.division_id.choices = choices([("", "请选择处室"), *division_choices()])
    form.member_ids.choices = choices((c.case.id, f"{c.case.number} {c.case.subject}") for c in candidates)
    groups = open_groups()
    add = given.get("add_group_form") or AddToGroupForm(prefix="add")
    add.group_id.choices = choices([("", "请选择"), *((g.id, f"第{g.id}组 {g.title}") for g in groups)])
    return {
        "group_form": form,
        "group_candidates": candidates,
        "group_searched": with_candidates,
        "add_group_form": add if groups else None,
    }
