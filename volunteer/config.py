"""Settings: defaults here, then instance/config.py, then VOLUNTEER_* environment variables."""

import json
import os
import secrets
from pathlib import Path

from flask import Flask

# Environment variables whose setting name differs from the variable's suffix.
ENV_ALIASES = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
}

# Settings that are not strings, so that environment values get their proper type.
INT_SETTINGS = {
    "TOKEN_LIFETIME_DAYS",
    "CALLER_CACHE_SECONDS",
    "LOGIN_FAILURE_LIMIT",
    "LOGIN_FAILURE_CEILING",
    "LOGIN_FAILURE_WINDOW_MINUTES",
    "PASSWORD_MIN_SCORE",
    "TRUSTED_PROXIES",
    "MAX_CONTENT_LENGTH",
    "RATING_WINDOW_DAYS",
    "RETENTION_DAYS",
    "IDEMPOTENCY_HOURS",
    "MAX_PHOTO_BYTES",
    "LOVE_BANK_POINTS_PER_HOUR",
    "LOVE_BANK_SATISFIED_BONUS",
}
BOOL_SETTINGS = {"RATELIMIT_ENABLED", "REQUEST_LOG"}
JSON_SETTINGS = {
    "TIME_LIMIT_DAYS",
    "TIME_LIMIT_DAYS_BY_CATEGORY",
    "JOB_SCHEDULES",
    "SATISFACTION_WEIGHTS",
    "ASSESSMENT_THRESHOLDS",
}


class Defaults:
    """Defaults for every installation; the SQLite URL is filled in from the instance path."""

    SMTP_URL = None
    MAIL_FROM = "volunteer@localhost"
    TIMEZONE = "Asia/Shanghai"
    TOKEN_LIFETIME_DAYS = 30
    # How long a process may keep an API caller it loaded (volunteer/auth/callers.py); 0: never.
    CALLER_CACHE_SECONDS = 60
    # Failed logins in the window: per username and client address, and per username alone.
    LOGIN_FAILURE_LIMIT = 10
    LOGIN_FAILURE_CEILING = 100
    LOGIN_FAILURE_WINDOW_MINUTES = 15
    # zxcvbn's score (0-4) a new password needs.
    PASSWORD_MIN_SCORE = 3
    # Reverse proxies in front of the app whose X-Forwarded-* headers are believed (0: none).
    TRUSTED_PROXIES = 0
    AUTH_RATE_LIMIT = "300 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105  (a method name, not a password)
    # Time limits (限时办结) in working days by order kind, overridable per category.
    TIME_LIMIT_DAYS = {"need": 3, "wish": 7}
    TIME_LIMIT_DAYS_BY_CATEGORY: dict = {}
    RATING_WINDOW_DAYS = 7
    CONTACT_VISIBLE_DAYS_AFTER_COMPLETION = 7
    RETENTION_DAYS = 365
    IDEMPOTENCY_HOURS = 24
    # Per job name, trigger fields that replace the defaults of volunteer/jobs/schedule.py.
    JOB_SCHEDULES: dict = {}
    # The issuing organisation printed on employer reports (default: the streets' 党工委).
    REPORT_ISSUER = None
    # The 群众满意指数: weights of its parts, and the yearly assessment's thresholds.
    SATISFACTION_WEIGHTS = {"ratings": 0.4, "reviews": 0.3, "samples": 0.3}
    ASSESSMENT_THRESHOLDS = {"commendable": 0.90, "qualified": 0.60}
    MAX_PHOTO_BYTES = 5 * 1024 * 1024
    # The love bank (爱心银行): points per service hour of a closed order or an attended
    # activity, and the bonus for an order rated 满意.
    LOVE_BANK_POINTS_PER_HOUR = 10
    LOVE_BANK_SATISFIED_BONUS = 5
    # The community service number printed on the households' 爱心永驻联系卡.
    SERVICE_PHONE = "12345"
    MAX_PHOTOS = 3
    # Voice notes (orders/voice.py): a minute or two of speech from a phone is far below this.
    MAX_VOICE_BYTES = 2 * 1024 * 1024
    MAX_VOICE_SECONDS = 120
    MAX_VOICE_NOTES = 3
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    # Uploads: unset = the directory UPLOAD_FOLDER (instance/uploads); else file:///DIR or
    # s3://BUCKET/PREFIX, with S3_ENDPOINT_URL for a store other than AWS (volunteer/storage.py).
    STORAGE_URL = None
    S3_ENDPOINT_URL = None
    # GET /metrics answers only with this bearer token; unset, it is a 404.
    METRICS_TOKEN = None
    # One JSON line per request on the `volunteer.requests` logger (stderr).
    REQUEST_LOG = True
    # No ping before every checkout (a round trip per request): connections are replaced after
    # half an hour instead, before a server or a firewall drops them as idle.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": 1800}
    BABEL_DEFAULT_LOCALE = "zh_Hans_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    # flask-smorest / OpenAPI
    API_TITLE = "volunteer"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    # CSRF is checked explicitly for forms and cookie-authenticated API calls (see auth.csrf).
    WTF_CSRF_CHECK_DEFAULT = False
    WTF_CSRF_HEADERS = ["X-CSRFToken", "X-CSRF-Token"]


def load_config(app: Flask, test_config: dict | None) -> None:
    """Fill app.config from the defaults, instance/config.py, the environment and test_config."""
    app.config.from_object(Defaults)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
        app.instance_path, "volunteer.sqlite3"
    )
    app.config["UPLOAD_FOLDER"] = os.path.join(app.instance_path, "uploads")
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(settings_from_environment(os.environ))
    else:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def settings_from_environment(environ) -> dict:
    """Translate VOLUNTEER_* variables into settings, typed where the setting is not a string."""
    settings = {}
    for name, value in environ.items():
        if not name.startswith("VOLUNTEER_") or name.startswith("VOLUNTEER_TEST_"):
            continue
        key = name.removeprefix("VOLUNTEER_")
        key = ENV_ALIASES.get(key, key)
        if key in INT_SETTINGS:
            value = int(value)
        elif key in JSON_SETTINGS:
            value = json.loads(value)
        elif key in BOOL_SETTINGS:
            value = value.strip().lower() in {"1", "true", "yes", "on"}
        settings[key] = value
    return settings


def instance_secret_key(instance: Path) -> str:
    """Read the installation's secret key, generating it on first start."""
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
