"""Replies sent back on WeChat or Weibo: planned at sign-off, attempted by jobs with back-off."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from desk.background import enqueue_after_commit
from desk.cases.events import record_event
from desk.cases.signals import case_changed
from desk.channels.senders import DeliveryError, WeChatSender, WeiboSender
from desk.channels.weibo import MAX_REPLY_CHARS as WEIBO_MAX_REPLY_CHARS
from desk.extensions import db
from desk.models import Case, Channel, Delivery, DeliveryAttempt, DeliveryState, InboundMessage
from desk.timeutil import utcnow

log = logging.getLogger(__name__)

CHANNELS = (Channel.WECHAT, Channel.WEIBO)
BACKOFF_SECONDS = (30, 120, 600, 1800, 3600)
# WeChat refuses a customer-service text over 2048 bytes (errcode 45002): about 680 Chinese characters.
WECHAT_MAX_TEXT_BYTES = 2048


def plan_delivery(case: Case) -> Delivery | None:
    """After sign-off: a reply to send back on the channel the case came from (no commit)."""
    if case.channel not in CHANNELS or case.reply is None:
        return None
    recipient = db.session.scalar(
        select(InboundMessage.sender)
        .where(InboundMessage.case_id == case.id)
        .order_by(InboundMessage.id)
        .limit(1)
    )
    if recipient is None:
        return None
    delivery = Delivery(
        case_id=case.id,
        channel=case.channel,
        recipient=recipient,
        text=reply_message(case, case.channel),
        state=DeliveryState.PENDING,
        created_at=utcnow(),
        next_attempt_at=utcnow(),
    )
    db.session.add(delivery)
    db.session.flush()
    enqueue_after_commit("desk.jobs.channels.deliver_reply", delivery.id)
    return delivery


def reply_message(case: Case, channel: str) -> str:
    """The reply as one message the platform accepts: a longer one is cut and says where the whole is."""
    text = f"【来信 {case.number} 的答复】\n{case.reply.body}"
    if _fits(channel, text):
        return text
    track = f"{current_app.config['PUBLIC_URL']}/track"
    tail = f"……\n（答复较长，以上为节选。全文请凭信件编号 {case.number} 和查询码在 {track} 查看）"
    if channel == Channel.WECHAT:
        room = WECHAT_MAX_TEXT_BYTES - len(tail.encode("utf-8"))
        head = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    else:
        head = text[: WEIBO_MAX_REPLY_CHARS - len(tail)]
    return head.rstrip() + tail


def _fits(channel: str, text: str) -> bool:
    if channel == Channel.WECHAT:
        return len(text.encode("utf-8")) <= WECHAT_MAX_TEXT_BYTES
    return len(text) <= WEIBO_MAX_REPLY_CHARS


@case_changed.connect_via("sign_off")
@case_changed.connect_via("group_answer")
def _deliver_signed_reply(sender, *, case: Case, actor, change) -> None:
    """The signed-off reply (a joint answer too) also goes back on WeChat/Weibo, in the same transaction."""
    plan_delivery(case)


def attempt_delivery(delivery_id: int, now: datetime | None = None) -> Delivery | None:
    """Send a pending reply once, record the attempt and its outcome (no commit).

    The row is locked for the attempt, so two workers never send the same reply at once.
    """
    now = now or utcnow()
    stmt = select(Delivery).where(Delivery.id == delivery_id).with_for_update()
    if db.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    delivery = db.session.scalar(stmt)
    if delivery is None or delivery.state != DeliveryState.PENDING:
        return delivery
    if delivery.next_attempt_at is not None and delivery.next_attempt_at > now + timedelta(seconds=1):
        return delivery  # not yet: a retry is scheduled later
    delivery.attempts += 1
    try:
        _sender(delivery.channel).send_text(delivery.recipient, delivery.text)
    except DeliveryError as error:
        _failed(delivery, error, now)
    else:
        db.session.add(DeliveryAttempt(delivery_id=delivery.id, at=now, outcome="delivered"))
        delivery.state, delivery.finished_at, delivery.next_attempt_at = DeliveryState.DELIVERED, now, None
        _case_event(delivery, "delivered", f"答复已通过{Channel(delivery.channel).label}送达")
    db.session.flush()
    return delivery


def _failed(delivery: Delivery, error: DeliveryError, now: datetime) -> None:
    detail = f"{error.errcode}: {error.message}" if error.errcode is not None else error.message
    db.session.add(DeliveryAttempt(delivery_id=delivery.id, at=now, outcome=error.kind, detail=detail[:500]))
    label = Channel(delivery.channel).label
    if error.kind == "window_closed":
        delivery.state, delivery.finished_at, delivery.next_attempt_at = (
            DeliveryState.UNDELIVERABLE,
            now,
            None,
        )
        _case_event(
            delivery,
            "delivery_undeliverable",
            f"答复无法通过{label}送达（平台回复窗口已关闭），来信人可凭编号和查询码在网站查看答复",
        )
    elif error.retryable and delivery.attempts < current_app.config["DELIVERY_MAX_ATTEMPTS"]:
        wait = BACKOFF_SECONDS[min(delivery.attempts - 1, len(BACKOFF_SECONDS) - 1)]
        delivery.next_attempt_at = now + timedelta(seconds=wait)
    else:
        delivery.state, delivery.finished_at, delivery.next_attempt_at = DeliveryState.FAILED, now, None
        _case_event(delivery, "delivery_failed", f"答复经{label}发送失败（{detail[:100]}），已停止重试")


def _case_event(delivery: Delivery, action: str, note: str) -> None:
    case = db.session.get(Case, delivery.case_id)
    record_event(case, action, None, from_state=case.state, note=note)


def due_deliveries(now: datetime | None = None, limit: int = 200) -> list[int]:
    """Pending deliveries whose (next) attempt is due."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(Delivery.id)
            .where(Delivery.state == DeliveryState.PENDING, Delivery.next_attempt_at <= now)
            .order_by(Delivery.next_attempt_at)
            .limit(limit)
        )
    )


def send_text_now(channel: str, recipient: str, text: str) -> None:
    """Send one text on a channel at once (a notice, not a reply); raises DeliveryError when not delivered."""
    _sender(channel).send_text(recipient, text)


def _sender(channel: str):
    """One sender per process and channel (its HTTP session and token cache are reused)."""
    config = current_app.config
    senders = current_app.extensions.setdefault("desk_senders", {})
    if channel == Channel.WECHAT:
        from desk.background import redis_connection

        if not (config["WECHAT_APP_ID"] and config["WECHAT_APP_SECRET"]):
            raise DeliveryError("permanent", None, "未配置微信公众号 AppID/AppSecret")
        key = ("wechat", config["WECHAT_API_BASE"], config["WECHAT_APP_ID"], id(redis_connection()))
        if key not in senders:
            senders[key] = WeChatSender(
                config["WECHAT_API_BASE"],
                config["WECHAT_APP_ID"],
                config["WECHAT_APP_SECRET"],
                redis=redis_connection(),
            )
        return senders[key]
    if not config["WEIBO_ACCESS_TOKEN"]:
        raise DeliveryError("permanent", None, "未配置微博 access token")
    key = ("weibo", config["WEIBO_API_BASE"], config["WEIBO_ACCESS_TOKEN"])
    if key not in senders:
        senders[key] = WeiboSender(config["WEIBO_API_BASE"], config["WEIBO_ACCESS_TOKEN"])
    return senders[key]
