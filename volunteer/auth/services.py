"""Registering, logging in with a token, revoking it, and the failed-login lockout."""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from volunteer.auth.access import hash_token
from volunteer.auth.models import ApiToken, LoginFailure, RoleGrant, User
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Conflict, Invalid, TooManyRequests, Unauthorized
from volunteer.extensions import db
from volunteer.organisations.models import Community


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def username_taken(username: str) -> bool:
    return db.session.scalar(sa.select(User.id).where(User.username == username)) is not None


def register_resident(
    *, username: str, password: str, display_name: str, community_id: int, phone=None
) -> User:
    """A new resident of a community (anyone may register)."""
    if db.session.get(Community, community_id) is None:
        raise Invalid("community_id", _l("No such community."))
    if username_taken(username):
        raise Conflict(_l("This username is taken."))
    user = User(
        username=username,
        password_hash=hash_password(password),
        display_name=display_name,
        phone=phone,
        community_id=community_id,
    )
    user.grants.append(RoleGrant(role=Role.RESIDENT, community_id=community_id))
    db.session.add(user)
    db.session.flush()
    return user


def registrable_communities() -> list[Community]:
    """Every community a newcomer may choose when registering, by street and name."""
    return list(
        db.session.scalars(sa.select(Community).order_by(Community.street_id, Community.name))
    )


def create_user(*, username: str, password: str, display_name: str, **fields) -> User:
    """A user without a role (operators, demo data); roles are granted separately."""
    if username_taken(username):
        raise Conflict(_l("This username is taken."))
    user = User(
        username=username,
        password_hash=hash_password(password),
        display_name=display_name,
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user


def recent_failures(username: str) -> int:
    window = timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LoginFailure)
        .where(LoginFailure.username == username, LoginFailure.at > utcnow() - window)
    )


def record_failure(username: str) -> None:
    """Count a failed login outside the request's transaction, which the 401 rolls back.

    Nothing else has been written in this request yet; ending its transaction first frees
    SQLite's write lock for the connection that records the failure.
    """
    db.session.rollback()
    with db.engine.begin() as connection:
        connection.execute(sa.insert(LoginFailure).values(username=username[:64], at=utcnow()))


def authenticate(username: str, password: str) -> User:
    """The user with these credentials; 429 after too many recent failures, else 401."""
    if recent_failures(username) >= current_app.config["LOGIN_FAILURE_LIMIT"]:
        raise TooManyRequests(_l("Too many failed logins for this username; try again later."))
    user = db.session.scalar(sa.select(User).where(User.username == username))
    if user is None or not user.active or not check_password_hash(user.password_hash, password):
        record_failure(username)
        raise Unauthorized(_l("Wrong username or password."))
    return user


def issue_token(user: User) -> tuple[str, ApiToken]:
    """A new bearer token for the user; the plain token is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(days=current_app.config["TOKEN_LIFETIME_DAYS"])
    api_token = ApiToken(user=user, token_hash=hash_token(token), expires_at=utcnow() + lifetime)
    db.session.add(api_token)
    db.session.flush()
    return token, api_token


def revoke_token(api_token: ApiToken) -> None:
    """The token stops working at once."""
    api_token.revoked_at = utcnow()
