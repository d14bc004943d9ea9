"""Page logins that the server can end: each login is a row, and its key rides in the cookie.

Flask's session cookie is only signed, so by itself it would open the pages until it expires,
whatever happened on the server. Here the cookie holds a login session's key; the loader
accepts it only while that session is open, unexpired and its user active.
"""

import secrets

import sqlalchemy as sa
from flask import current_app, g
from flask_login import current_user, login_user, logout_user
from sqlalchemy.orm import joinedload, undefer

from volunteer.auth.access import hash_token
from volunteer.auth.models import ApiToken, LoginSession, User
from volunteer.db import utcnow
from volunteer.extensions import db, login


def log_in(user: User) -> LoginSession:
    """Open a login session for the user and put its key in this response's cookie."""
    now = utcnow()
    db.session.execute(  # the user's ended and expired sessions are of no more use
        sa.delete(LoginSession).where(
            LoginSession.user_id == user.id,
            sa.or_(LoginSession.ended_at.is_not(None), LoginSession.expires_at <= now),
        )
    )
    key = secrets.token_urlsafe(32)
    login_session = LoginSession(
        user=user,
        key_hash=hash_token(key),
        expires_at=now + current_app.permanent_session_lifetime,
    )
    db.session.add(login_session)
    db.session.flush()
    user.login_session_key = key
    login_user(user)
    g.login_session = login_session
    return login_session


@login.user_loader
def load(key: str) -> User | None:
    """The user of an open login session with this key, else None (logged out)."""
    # One statement: the session, its user, the grants, the member record and the bell's
    # count of unread notifications (every page shows it).
    login_session = (
        db.session.scalars(
            sa.select(LoginSession)
            .where(LoginSession.key_hash == hash_token(key))
            .options(
                joinedload(LoginSession.user).options(
                    joinedload(User.grants),
                    joinedload(User.member),
                    undefer(User.unread_notifications),
                )
            )
        )
        .unique()
        .one_or_none()
    )
    if (
        login_session is None
        or login_session.ended_at is not None
        or login_session.expires_at <= utcnow()
        or not login_session.user.active
    ):
        return None
    g.login_session = login_session
    login_session.user.login_session_key = key
    return login_session.user


def log_out() -> None:
    """End this request's login session on the server and drop it from the cookie."""
    # Asking whether someone is logged in loads the session (and puts it on g).
    login_session = g.get("login_session") if current_user.is_authenticated else None
    if login_session is not None and login_session.ended_at is None:
        login_session.ended_at = utcnow()
    logout_user()


def end_every_session(user: User) -> None:
    """Every login session and API token of the user stops working at once (a password
    change; an account disabled)."""
    now = utcnow()
    db.session.execute(
        sa.update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=now)
    )
    db.session.execute(
        sa.update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
