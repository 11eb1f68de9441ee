"""What both channels decode a push into, and the one error a refused push raises."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from desk.timeutil import utcnow

# Why a push was refused; the webhook view answers 4xx for every one of them.
REJECT_REASONS = frozenset(
    {
        "too_large",  # body above the size limit
        "signature",  # plain signature or msg_signature wrong or missing
        "stale",  # timestamp missing, unreadable, too old or in the future (replay guard)
        "forbidden_xml",  # DTD, entity declaration, external reference or processing instruction
        "malformed",  # not the XML/JSON shape the platform sends, or undecryptable
        "appid",  # decrypted message meant for another account
        "encryption",  # safe mode expected but the push is plain, or the reverse
        "replay",  # a (timestamp, nonce) pair already used by another message
    }
)


class PushRejected(Exception):
    """A push the desk refuses; `reason` is one of REJECT_REASONS, `detail` is for the log only."""

    def __init__(self, reason: str, detail: str = "") -> None:
        assert reason in REJECT_REASONS, reason
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def __reduce__(self):
        return (type(self), (self.reason, self.detail))


@dataclass(frozen=True)
class InboundMessage:
    """One message or event pushed by a platform, decoded and verified."""

    channel: str  # 'wechat' | 'weibo'
    sender: str  # WeChat OpenID / Weibo sender_id: the citizen
    recipient: str  # our account: WeChat gh_ id / Weibo receiver_id
    sent_at: datetime  # aware, UTC
    kind: str  # 'text' | 'image' | 'voice' | 'video' | 'position' | 'link' | 'event' | unknown type
    text: str  # the content, a voice recognition, or ''
    dedup_key: str  # the same for a platform's retries of one push
    makes_case: bool  # False for events and unknown types
    raw: str  # the decrypted XML / JSON text, to be stored as received
    event: str | None = None  # event name ('subscribe', 'click', ...) for kind 'event'
    media: dict[str, Any] = field(default_factory=dict)  # PicUrl/MediaId, vfid, coordinates...

    def __post_init__(self) -> None:
        # Whatever a platform (or anyone holding a signature) sends must fit the inbox row.
        for name, limit in FIELD_LIMITS.items():
            value = getattr(self, name)
            if value is not None and len(value) > limit:
                raise PushRejected("malformed", f"{name} longer than {limit}")
            check_clean_text(value, name)
        for value in (self.text, self.raw):
            check_clean_text(value, "text")
        _check_clean_json(self.media, "media")


# The inbox columns' lengths (desk.models.inbox.InboundMessage).
FIELD_LIMITS = {"sender": 128, "recipient": 128, "kind": 16, "dedup_key": 160, "event": 64}
# NUL and C0 controls other than tab and line ends (which XML 1.0 refuses as well), and lone
# surrogates, which no database can store as UTF-8.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def check_clean_text(value: str | None, name: str) -> None:
    """Refuse a text with NUL, control characters or lone surrogates."""
    if value and _UNSTORABLE.search(value):
        raise PushRejected("malformed", f"control character or surrogate in {name}")


def _check_clean_json(value: Any, name: str) -> None:
    if isinstance(value, str):
        check_clean_text(value, name)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_clean_text(str(key), name)
            _check_clean_json(item, name)
    elif isinstance(value, list):
        for item in value:
            _check_clean_json(item, name)


def utc_from_epoch(seconds: int) -> datetime:
    """An aware UTC datetime from epoch seconds."""
    return datetime.fromtimestamp(seconds, UTC)


def check_fresh(timestamp_s: float, now: datetime | None, max_age_s: float) -> None:
    """Refuse a push whose signed timestamp is further than `max_age_s` from now, either way."""
    current = (now or utcnow()).timestamp()
    if abs(current - timestamp_s) > max_age_s:
        raise PushRejected("stale", f"timestamp {str(timestamp_s)[:20]}, now {current:.0f}")


def check_size(body: bytes, max_bytes: int) -> None:
    """Refuse a body above the limit before reading anything in it."""
    if len(body) > max_bytes:
        raise PushRejected("too_large", f"{len(body)} bytes > {max_bytes}")
