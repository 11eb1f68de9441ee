"""Weibo fans service platform pushes: signature checks, JSON decoding, passive replies."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import quote

from desk.channels.inbound import InboundMessage, PushRejected, check_fresh, check_size

CHANNEL = "weibo"
DEFAULT_MAX_BYTES = 64 * 1024
DEFAULT_MAX_AGE_S = 300
# Weibo's limit is "under 300 characters" for a reply text.
MAX_REPLY_CHARS = 299
CASE_KINDS = frozenset({"text", "image", "voice", "position"})
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, start=1)}


def sign(app_secret: str, timestamp: str, nonce: str) -> str:
    """Weibo's signature: sha1 of the sorted, concatenated secret, timestamp (ms) and nonce."""
    joined = "".join(sorted([app_secret, timestamp, nonce]))
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()


def verify_get(app_secret: str, signature: str, timestamp: str, nonce: str) -> bool:
    """True when a GET (or a push) carries Weibo's signature for our app secret."""
    if not all(part.isascii() for part in (signature or "", timestamp or "", nonce or "")):
        return False
    return hmac.compare_digest(sign(app_secret, timestamp or "", nonce or ""), (signature or "").lower())


def parse_created_at(value: str) -> datetime:
    """Read Weibo's 'Mon Jul 16 18:09:20 +0800 2012' (English names whatever the locale) as aware UTC."""
    try:
        _weekday, month, day, clock, offset, year = value.split()
        hours, minutes, seconds = (int(part) for part in clock.split(":"))
        sign_ = -1 if offset[0] == "-" else 1
        if offset[0] not in "+-" or len(offset) != 5:
            raise ValueError(offset)
        tz = timezone(sign_ * timedelta(hours=int(offset[1:3]), minutes=int(offset[3:5])))
        local = datetime(int(year), _MONTH_NUMBERS[month], int(day), hours, minutes, seconds, tzinfo=tz)
        return local.astimezone(UTC)
    except (ValueError, KeyError, IndexError, AttributeError, OverflowError) as exc:
        raise PushRejected("malformed", f"created_at {value[:60]!r}: {exc!r}")


def decode_push(
    body: bytes,
    params: Mapping[str, str],
    *,
    app_secret: str,
    max_age_s: float = DEFAULT_MAX_AGE_S,
    now: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> InboundMessage:
    """Verify and decode a POSTed push (query `params`, raw JSON `body`); raises PushRejected."""
    check_size(body, max_bytes)
    timestamp, nonce = params.get("timestamp", ""), params.get("nonce", "")
    if not verify_get(app_secret, params.get("signature", ""), timestamp, nonce):
        raise PushRejected("signature")
    try:
        check_fresh(int(timestamp) / 1000, now, max_age_s)
    except (ValueError, OverflowError):
        raise PushRejected("stale", f"unreadable timestamp {timestamp[:40]!r}")
    try:
        raw = body.decode("utf-8")
        push = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # bad UTF-8, not JSON, too many digits, too deep
        raise PushRejected("malformed", f"not JSON: {str(exc)[:200]}")
    if not isinstance(push, dict):
        raise PushRejected("malformed", "not a JSON object")
    missing = [
        name for name in ("type", "sender_id", "receiver_id", "created_at") if push.get(name) in (None, "")
    ]
    if missing:
        raise PushRejected("malformed", f"missing {', '.join(missing)}")
    if not isinstance(push["created_at"], str):
        raise PushRejected("malformed", "created_at is not a string")
    sent_at = parse_created_at(push["created_at"])
    kind, sender = str(push["type"]), _id(push["sender_id"])
    data = push.get("data") if isinstance(push.get("data"), dict) else {}
    text, event, media = "", None, {}
    if not isinstance(push.get("text") or "", str):
        raise PushRejected("malformed", "text is not a string")
    if kind == "text":
        text = push.get("text") or ""
    elif kind == "event":
        event = str(data.get("subtype") or "").lower() or None
        media = {key: data[key] for key in ("key", "ticket") if data.get(key) is not None}
    elif kind in ("image", "voice", "position"):
        media = dict(data)
        text = (push.get("text") or "") if kind == "position" else ""
    return InboundMessage(
        channel=CHANNEL,
        sender=sender,
        recipient=_id(push["receiver_id"]),
        sent_at=sent_at,
        kind=kind,
        text=text,
        dedup_key=dedup_key(push, sender, sent_at),
        makes_case=kind in CASE_KINDS and bool(text.strip() or media),
        raw=raw,
        event=event,
        media=media,
    )


# Fields under which a push may carry the platform's own message id (not in the 2014 documents).
MESSAGE_ID_FIELDS = ("msg_id", "message_id", "id")


def dedup_key(push: dict, sender: str, sent_at: datetime) -> str:
    """The same key for the platform's retries of one push, different keys for distinct messages.

    The platform's message id when the push has one; else a hash of what the citizen sent (sender,
    created_at, type, text, data), which retries repeat verbatim. Sender and created_at alone
    would merge two messages sent in the same second.
    """
    for name in MESSAGE_ID_FIELDS:
        value = push.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**40:
            return f"weibo:id:{value}"
        if isinstance(value, str) and value.isascii() and value.isalnum() and len(value) <= 64:
            return f"weibo:id:{value}"
    content = json.dumps(
        [sender, int(sent_at.timestamp()), str(push.get("type")), push.get("text"), push.get("data")],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return "weibo:sha256:" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def _id(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PushRejected("malformed", f"id {value!r}")
    return str(value)


def _json_id(value: str) -> int | str:
    # Weibo sends ids as JSON numbers; answer in kind.
    return int(value) if value.isdigit() else value


def truncate_text(content: str) -> str:
    """A reply text cut below Weibo's 300 characters (ending with an ellipsis when cut)."""
    return content if len(content) <= MAX_REPLY_CHARS else content[: MAX_REPLY_CHARS - 1] + "…"


def reply_data(content: str) -> str:
    """The `data` field of a passive text reply: urlencoded JSON of the truncated text."""
    return quote(json.dumps({"text": truncate_text(content)}, ensure_ascii=False), safe="")


def passive_text_reply(message: InboundMessage, content: str) -> bytes:
    """The HTTP body answering a push with a text, from our account to the citizen."""
    reply = {
        "result": True,
        "sender_id": _json_id(message.recipient),
        "receiver_id": _json_id(message.sender),
        "type": "text",
        "data": reply_data(content),
    }
    return json.dumps(reply, ensure_ascii=False).encode("utf-8")
