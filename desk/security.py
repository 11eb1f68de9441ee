"""Security headers, sessions, the bad-input guard, rate-limit and error pages."""

from __future__ import annotations

import math
import re
from urllib.parse import unquote_to_bytes

from flask import Flask, flash, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.routing import IntegerConverter

from desk.extensions import db, limiter, login_manager
from desk.people.sessions import load_session_user, session_expired
from desk.timeutil import utcnow

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    """Register headers, the user loader and error handlers."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = "请先登录"
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"

    login_manager.user_loader(load_session_user)
    # Ids in URLs fit the database's integer columns: a larger one is simply not found (404).
    app.url_map.converters["int"] = DatabaseIdConverter

    def refuse_bad_input():
        if request.path.startswith("/static/"):
            return None
        if (problem := bad_input_problem(app.config["FIELD_MAX_CHARS"])) is not None:
            code, message = problem
            return render_template("errors.html", code=code, message=message), code
        return None

    # First of all hooks: CSRF protection parses the form, and the raw body must be seen before that.
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_bad_input)

    @app.before_request
    def end_stale_sessions():
        if not request.path.startswith("/static/") and session_expired():
            flash("登录已超时，请重新登录", "warning")

    @app.before_request
    def require_secret_key():
        # Without a fixed key every process would sign sessions and CSRF tokens differently.
        if not app.config.get("SECRET_KEY"):
            app.logger.error("SECRET_KEY is not set: refusing to serve pages")
            return render_template("errors.html", code=503, message="系统尚未配置完成（SECRET_KEY）。"), 503
        return None

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if not request.path.startswith("/static/"):
            headers.setdefault("Cache-Control", "no-store")
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors.html", code=400, message="页面已过期或表单无效，请刷新后重试。"), 400

    for code, message in {
        400: "请求无效。",
        403: "您没有权限进行此操作。",
        404: "页面不存在，或您无权查看。",
        405: "不支持的请求方式。",
        413: "提交的内容过大。",
    }.items():
        app.register_error_handler(code, _error_page(code, message))

    @app.errorhandler(429)
    def rate_limited(error):
        return render_template("rate_limited.html", minutes=retry_minutes(), back=request.path), 429

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_template("errors.html", code=500, message="系统繁忙，请稍后再试。"), 500


def _error_page(code: int, message: str):
    def handler(error):
        return render_template("errors.html", code=code, message=message), code

    return handler


def retry_minutes() -> int:
    """Whole minutes until the breached rate limit of this request lets the next attempt through."""
    resets = [limit.window.reset_time for limit in limiter.current_limits if limit.breached]
    seconds = max(resets, default=0) - utcnow().timestamp()
    return max(1, math.ceil(seconds / 60))


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` limited to what an integer primary key can hold."""

    def __init__(self, map, *args, **kwargs) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


# C0 controls but tab and newlines, DEL, lone surrogates, and U+FFFD (what invalid UTF-8 decodes to).
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffd]")
BAD_TEXT = "内容包含无效字符（控制字符或无效编码），请删除后重试。"
TOO_LONG = "提交的内容过长，请删减后重试。"
JSON_INT_LIMIT = 2**63
JSON_DEPTH_LIMIT = 32


def bad_input_problem(max_chars: int) -> tuple[int, str] | None:
    """What is wrong with this request's query, form or JSON values, as (status, message), if anything.

    Checked once, before any view: no value with a control character, a lone surrogate or invalid
    UTF-8, none longer than `max_chars`, no JSON number beyond 64 bits or non-finite, no deep nesting.
    """
    # Werkzeug keeps undecodable %-sequences as they came ("%FF"): look at the bytes they stand for.
    if not _decodes(request.query_string):
        return 400, BAD_TEXT
    if request.mimetype == "application/x-www-form-urlencoded" and not _decodes(request.get_data(cache=True)):
        return 400, BAD_TEXT
    for name in ("page", "per_page"):  # Flask-SQLAlchemy's paginate() reads them; the offset must fit
        if _beyond(request.args.get(name), 1_000_000):
            return 400, "页码无效。"
    texts = [*_pairs(request.args)]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        texts += _pairs(request.form)
        texts += [file.filename or "" for file in request.files.values()]
    elif request.is_json:
        try:
            data = request.get_json(silent=True)
        except RecursionError:
            return 400, "请求内容嵌套过深。"
        if data is None and request.get_data(cache=True):
            return 400, "请求内容不是有效的 JSON。"
        problem = _json_problem(data, max_chars, 0)
        if problem:
            return problem
    elif body := request.get_data(cache=True):
        try:
            texts.append(body.decode("utf-8"))
        except UnicodeDecodeError:
            return 400, BAD_TEXT
    for text in texts:
        if BAD_CHARACTERS.search(text):
            return 400, BAD_TEXT
        if len(text) > max_chars and not request.is_json:
            return 413, TOO_LONG
    return None


def _beyond(value: str | None, limit: int) -> bool:
    try:
        return value is not None and abs(int(value)) >= limit
    except ValueError:
        return False  # not a number: paginate() falls back to the first page


def _decodes(urlencoded: bytes) -> bool:
    """True when the %-encoded text is valid UTF-8 (which also excludes lone surrogates)."""
    try:
        unquote_to_bytes(urlencoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _pairs(multidict) -> list[str]:
    return [text for key, values in multidict.lists() for text in (key, *values)]


def _json_problem(value, max_chars: int, depth: int) -> tuple[int, str] | None:
    if depth > JSON_DEPTH_LIMIT:
        return 400, "请求内容嵌套过深。"
    if isinstance(value, str):
        if BAD_CHARACTERS.search(value):
            return 400, BAD_TEXT
        return (413, TOO_LONG) if len(value) > max_chars else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if -JSON_INT_LIMIT <= value < JSON_INT_LIMIT else (400, "请求中的数值超出范围。")
    if isinstance(value, float):
        return None if math.isfinite(value) else (400, "请求中的数值超出范围。")
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        problem = _json_problem(key, max_chars, depth + 1) if isinstance(key, str) else None
        problem = problem or _json_problem(item, max_chars, depth + 1)
        if problem:
            return problem
    return None
