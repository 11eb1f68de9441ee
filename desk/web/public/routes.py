"""The citizen's pages: write a letter, follow it."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    session,
    url_for,
)
from sqlalchemy.exc import IntegrityError

from desk.cases import services
from desk.cases.clock import Clock
from desk.cases.deadlines import days_in_force, load_calendar
from desk.cases.kinds import kind_spec, proposal_kinds, public_kinds
from desk.cases.lifecycle import apply, refusal
from desk.cases.lookup import look_up_case
from desk.cases.queries import answered_cases_of, case_by_intake_key, history, locked_case
from desk.cases.services import CaseError
from desk.cases.steps import can_rate, current_rating
from desk.extensions import db
from desk.knowledge.publication import published_proposal
from desk.knowledge.services import public_topic
from desk.models import Case
from desk.publishing.askers import opt_out, opted_out
from desk.publishing.letters import consents_of
from desk.publishing.queries import notices_for
from desk.timeutil import today, utcnow
from desk.web.public.forms import LetterForm, TrackForm
from desk.web.staff.forms import ActionForm
from desk.web.supervision.forms import RatingForm
from desk.web.throttling import limited, track_limits, write_limits

bp = Blueprint("public", __name__)


@bp.get("/proposals")
def proposals():
    """Replies to suggestions and proposals, published without names, contacts or copy list."""
    kinds = [spec.code for spec in proposal_kinds()]
    published = [
        published_proposal(case) for case in answered_cases_of(kinds) if case.detail("published_mode")
    ]
    return render_template("public/proposals.html", published=published)


@bp.get("/")
def home():
    """The start page with the three forms and the look-up."""
    days = days_in_force()
    kinds = public_kinds()
    intros = {spec.code: spec.intro_for(days[spec.code]) for spec in kinds}
    periods = {spec.code: spec.period(days[spec.code]) for spec in kinds}
    return render_template("public/home.html", kinds=kinds, intros=intros, periods=periods)


@bp.route("/write/<kind>", methods=["GET", "POST"])
@limited(write_limits)
def write(kind: str):
    """Write a letter of one kind."""
    try:
        kind = kind_spec(kind)
    except CaseError:
        abort(404)
    if not kind.public_form:
        abort(404)
    form = LetterForm()
    if form.validate_on_submit():
        key = form.submission_id.data
        if (earlier := case_by_intake_key(key)) is not None:
            return already_submitted(earlier)
        letter = services.Letter(
            kind=kind.code,
            subject=form.subject.data,
            content=form.content.data,
            citizen_name=form.citizen_name.data,
            phone=form.phone.data,
            email=form.email.data,
            consent_publish=form.consent_publish.data,
        )
        try:
            case, code = services.submit_letter(letter, attachments=form.checked_uploads, intake_key=key)
            db.session.commit()  # the letter is stored before the citizen is told it arrived
        except IntegrityError:
            db.session.rollback()  # the same submission arrived twice at once
            if (earlier := case_by_intake_key(key)) is None:
                raise
            return already_submitted(earlier)
        session["submitted"] = {"number": case.number, "code": code, "due": case.due_date.isoformat()}
        return redirect(url_for("public.submitted"))
    status = 400 if form.errors else 200
    return render_template(
        "public/write.html", form=form, kind=kind, intro=kind.intro_for(days_in_force()[kind.code])
    ), status


def already_submitted(case):
    """A resubmitted form: show the receipt again if this browser has it, else the number."""
    receipt = session.get("submitted")
    if receipt and receipt.get("number") == case.number:
        return redirect(url_for("public.submitted"))
    return render_template("public/duplicate.html", case=case), 409


@bp.get("/write/done")
def submitted():
    """The case number and query code, shown once."""
    receipt = session.pop("submitted", None)
    if receipt is None:
        return redirect(url_for("public.track"))
    return render_template("public/submitted.html", receipt=receipt)


@bp.route("/track", methods=["GET", "POST"])
@limited(track_limits)
def track():
    """Follow a case with its number and query code."""
    form = TrackForm()
    if not form.is_submitted():
        return render_template("public/track.html", form=form)
    _forget_tracked_case()  # a new look-up (the next person at this computer, say) starts afresh
    if not form.validate():
        return render_template("public/track.html", form=form), 400
    case = look_up_case(form.number.data, form.code.data)
    if case is None:
        return render_template("public/track.html", form=form, not_found=True), 404
    db.session.commit()  # a rehashed query code
    # this browser proved it holds the query code
    session["tracked_case"], session["tracked_at"] = case.id, utcnow().timestamp()
    return _render_tracked(case, form)


@bp.post("/track/rate")
def rate():
    """The citizen rates the reply of the case just looked up."""
    case = _tracked_case(for_update=True)
    if case is None:
        return render_template("public/track.html", form=TrackForm(), expired=True), 403
    form = RatingForm(prefix="rating")
    if not form.validate_on_submit():
        return _render_tracked(case, TrackForm(), rating_form=form, status=400)
    try:
        services.rate_case(case, form.level.data, form.comment.data)
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _render_tracked(case, TrackForm(), status=409)
    db.session.commit()
    flash("感谢您的评价。", "success")
    return _render_tracked(case, TrackForm())


def _tracked_case(*, for_update: bool = False) -> Case | None:
    """The case this browser looked up within TRACKED_CASE_MINUTES of its last action (on a shared
    computer the next person gets nothing); ``for_update`` locks it, so two quick clicks act in turn."""
    case_id, at = session.get("tracked_case"), session.get("tracked_at")
    if not case_id or at is None:
        return None
    if utcnow().timestamp() - at > current_app.config["TRACKED_CASE_MINUTES"] * 60:
        _forget_tracked_case()
        return None
    session["tracked_at"] = utcnow().timestamp()
    return locked_case(case_id) if for_update else db.session.get(Case, case_id)


def _forget_tracked_case() -> None:
    session.pop("tracked_case", None)
    session.pop("tracked_at", None)


@bp.post("/track/withdraw-consent")
def withdraw_consent():
    """The writer withdraws consent to publication: whatever of the letter is public comes down at once."""
    return _writer_step(
        "withdraw", "withdraw_consent", "您已撤回公开同意，本信件及答复不会公开，已公开的内容已撤下。"
    )


@bp.post("/track/give-consent")
def give_consent():
    """A writer who withdrew consents again: the letter goes back to review, nothing is public yet."""
    done = "您已重新同意公开。是否公开仍由我们审核决定：去除个人信息、审核通过后才会在“信件选登”公开。"
    return _writer_step("consent", "give_consent", done)


def _writer_step(prefix: str, action: str, done: str):
    """Apply the case core's step for the writer of the looked-up case (the case locked meanwhile)."""
    case = _tracked_case(for_update=True)
    if case is None:
        return render_template("public/track.html", form=TrackForm(), expired=True), 403
    if not ActionForm(prefix=prefix).validate_on_submit():
        return _render_tracked(case, TrackForm(), status=400)
    try:
        apply(case, action, None)
    except CaseError as error:
        db.session.rollback()
        flash(str(error), "error")
        return _render_tracked(case, TrackForm(), status=error.status)
    db.session.commit()
    flash(done, "success")
    return _render_tracked(case, TrackForm())


@bp.post("/track/opt-out")
def stop_notices():
    """The writer no longer wants to hear of new answers to the question."""
    case = _tracked_case()
    if case is None:
        return render_template("public/track.html", form=TrackForm(), expired=True), 403
    if not ActionForm(prefix="optout").validate_on_submit():
        return _render_tracked(case, TrackForm(), status=400)
    opt_out(case)
    db.session.commit()
    flash("今后有新的答复时，我们不再通知您。", "success")
    return _render_tracked(case, TrackForm())


def _render_tracked(case: Case, form: TrackForm, *, rating_form: RatingForm | None = None, status: int = 200):
    calendar, now = load_calendar(), today()
    rateable = can_rate(case)
    notices = notices_for(case)
    page = render_template(
        "public/track.html",
        form=form,
        case=case,
        events=history(case, public_only=True),
        remaining=calendar.workdays_between(now, case.due_date) if case.is_open else None,
        late=calendar.workdays_between(case.due_date, now) if case.is_open else None,
        overdue=case.is_open and case.due_date < now,  # also on a weekend after a Friday deadline
        rating=current_rating(case),
        paused=case.is_open and Clock.of(case).paused,
        rating_form=(rating_form or RatingForm(prefix="rating")) if rateable else None,
        withdraw_form=ActionForm(prefix="withdraw") if case.consent_publish else None,
        consent_form=ActionForm(prefix="consent") if refusal(case, "give_consent", None) is None else None,
        consents=consents_of(case),
        notices=notices,
        notice_topics={n.id: public_topic(n.entry.topic) for n in notices},  # masked like /answers
        optout_form=None if opted_out(case) else ActionForm(prefix="optout"),
    )
    return page, status
