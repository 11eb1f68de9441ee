"""Security headers, login wiring and error pages."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError

from desk.extensions import db, login_manager

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

    @login_manager.user_loader
    def load_user(user_id: str):
        from desk.models import User

        return db.session.get(User, int(user_id)) if user_id.isdigit() else None

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
        429: "尝试次数过多，请稍后再试。",
    }.items():
        app.register_error_handler(code, _error_page(code, message))

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_template("errors.html", code=500, message="系统繁忙，请稍后再试。"), 500


def _error_page(code: int, message: str):
    def handler(error):
        return render_template("errors.html", code=code, message=message), code

    return handler
