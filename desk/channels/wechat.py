"""WeChat official account pushes: signature checks, safe-mode AES, safe XML, passive replies."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from desk.channels.inbound import InboundMessage, PushRejected, check_fresh, check_size, utc_from_epoch
from desk.timeutil import utcnow

CHANNEL = "wechat"
# WeChat messages are a few kilobytes at most; anything much larger is not from WeChat.
DEFAULT_MAX_BYTES = 64 * 1024
DEFAULT_MAX_AGE_S = 300
# Message kinds that carry something a citizen asked; events and unknown types never make a case.
CASE_KINDS = frozenset({"text", "image", "voice", "video", "shortvideo", "position", "link"})


def verify_get(token: str, signature: str, timestamp: str, nonce: str) -> bool:
    """True when a GET (or the plain part of a POST) carries WeChat's signature for our token."""
    if not all(part.isascii() for part in (signature or "", timestamp or "", nonce or "")):
        return False  # the platform signs digits and hex; anything else cannot be its signature
    try:
        check_signature(token, signature or "", timestamp or "", nonce or "")
    except InvalidSignatureException:
        return False
    return True


class _StrictParser(DefusedXMLParser):
    """defusedxml's parser that also refuses processing instructions (defusedxml lets them through)."""

    def __init__(self) -> None:
        super().__init__(target=TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
        self.parser.ProcessingInstructionHandler = self._refuse_pi

    def _refuse_pi(self, target: str, data: str) -> None:
        raise DefusedXmlException(f"processing instruction <?{target}?>")


def parse_xml_safely(xml: bytes | str) -> Element:
    """Parse XML, refusing DTDs, entity declarations, external references and processing instructions."""
    parser = _StrictParser()
    try:
        parser.feed(xml)
        return parser.close()
    except DefusedXmlException as exc:
        raise PushRejected("forbidden_xml", repr(exc))
    except (ParseError, ValueError) as exc:
        raise PushRejected("malformed", str(exc))


def decode_push(
    body: bytes,
    params: Mapping[str, str],
    *,
    token: str,
    app_id: str | None = None,
    aes_key: str | None = None,
    max_age_s: float = DEFAULT_MAX_AGE_S,
    now: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> InboundMessage:
    """Verify and decode a POSTed push (query `params`, raw `body`); raises PushRejected.

    Safe mode is expected when `aes_key` is given (a plain push is then refused, so nobody can
    downgrade), or announced by `encrypt_type=aes`; it needs `app_id` to check the recipient.
    """
    check_size(body, max_bytes)
    timestamp, nonce = params.get("timestamp", ""), params.get("nonce", "")
    if not verify_get(token, params.get("signature", ""), timestamp, nonce):
        raise PushRejected("signature", "plain signature")
    try:
        check_fresh(int(timestamp), now, max_age_s)
    except (ValueError, OverflowError):
        raise PushRejected("stale", f"unreadable timestamp {timestamp[:40]!r}")
    envelope = parse_xml_safely(body)
    if envelope.tag != "xml":
        raise PushRejected("malformed", f"root <{envelope.tag}>")
    announced = params.get("encrypt_type", "raw").lower() == "aes"
    if announced or aes_key:
        if not (announced and aes_key and app_id):
            raise PushRejected("encryption", f"encrypt_type={params.get('encrypt_type')!r}")
        inner = _decrypt(envelope, params, token=token, app_id=app_id, aes_key=aes_key)
        if parse_xml_safely(inner).tag != "xml":
            raise PushRejected("malformed", "inner root")
    else:
        try:
            inner = body.decode("utf-8")
        except UnicodeDecodeError:
            raise PushRejected("malformed", "not UTF-8")
    return _to_inbound(inner)


def _decrypt(envelope: Element, params: Mapping[str, str], *, token: str, app_id: str, aes_key: str) -> str:
    encrypted = envelope.findtext("Encrypt")
    if not encrypted:
        raise PushRejected("malformed", "no <Encrypt>")
    try:
        crypto = WeChatCrypto(token, aes_key, app_id)
    except (AssertionError, ValueError) as exc:  # a misconfigured EncodingAESKey
        raise PushRejected("encryption", f"bad EncodingAESKey: {exc!r}")
    try:
        # A dict skips wechatpy's own (xmltodict) parse of the envelope: ours is the safe one.
        return crypto.decrypt_message(
            {"Encrypt": encrypted}, params.get("msg_signature", ""), params["timestamp"], params["nonce"]
        )
    except InvalidSignatureException:
        raise PushRejected("signature", "msg_signature")
    except InvalidAppIdException:
        raise PushRejected("appid", "decrypted appid differs")
    except Exception as exc:  # base64, block length, padding, length prefix, UTF-8: all garbage
        raise PushRejected("malformed", f"undecryptable: {exc!r}")


def _text(value: object) -> str:
    # xmltodict turns a repeated element into a list and a nested one into a dict: not WeChat's.
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _to_inbound(inner: str) -> InboundMessage:
    try:
        message = parse_message(inner)
        # wechatpy calls every type it has no class for 'unknown'; keep WeChat's own name instead.
        kind = _text(message._data["MsgType"]).lower()
        sender, recipient = _text(message.source), _text(message.target)
        created, msg_id = int(message.time), int(message.id or 0)
        sent_at = utc_from_epoch(created)
        text, media, event = _content(message, kind)
    except Exception as exc:  # xmltodict and wechatpy's fields raise KeyError, TypeError, ValueError...
        raise PushRejected("malformed", f"unreadable message: {exc!r}")
    if not sender or not recipient:
        raise PushRejected("malformed", "no FromUserName/ToUserName")
    if kind == "location":
        kind = "position"  # one name for both channels
    # Events carry MsgId 0: the sender and CreateTime tell WeChat's retries apart instead.
    evented = kind == "event" or msg_id <= 0
    dedup_key = f"wechat:evt:{sender}:{created}" if evented else f"wechat:msg:{msg_id}"
    makes_case = kind in CASE_KINDS and bool(text.strip() or media)
    return InboundMessage(
        channel=CHANNEL,
        sender=sender,
        recipient=recipient,
        sent_at=sent_at,
        kind=kind,
        text=text,
        dedup_key=dedup_key,
        makes_case=makes_case,
        raw=inner,
        event=event,
        media=media,
    )


def _content(message, kind: str) -> tuple[str, dict[str, str], str | None]:
    """The text, media fields and event name of a parsed message (TypeError when not flat text)."""
    text, media, event = "", {}, None
    if kind == "text":
        text = _text(message.content)
    elif kind == "image":
        media = {"pic_url": _text(message.image), "media_id": _text(message.media_id)}
    elif kind == "voice":
        text = _text(message.recognition)
        media = {"media_id": _text(message.media_id), "format": _text(message.format)}
    elif kind in ("video", "shortvideo"):
        media = {"media_id": _text(message.media_id), "thumb_media_id": _text(message.thumb_media_id)}
    elif kind == "location":
        text = _text(message.label)
        media = {"latitude": _text(message.location_x), "longitude": _text(message.location_y), "label": text}
    elif kind == "link":
        parts = (_text(message.title), _text(message.description), _text(message.url))
        text = "\n".join(part for part in parts if part)
        media = {"url": parts[2]}
    elif kind == "event":
        event = _text(message._data.get("Event")).lower() or None
        # Menu clicks and scans carry a key; nested event details (ScanCodeInfo...) stay in `raw`.
        key = getattr(message, "key", None)
        if isinstance(key, str) and key:
            media = {"event_key": key}
    return text, {name: value for name, value in media.items() if value}, event


def _cdata(value: str) -> str:
    # "]]>" inside CDATA would end it early: split it across two sections.
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def render_text_reply(to_user: str, from_user: str, content: str, create_time: int) -> str:
    """The plain XML of a passive text reply."""
    return (
        f"<xml><ToUserName>{_cdata(to_user)}</ToUserName><FromUserName>{_cdata(from_user)}</FromUserName>"
        f"<CreateTime>{int(create_time)}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{_cdata(content)}</Content></xml>"
    )


def passive_text_reply(
    message: InboundMessage,
    content: str,
    *,
    token: str,
    app_id: str | None = None,
    aes_key: str | None = None,
    nonce: str | None = None,
    timestamp: int | None = None,
) -> bytes:
    """The HTTP body answering a push with a text (encrypted when `aes_key` is given)."""
    timestamp = int(timestamp if timestamp is not None else utcnow().timestamp())
    xml = render_text_reply(message.sender, message.recipient, content, timestamp)
    if aes_key:
        if not app_id:
            raise ValueError("safe mode needs the app id")
        crypto = WeChatCrypto(token, aes_key, app_id)
        xml = crypto.encrypt_message(xml, nonce or secrets.token_hex(8), str(timestamp))
    return xml.encode("utf-8")
