"""The request budget of the auth endpoints (API and login pages alike)."""

from flask import current_app

from volunteer.extensions import limiter


def auth_rate_limit() -> str:
    return current_app.config["AUTH_RATE_LIMIT"]


# One budget per client address across all auth endpoints.
auth_limit = limiter.shared_limit(auth_rate_limit, scope="auth")
