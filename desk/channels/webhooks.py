"""`/hooks/wechat` and `/hooks/weibo`: verify, store, answer within the platforms' 5 seconds."""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Blueprint, Response, abort, current_app, request, url_for

from desk.channels import wechat, weibo
from desk.channels.inbound import PushRejected
from desk.channels.intake import receive_push
from desk.channels.replay import claim_nonce
from desk.extensions import csrf, db

log = logging.getLogger(__name__)

bp = Blueprint("hooks", __name__, url_prefix="/hooks")
csrf.exempt(bp)  # platforms sign their pushes instead

REJECTIONS = {
    "signature": (403, "签名校验失败"),
    "stale": (403, "请求时间戳无效或已过期"),
    "appid": (403, "消息不属于本账号"),
    "encryption": (403, "加密方式不符"),
    "too_large": (413, "消息过大"),
    "forbidden_xml": (400, "不接受含DTD或实体声明的XML"),
    "malformed": (400, "消息格式错误"),
    "replay": (403, "请求签名已被使用"),
}


def _refuse(error: PushRejected) -> Response:
    status, text = REJECTIONS[error.reason]
    log.warning("push refused on %s: %s", request.path, error)
    return Response(text, status=status, mimetype="text/plain")


def _body() -> bytes:
    limit = current_app.config["CHANNEL_MAX_BODY_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        return b"x" * (limit + 1)  # refused by size before anything is read
    return request.get_data(cache=True)[: limit + 1]  # the bad-input guard (desk.security) read it first


def _claim_nonce(push) -> None:
    args = request.args
    claim_nonce(
        push,
        args.get("timestamp", ""),
        args.get("nonce", ""),
        max_age_s=current_app.config["CHANNEL_MAX_AGE_SECONDS"],
    )


def _track_url() -> str:
    return url_for("public.track", _external=True)


def _echo_if_signed(secret_setting: str, verify: Callable[[str, str, str, str], bool]) -> Response:
    """The platform checks the URL: answer `echostr` when the signature over our secret is right."""
    secret = current_app.config[secret_setting] or abort(404)
    args = request.args
    if not verify(secret, args.get("signature", ""), args.get("timestamp", ""), args.get("nonce", "")):
        return Response("签名校验失败", status=403, mimetype="text/plain")
    return Response(args.get("echostr", ""), mimetype="text/plain")


@bp.get("/wechat")
def wechat_verify():
    """WeChat checks the URL with the token signature."""
    return _echo_if_signed("WECHAT_TOKEN", wechat.verify_get)


@bp.post("/wechat")
def wechat_push():
    """A message or event: stored and committed, then answered with a passive reply."""
    config = current_app.config
    token = config["WECHAT_TOKEN"] or abort(404)
    try:
        push = wechat.decode_push(
            _body(),
            request.args,
            token=token,
            app_id=config["WECHAT_APP_ID"],
            aes_key=config["WECHAT_AES_KEY"],
            max_age_s=config["CHANNEL_MAX_AGE_SECONDS"],
            max_bytes=config["CHANNEL_MAX_BODY_BYTES"],
        )
        if not config["WECHAT_AES_KEY"]:  # plain mode: the signature does not cover the body
            _claim_nonce(push)
    except PushRejected as error:
        return _refuse(error)
    receipt = receive_push(push, track_url=_track_url())
    db.session.commit()  # stored before the platform is told anything
    if not receipt.reply_text:
        return Response("success", mimetype="text/plain")
    body = wechat.passive_text_reply(
        push,
        receipt.reply_text,
        token=token,
        app_id=config["WECHAT_APP_ID"],
        aes_key=config["WECHAT_AES_KEY"],
    )
    return Response(body, mimetype="application/xml")


@bp.get("/weibo")
def weibo_verify():
    """Weibo checks the URL with the app secret signature."""
    return _echo_if_signed("WEIBO_APP_SECRET", weibo.verify_get)


@bp.post("/weibo")
def weibo_push():
    """A JSON push: stored and committed, then answered with a passive JSON reply."""
    config = current_app.config
    secret = config["WEIBO_APP_SECRET"] or abort(404)
    try:
        push = weibo.decode_push(
            _body(),
            request.args,
            app_secret=secret,
            max_age_s=config["CHANNEL_MAX_AGE_SECONDS"],
            max_bytes=config["CHANNEL_MAX_BODY_BYTES"],
        )
        _claim_nonce(push)  # Weibo signs the timestamp and nonce only
    except PushRejected as error:
        return _refuse(error)
    receipt = receive_push(push, track_url=_track_url())
    db.session.commit()
    if not receipt.reply_text:
        return Response("", mimetype="text/plain")
    return Response(weibo.passive_text_reply(push, receipt.reply_text), mimetype="application/json")
