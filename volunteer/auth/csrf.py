"""CSRF: forms and cookie-authenticated API calls need the token; bearer-token calls do not."""

from flask import current_app, request, session
from flask_login import current_user

from volunteer.extensions import csrf

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def protect_cookie_requests() -> None:
    """A browser's cookie can be abused across sites; a bearer token cannot."""
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return
    if request.method in SAFE_METHODS or "Authorization" in request.headers:
        return
    if request.path.startswith("/api") and (
        "_user_id" not in session or not current_user.is_authenticated
    ):
        return  # no cookie session, or one that has ended: the call is anonymous (401)
    csrf.protect()
