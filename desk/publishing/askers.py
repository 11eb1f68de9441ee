"""Word to those who asked before: when a public entry is published or materially updated, the
writers of recent letters that match it are told once, with a link, on /track always, on the
channel they wrote on while the platform lets the account write to them (WeChat: 48 hours after
their last message; Weibo: ``WEIBO_NOTICE_WINDOW_HOURS``, 48 by default), and by e-mail when they
left one; they can opt out.

The knowledge base announces the change (desk.knowledge.signals.entry_published) inside its unit
of work; the update is recorded there and the telling is a job sent after the commit.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desk.background import enqueue_after_commit
from desk.channels.delivery import send_text_now
from desk.channels.senders import DeliveryError
from desk.extensions import db
from desk.knowledge.index_cache import entry_index
from desk.knowledge.services import public_topic
from desk.knowledge.signals import entry_published
from desk.models import (
    AskerNotice,
    AskerOptOut,
    Case,
    CaseState,
    Channel,
    EntryStatus,
    EntryUpdate,
    InboundMessage,
    KnowledgeEntry,
)
from desk.models.knowledge import entry_sources
from desk.timeutil import utcnow

log = logging.getLogger(__name__)

# A letter matches an entry when the entry is the best public suggestion for the whole letter (what
# a citizen typing that letter would be shown first) with at least this score. Measured by
# `python -m bench.askers` on the demo's 32 letters labelled with the starter answers that answer
# them: best and >= 20 tells 25 writers, 84% of them rightly (54% of the right pairs found); best
# at any score 78% / 64%; in the top 3, 37% / 90%. Wrong word costs more than a missed one.
MATCH_MIN_SCORE = 20.0
RECENT_DAYS = 90  # letters received within this many days count as recent
MAX_CANDIDATES = 2000  # the most recent letters looked at per update
WECHAT_WINDOW = timedelta(hours=48)  # customer-service messages only within 48 h of the citizen's last

NOTES = {"published": "发布", "updated": "更新答复内容"}


@entry_published.connect
def _record_update(sender: str, *, entry: KnowledgeEntry) -> None:
    """Record the publication or update ("更新于…") and tell earlier askers after the commit."""
    update = EntryUpdate(entry_id=entry.id, at=utcnow(), change=sender, note=NOTES.get(sender, sender))
    db.session.add(update)
    db.session.flush()
    if entry.public and _any_recent_case():
        enqueue_after_commit("desk.jobs.publishing.tell_earlier_askers", update.id)


def _any_recent_case() -> bool:
    # Nobody to tell (the demo loading its starter answers, a fresh install): no job at all.
    since = utcnow() - timedelta(days=RECENT_DAYS)
    return db.session.scalar(select(Case.id).where(Case.received_at >= since).limit(1)) is not None


@dataclass(frozen=True)
class Match:
    """A recent letter that asked what the entry answers."""

    case: Case
    reason: str  # topic / score
    score: float | None


def letter_score(entry: KnowledgeEntry, case: Case) -> float:
    """The entry's score for the case's letter when it is the best public suggestion for it, else 0."""
    hits = entry_index().suggest(f"{case.subject}\n{case.content}", k=1, filters=_public_published)
    return hits[0].score if hits and hits[0].entry_id == entry.id else 0.0


def _public_published(entry) -> bool:
    return entry.attributes["status"] == "published" and bool(entry.attributes["public"])


def matching_cases(entry: KnowledgeEntry, *, min_score: float = MATCH_MIN_SCORE) -> list[Match]:
    """Recent letters on the entry's topic, or scoring at least `min_score` for it; one per writer."""
    since = utcnow() - timedelta(days=RECENT_DAYS)
    same_topic = set(
        db.session.scalars(
            select(entry_sources.c.case_id)
            .join(KnowledgeEntry, KnowledgeEntry.id == entry_sources.c.entry_id)
            .where(KnowledgeEntry.topic == entry.topic)
        )
    )
    opted_out = select(AskerOptOut.case_id)
    candidates = db.session.scalars(
        select(Case)
        .where(
            Case.received_at >= since,
            Case.state != CaseState.NOT_ACCEPTED,
            Case.id.not_in(opted_out),
        )
        .order_by(Case.received_at.desc())
        .limit(MAX_CANDIDATES)
    )
    matches, writers = [], set()
    for case in candidates:
        if case.id in same_topic:
            match = Match(case, "topic", None)
        else:
            score = letter_score(entry, case)
            if score < min_score:
                continue
            match = Match(case, "score", round(score, 3))
        writer = _writer(case)
        if writer in writers:
            continue  # the writer's latest matching letter is told, once
        writers.add(writer)
        matches.append(match)
    return matches


def _writer(case: Case) -> str:
    """Who wrote the letter, as far as the desk can tell: the phone, the e-mail, the channel's sender id."""
    if case.phone or case.email:
        return case.phone or case.email
    sender = db.session.scalar(
        select(InboundMessage.sender)
        .where(InboundMessage.case_id == case.id)
        .order_by(InboundMessage.id)
        .limit(1)
    )
    return f"{case.channel}:{sender}" if sender else f"case:{case.id}"


def pending_notices(update_id: int) -> tuple[EntryUpdate | None, KnowledgeEntry | None, list[Match]]:
    """The update, its entry and the matching letters whose writers were not told of it yet."""
    update = db.session.get(EntryUpdate, update_id)
    entry = db.session.get(KnowledgeEntry, update.entry_id) if update else None
    if entry is None or not entry.public or entry.status != EntryStatus.PUBLISHED:
        return update, entry, []
    told = set(db.session.scalars(select(AskerNotice.case_id).where(AskerNotice.update_id == update.id)))
    return update, entry, [m for m in matching_cases(entry) if m.case.id not in told]


def tell(update: EntryUpdate, entry: KnowledgeEntry, match: Match) -> AskerNotice | None:
    """Record the notice and push it on the writer's channels (flushes; the job commits each one).

    The notice row is unique per update and letter, so a second worker or a retried job skips a
    writer already told: told once, at most.
    """
    notice = AskerNotice(
        update_id=update.id,
        entry_id=entry.id,
        case_id=match.case.id,
        created_at=utcnow(),
        reason=match.reason,
        score=match.score,
    )
    try:
        with db.session.begin_nested():
            db.session.add(notice)
    except IntegrityError:
        return None
    _push(notice, match.case, entry, update)
    return notice


def message(entry: KnowledgeEntry, update: EntryUpdate, case: Case) -> str:
    """The words a writer gets."""
    link = f"{current_app.config['PUBLIC_URL']}/answers/{entry.id}"
    what = "有了新的公开答复" if update.change == "published" else "的公开答复已更新"
    return (
        f"【{current_app.config['DESK_BUREAU_NAME']}】您此前来信（{case.number}）咨询的问题“{public_topic(entry.topic)}”{what}，"
        f"请查看：{link}\n不想再收到此类消息，可在来信查询页面选择“不再接收”。"
    )


def _push(notice: AskerNotice, case: Case, entry: KnowledgeEntry, update: EntryUpdate) -> None:
    text = message(entry, update, case)
    if case.channel == Channel.WECHAT:
        notice.wechat_outcome = _on_channel(case, Channel.WECHAT, WECHAT_WINDOW, text)
    elif case.channel == Channel.WEIBO:
        window = timedelta(hours=current_app.config["WEIBO_NOTICE_WINDOW_HOURS"])
        notice.weibo_outcome = _on_channel(case, Channel.WEIBO, window, text)
    if case.email and current_app.config.get("MAIL_SERVER"):
        try:
            _email(case.email, f"您咨询的问题“{public_topic(entry.topic)}”有了新的答复", text)
            notice.emailed_at = utcnow()
        except (OSError, smtplib.SMTPException):
            log.warning("notice e-mail for case %s not sent", case.id, exc_info=True)
    db.session.flush()


def _on_channel(case: Case, channel: str, window: timedelta, text: str) -> str:
    """Push the notice to the writer on the channel the letter came by, inside the platform's window."""
    last = db.session.execute(
        select(InboundMessage.sender, InboundMessage.sent_at)
        .where(InboundMessage.case_id == case.id, InboundMessage.channel == channel)
        .order_by(InboundMessage.sent_at.desc())
        .limit(1)
    ).first()
    if last is None or last.sent_at < utcnow() - window:
        return "window_closed"  # the citizen reads it on /track
    try:
        send_text_now(channel, last.sender, text)
    except DeliveryError as error:
        log.warning("notice for case %s not sent on %s: %s", case.id, channel, error)
        return error.kind
    return "delivered"


def _email(address: str, subject: str, body: str) -> None:
    config = current_app.config
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = config["MAIL_FROM"], address, subject
    mail.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        smtp.send_message(mail)


def opt_out(case: Case) -> None:
    """The writer asks not to be told of new answers any more (idempotent)."""
    if db.session.get(AskerOptOut, case.id) is None:
        db.session.add(AskerOptOut(case_id=case.id, at=utcnow()))
        db.session.flush()


def opted_out(case: Case) -> bool:
    """Whether the writer of the case asked not to be told."""
    return db.session.get(AskerOptOut, case.id) is not None
