"""Configuration, read once from the environment."""

from __future__ import annotations

import os


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings for a running desk; every value can come from the environment."""

    def __init__(self) -> None:
        env = os.environ
        # Required to serve pages; `make run` keeps one in instance/secret_key.
        self.SECRET_KEY = env.get("SECRET_KEY") or None
        # How many reverse proxies stand in front (X-Forwarded-For/-Proto/-Host are trusted).
        self.PROXY_COUNT = int(env.get("PROXY_COUNT", 0))
        self.SQLALCHEMY_DATABASE_URI = env.get("DATABASE_URL", "sqlite:///desk.sqlite3")
        self.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
        self.REDIS_URL = env.get("REDIS_URL") or None
        self.DESK_TIMEZONE = env.get("DESK_TIMEZONE", "Asia/Shanghai")
        self.DESK_BUREAU_NAME = env.get("DESK_BUREAU_NAME", "某省地方金融监督管理局")
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE")
        self.REMEMBER_COOKIE_HTTPONLY = True
        self.WTF_CSRF_TIME_LIMIT = 4 * 3600
        self.MAX_CONTENT_LENGTH = int(env.get("MAX_CONTENT_LENGTH", 20 * 1024 * 1024))
        # Attachments: where they are kept (default instance/uploads), how many, how large.
        self.UPLOAD_FOLDER = env.get("UPLOAD_FOLDER") or None
        self.ATTACHMENT_MAX_COUNT = int(env.get("ATTACHMENT_MAX_COUNT", 3))
        self.ATTACHMENT_MAX_BYTES = int(env.get("ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))
        # Staff sessions end after this long without a request, and this long after sign-in.
        self.SESSION_IDLE_MINUTES = int(env.get("SESSION_IDLE_MINUTES", 30))
        self.SESSION_MAX_HOURS = int(env.get("SESSION_MAX_HOURS", 12))
        # Throttles (Flask-Limiter strings, ";" between steps): they slow a guesser, never lock anyone out.
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_STRATEGY = "fixed-window"
        self.RATELIMIT_HEADERS_ENABLED = True
        self.RATELIMIT_FAIL_ON_FIRST_BREACH = False  # every breached step is seen: the wait is the longest
        self.RATELIMIT_SWALLOW_ERRORS = True  # Redis away: count in memory rather than fail the page
        self.RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
        # A Redis that stopped answering costs a page half a second, not the client's default of forever.
        self.RATELIMIT_STORAGE_OPTIONS = (
            {"socket_connect_timeout": 0.5, "socket_timeout": 0.5} if self.REDIS_URL else {}
        )
        # Failed logins per (account, address): growing waits of a minute, ten minutes, an hour.
        self.LOGIN_LIMITS = env.get("LOGIN_LIMITS", "5 per minute;10 per 10 minutes;20 per hour")
        self.LOGIN_ADDRESS_LIMITS = env.get("LOGIN_ADDRESS_LIMITS", "100 per hour")  # across accounts
        self.TRACK_LIMITS = env.get("TRACK_LIMITS", "10 per hour")  # failed look-ups per address
        # A looked-up case stays open to this browser's actions (rate, withdraw or give consent, opt
        # out) this long after its last one; a new visit to /track forgets it at once.
        self.TRACKED_CASE_MINUTES = int(env.get("TRACKED_CASE_MINUTES", 30))
        self.WRITE_ADDRESS_LIMITS = env.get("WRITE_ADDRESS_LIMITS", "20 per hour;100 per day")
        self.WRITE_PHONE_LIMITS = env.get("WRITE_PHONE_LIMITS", "5 per hour;20 per day")
        # Longest text a single form, query or JSON field may hold (characters).
        self.FIELD_MAX_CHARS = int(env.get("FIELD_MAX_CHARS", 100_000))
        self.PAGE_SIZE = int(env.get("PAGE_SIZE", 50))
        # Notices by e-mail (off unless MAIL_SERVER is set).
        self.MAIL_SERVER = env.get("MAIL_SERVER") or None
        self.MAIL_PORT = int(env.get("MAIL_PORT", 25))
        self.MAIL_USE_TLS = _bool("MAIL_USE_TLS")
        self.MAIL_USERNAME = env.get("MAIL_USERNAME") or None
        self.MAIL_PASSWORD = env.get("MAIL_PASSWORD") or None
        self.MAIL_FROM = env.get("MAIL_FROM", "desk@localhost")
        # The public site's address (https://…), for links in messages sent to citizens.
        self.PUBLIC_URL = (env.get("PUBLIC_URL") or "").rstrip("/")
        # WeChat official account and Weibo fans service: credentials only from the environment.
        self.WECHAT_TOKEN = env.get("WECHAT_TOKEN") or None
        self.WECHAT_APP_ID = env.get("WECHAT_APP_ID") or None
        self.WECHAT_APP_SECRET = env.get("WECHAT_APP_SECRET") or None
        self.WECHAT_AES_KEY = env.get("WECHAT_AES_KEY") or None  # set: safe mode
        self.WECHAT_API_BASE = env.get("WECHAT_API_BASE", "https://api.weixin.qq.com")
        self.WEIBO_APP_SECRET = env.get("WEIBO_APP_SECRET") or None
        self.WEIBO_ACCESS_TOKEN = env.get("WEIBO_ACCESS_TOKEN") or None
        self.WEIBO_API_BASE = env.get("WEIBO_API_BASE", "https://m.api.weibo.com")
        # How long after a fan's last message the account may still write to him (documented both as
        # "within 48 hours" and "one message within 7 days"): notices to earlier askers respect it.
        self.WEIBO_NOTICE_WINDOW_HOURS = float(env.get("WEIBO_NOTICE_WINDOW_HOURS", "48"))
        # Messages from one sender within this many seconds join the same open case (0: never).
        self.CHANNEL_JOIN_SECONDS = int(env.get("CHANNEL_JOIN_SECONDS", 600))
        self.CHANNEL_MAX_BODY_BYTES = int(env.get("CHANNEL_MAX_BODY_BYTES", 64 * 1024))
        self.CHANNEL_MAX_AGE_SECONDS = int(env.get("CHANNEL_MAX_AGE_SECONDS", 300))
        # Case numbers a web process reserves at once for webhook intake (PostgreSQL); 1: one at a time.
        self.CASE_NUMBER_BLOCK = int(env.get("CASE_NUMBER_BLOCK", 20))
        self.INBOX_DRAINERS = int(env.get("INBOX_DRAINERS", 2))
        self.DELIVERY_MAX_ATTEMPTS = int(env.get("DELIVERY_MAX_ATTEMPTS", 5))
        # The HMAC key of query-code hashes, kept out of the database (default: derived from SECRET_KEY).
        self.QUERY_CODE_PEPPER = env.get("QUERY_CODE_PEPPER") or None
        # werkzeug hash method for passwords (tests use a fast one).
        self.PASSWORD_HASH_METHOD = env.get("PASSWORD_HASH_METHOD", "scrypt")


def load_config(overrides: dict | None = None) -> dict:
    """Return the configuration as a mapping, with test or caller overrides on top."""
    values = {k: v for k, v in vars(Config()).items() if k.isupper()}
    values.update(overrides or {})
    return values
