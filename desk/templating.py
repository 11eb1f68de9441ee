"""Template filters and globals shared by every page."""

from __future__ import annotations

import re
from datetime import date, datetime

from flask import Flask, current_app
from flask_wtf import FlaskForm
from jinja2 import pass_context
from markupsafe import Markup, escape

from desk.cases.attachments import readable_size
from desk.cases.events import ACTION_LABELS, PUBLIC_ACTIONS
from desk.cases.kinds import DEFAULT_KIND, kind_label
from desk.cases.masking import mask_email, mask_name, mask_phone
from desk.models import CaseState, Channel, ReplyStatus, Role
from desk.timeutil import to_local

WEEKDAYS = "一二三四五六日"


def local_dt(moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """'2026-11-21 14:05' in the bureau's time zone."""
    return to_local(moment).strftime(fmt) if moment else ""


def day(value: date | None) -> str:
    """'2026-11-21（六）'."""
    return f"{value:%Y-%m-%d}（{WEEKDAYS[value.weekday()]}）" if value else ""


def highlight(text: str, terms) -> Markup:
    """The text, escaped, with the matched terms wrapped in <mark> (longest first, never nested)."""
    words = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not text or not words:
        return Markup(escape(text or ""))
    pattern = re.compile("|".join(re.escape(w) for w in words))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def iso_day(value: str | date | None) -> str:
    """'2026-11-21（六）' from an ISO date string (as kept in the session) or a date."""
    if isinstance(value, str):
        value = date.fromisoformat(value) if value else None
    return day(value)


EXPIRED_FORM = "页面已过期，请重新提交。"


@pass_context
def form_errors(ctx) -> list[tuple[str | None, str]]:
    """Every error of the forms on the page, as (field anchor or None, message), for the summary.

    A page adds errors that belong to no field (a failed login) by setting `page_errors` to a list
    of messages at the top of its template.
    """
    found: list[tuple[str | None, str]] = []
    for value in ctx.get_all().values():
        if not isinstance(value, FlaskForm) or not value.errors:
            continue
        for f in value:
            if not f.errors:
                continue
            if f.type in ("CSRFTokenField", "HiddenField"):
                if (None, EXPIRED_FORM) not in found:
                    found.append((None, EXPIRED_FORM))
                continue
            anchor = f"#{f.id}-0" if f.type == "RadioField" else f"#{f.id}"  # its first option
            for message in f.errors if isinstance(f.errors, list) else f.errors.values():
                found.append((anchor, f"{f.label.text}：{message}"))
    found.extend((None, message) for message in ctx.get("page_errors") or ())
    return found


def init_app(app: Flask) -> None:
    """Register filters and globals."""
    app.jinja_env.filters.update(
        local_dt=local_dt,
        day=day,
        iso_day=iso_day,
        mask_phone=mask_phone,
        mask_name=mask_name,
        mask_email=mask_email,
        public_action=lambda action: PUBLIC_ACTIONS.get(action, ""),
        action_label=lambda action: ACTION_LABELS.get(action, action),
        highlight=highlight,
        kind_label=kind_label,
    )
    app.jinja_env.globals.update(
        CaseState=CaseState,
        default_kind=DEFAULT_KIND,
        Channel=Channel,
        ReplyStatus=ReplyStatus,
        Role=Role,
        form_errors=form_errors,
        attachment_hint=attachment_hint,
    )

    @app.context_processor
    def bureau():
        return {"bureau_name": current_app.config["DESK_BUREAU_NAME"], "unread_notices": _unread_notices}


def attachment_hint() -> str:
    """What the letter forms say about attachments: the limits the upload check applies."""
    config = current_app.config
    most, size = config["ATTACHMENT_MAX_COUNT"], readable_size(config["ATTACHMENT_MAX_BYTES"])
    return f"最多{most}个，PDF、JPG或PNG，每个不超过{size}"


def _unread_notices() -> int:
    """The signed-in user's unread notices (called by the header, so pages without it pay nothing)."""
    from flask_login import current_user

    from desk.supervision.notices import unread_count

    if not current_user.is_authenticated or current_user.role == Role.ADMIN:
        return 0
    return unread_count(current_user)
