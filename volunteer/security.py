"""Security headers on every response (flask-talisman) and the cookies' flags.

The Content-Security-Policy allows scripts, styles, fonts and connections from this site
only: no inline script or style anywhere (a page's data travels in a
`<script type="application/json">` block read by a static script), no plugins, no framing.
Plain http is served as it is (the demo runs on http://127.0.0.1): no redirect to HTTPS, and
HSTS only on responses to HTTPS requests. Cookies are HttpOnly and SameSite=Lax, and Secure
exactly when the request came over HTTPS (directly, or through a trusted proxy that Werkzeug's
ProxyFix believes), so the same settings serve the demo and production.
"""

from typing import Any

from flask import Flask, Request, Response, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin

from volunteer.extensions import talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",  # Swagger UI's icons are data: URIs in its stylesheet
    "font-src": "'self'",
    "connect-src": "'self'",
    "media-src": "'self' blob:",  # voice notes, and the recording's preview before posting
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

COOKIE_FLAGS: dict[str, Any] = {"httponly": True, "samesite": "Lax"}


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, Secure whenever the request is HTTPS. A request without
    the cookie (every API call with a bearer token) gets an empty session at once: Flask
    builds the signing serializer, a key derivation, before it looks for the cookie, and
    works out every cookie flag before it sees there is nothing to save."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure or super().get_cookie_secure(app)

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not session and not session.modified:
            if session.accessed:
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


def set_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    """A cookie the server reads (language, elder mode), with the session cookie's flags."""
    response.set_cookie(name, value, max_age=max_age, secure=request.is_secure, **COOKIE_FLAGS)


def delete_cookie(response: Response, name: str) -> None:
    response.delete_cookie(name, secure=request.is_secure, **COOKIE_FLAGS)


def init_security(app: Flask) -> None:
    talisman.init_app(
        app,
        force_https=False,
        strict_transport_security=True,
        strict_transport_security_include_subdomains=False,
        frame_options="DENY",
        content_security_policy=CONTENT_SECURITY_POLICY,
        referrer_policy="same-origin",
        session_cookie_secure=False,  # per request instead: SessionInterface
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        x_content_type_options=True,
    )
    app.session_interface = SessionInterface()
