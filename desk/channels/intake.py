"""From a verified push to a case: the inbox row first (committed before the platform is
answered), the case later in a job, exactly once."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import bindparam, select

from desk.background import call_after_commit
from desk.cases import services
from desk.cases.deadlines import working_days_for
from desk.cases.kinds import CHANNEL_KIND, kind_spec
from desk.cases.lifecycle import apply
from desk.cases.numbering import give_back_case_number, reserve_case_number
from desk.cases.queries import case_by_number
from desk.cases.querycode import new_query_code
from desk.channels.inbound import InboundMessage as Push
from desk.database import dialect_insert
from desk.extensions import db
from desk.models import Case, Channel, InboundMessage
from desk.timeutil import local_date, to_local, utcnow

log = logging.getLogger(__name__)

CITIZEN_LABELS = {Channel.WECHAT: "微信用户", Channel.WEIBO: "微博用户"}
KIND_PLACEHOLDERS = {"image": "[图片]", "voice": "[语音]", "video": "[视频]", "position": "[位置]"}


@dataclass(frozen=True)
class Receipt:
    """What the webhook answers: the inbox row, whether it was a retry, the passive reply text."""

    inbound_id: int
    duplicate: bool
    reply_text: str | None  # None: no passive reply ("success")


def receive_push(push: Push, *, track_url: str) -> Receipt:
    """Store a push once (a platform retry finds the first row) and say what to answer (no commit).

    Few round trips on purpose: the message is numbered from this process's reserved block and
    inserted with everything its passive reply needs in one INSERT; a retry is recognised by the
    INSERT's conflict on the dedup key, and only then is the first row read.
    """
    now = utcnow()
    values = {
        "channel": push.channel,
        "dedup_key": push.dedup_key,
        "sender": push.sender,
        "recipient": push.recipient,
        "kind": push.kind,
        "text": push.text,
        "media": json.dumps(push.media, ensure_ascii=False) if push.media else None,
        "raw": push.raw,
        "makes_case": push.makes_case,
        "sent_at": push.sent_at,
        "received_at": now,
    }
    if not push.makes_case:
        welcome = push.event == "subscribe"
        values.update(processed_at=now, reply_text=WELCOME.format(track_url=track_url) if welcome else None)
    elif joined := _joinable_case_number(push, now):
        values.update(
            case_number=joined,
            joins_case=True,
            reply_text=f"您补充的内容已并入来信 {joined}，我们将一并办理。",
        )
    else:
        block = current_app.config["CASE_NUMBER_BLOCK"]
        number = reserve_case_number(CHANNEL_KIND, local_date(now), block)
        code = new_query_code()
        period = kind_spec(CHANNEL_KIND).period(working_days_for(CHANNEL_KIND))  # as the admin set it
        reply = RECEIVED.format(number=number, code=code, period=period, track_url=track_url)
        values.update(case_number=number, pending_code=code, reply_text=reply)
    row = dict.fromkeys(_INSERT_COLUMNS) | {"joins_case": False} | values
    new_id = db.session.scalar(_insert_statement(), row)
    if new_id is None:  # a platform retry: the first row answers, and the number was not used
        if values.get("pending_code"):
            give_back_case_number(values["case_number"])
        first = _stored(push.dedup_key)
        return Receipt(first.id, True, first.reply_text)
    if push.makes_case:
        call_after_commit("desk.jobs.inbox.announce_inbound", new_id)
    return Receipt(new_id, False, values.get("reply_text"))


_INSERT_COLUMNS = (
    "channel",
    "dedup_key",
    "sender",
    "recipient",
    "kind",
    "text",
    "media",
    "raw",
    "makes_case",
    "sent_at",
    "received_at",
    "processed_at",
    "case_number",
    "joins_case",
    "pending_code",
    "reply_text",
)


def _insert_statement():
    """One INSERT … ON CONFLICT DO NOTHING RETURNING id on the table itself, built once per dialect.

    Core on the table, with the same statement every time, so SQLAlchemy compiles it once: the
    webhook is the desk's hottest path.
    """
    dialect = db.session.get_bind().dialect.name
    cache = _insert_statement.__dict__.setdefault("by_dialect", {})
    if dialect not in cache:
        table = InboundMessage.__table__
        cache[dialect] = (
            dialect_insert(table)
            .values({name: bindparam(name, type_=table.c[name].type) for name in _INSERT_COLUMNS})
            .on_conflict_do_nothing(index_elements=["dedup_key"])
            .returning(table.c.id)
        )
    return cache[dialect]


def _stored(dedup_key: str):
    return db.session.execute(
        select(InboundMessage.id, InboundMessage.reply_text).where(InboundMessage.dedup_key == dedup_key)
    ).first()


RECEIVED = (
    "您的来信已收到，编号 {number}，查询码 {code}（请妥善保存）。我们将在{period}内答复，"
    "答复会通过本账号发送；您也可以凭编号和查询码在 {track_url} 查询办理进度。"
)
WELCOME = (
    "感谢关注！直接发送文字即可咨询或投诉地方金融相关事项，我们会告诉您编号和查询码。查询进度：{track_url}"
)


def _joinable_case_number(push: Push, now: datetime) -> str | None:
    """The case a sender's earlier message opened within the join window, if it is still open."""
    seconds = current_app.config["CHANNEL_JOIN_SECONDS"]
    if seconds <= 0:
        return None
    number = db.session.scalar(
        select(InboundMessage.case_number)
        .where(
            InboundMessage.channel == push.channel,
            InboundMessage.sender == push.sender,
            InboundMessage.case_number.is_not(None),
            InboundMessage.received_at >= now - timedelta(seconds=seconds),
        )
        .order_by(InboundMessage.id.desc())
        .limit(1)
    )
    if number is None:
        return None
    case = case_by_number(number)
    return number if case is None or case.is_open else None


def process_inbound(inbound_id: int) -> int | None:
    """Make (or extend) the case of an inbox row; does nothing for a row already processed."""
    row = db.session.scalar(select(InboundMessage).where(InboundMessage.id == inbound_id).with_for_update())
    if row is None or row.processed_at is not None:
        return row.case_id if row else None
    now = utcnow()
    if not row.makes_case:
        row.processed_at = now
        return None
    case = case_by_number(row.case_number) if row.case_number else None
    if case is None and row.joins_case:
        first = db.session.scalar(
            select(InboundMessage.id).where(
                InboundMessage.case_number == row.case_number, InboundMessage.joins_case.is_(False)
            )
        )
        if first is not None and first != row.id:
            process_inbound(first)
            case = case_by_number(row.case_number)
    if case is None:
        case = _open_case(row)
    else:
        _join_case(case, row)
    row.case_id, row.processed_at, row.pending_code = case.id, now, None
    db.session.flush()
    return case.id


def _open_case(row: InboundMessage) -> Case:
    text = _content(row)
    channel = Channel(row.channel)
    letter = services.Letter(
        kind=CHANNEL_KIND,
        subject=_subject(text),
        content=text,
        citizen_name=CITIZEN_LABELS[channel],
        phone="",
    )
    case, _ = services.submit_letter(
        letter, channel=channel, received_at=row.received_at, number=row.case_number, code=row.pending_code
    )
    return case


def _join_case(case: Case, row: InboundMessage) -> None:
    heading = f"{to_local(row.received_at):%m-%d %H:%M}"
    apply(case, "join_message", None, text=_content(row), heading=heading)


def _content(row: InboundMessage) -> str:
    text = row.text.strip()
    placeholder = KIND_PLACEHOLDERS.get(row.kind)
    if placeholder:
        media = json.loads(row.media) if row.media else {}
        link = media.get("PicUrl") or media.get("MediaId") or ""
        text = f"{placeholder}{' ' + link if link else ''}{'：' + text if text else ''}"
    return text or "[空消息]"


def _subject(text: str) -> str:
    first_line = text.strip().splitlines()[0] if text.strip() else "来信"
    return first_line[:30] + ("…" if len(first_line) > 30 else "")


def stale_inbox_ids(cutoff: datetime, *, after: int = 0, limit: int = 500) -> list[int]:
    """Ids of inbox rows received before `cutoff` and still unprocessed, above `after`, in order.

    The sweep walks them batch by batch (keyset on the id), so rows processed meanwhile by a
    drainer drop out and a row that fails is passed over until the next sweep.
    """
    return list(
        db.session.scalars(
            select(InboundMessage.id)
            .where(
                InboundMessage.processed_at.is_(None),
                InboundMessage.received_at < cutoff,
                InboundMessage.id > after,
            )
            .order_by(InboundMessage.id)
            .limit(limit)
        )
    )


def wipe_old_reply_texts(older_than: timedelta = timedelta(minutes=15)) -> int:
    """Forget passive replies (they hold query codes) once the platform's retries are over."""
    from sqlalchemy import update

    cutoff = utcnow() - older_than
    result = db.session.execute(
        update(InboundMessage)
        .where(InboundMessage.reply_text.is_not(None), InboundMessage.received_at < cutoff)
        .values(reply_text=None)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0
