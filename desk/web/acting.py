"""A view's unit of work: validate, run one service, commit once and redirect; or show the refusal.

A refused service (CaseError) writes nothing: the view rolls back, flashes the Chinese message and
shows its page again with the error's 4xx, keeping the form the user filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import flash, redirect
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from desk.cases.errors import CaseError
from desk.extensions import db


def act_and_redirect(
    action: Callable[[], Any],
    success: str,
    *,
    then: Callable[[], str],
    refused: Callable[[CaseError], ResponseReturnValue],
    refresh: object | None = None,
) -> ResponseReturnValue:
    """Run `action`, commit, flash `success` (when there is one) and redirect to `then()`.

    `then` is read once the action has run, before the commit. On a refusal `refresh` (the object
    the page shows) is read again after the rollback and `refused(error)` is the response.
    """
    try:
        action()
    except CaseError as error:
        db.session.rollback()
        if refresh is not None:
            db.session.refresh(refresh)
        flash(str(error), "error")
        return refused(error)
    target = then()
    db.session.commit()
    if success:
        flash(success, "success")
    return redirect(target)


def submit_form(
    form: FlaskForm,
    action: Callable[[], Any],
    success: str,
    *,
    then: Callable[[], str],
    show: Callable[[int], ResponseReturnValue],
    refresh: object | None = None,
    refusal_status: int | None = None,
) -> ResponseReturnValue:
    """Validate `form`, then `act_and_redirect`; `show(status)` is the page again (400, or the refusal's 4xx).

    `refusal_status`, when given, answers every refusal with that status instead of the error's own.
    """
    if not form.validate_on_submit():
        return show(400)
    return act_and_redirect(
        action,
        success,
        then=then,
        refused=lambda error: show(refusal_status or error.status),
        refresh=refresh,
    )
