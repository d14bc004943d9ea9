"""Registering, logging in with a token, revoking it, changing the password, and the
failed-login lockout."""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, request
from flask_babel import lazy_gettext as _l

from volunteer.auth import sessions
from volunteer.auth.access import hash_token
from volunteer.auth.models import ApiToken, LoginFailure, RoleGrant, User
from volunteer.auth.passwords import hash_password, password_problem, verify_password
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Conflict, Invalid, TooManyRequests, Unauthorized
from volunteer.extensions import db
from volunteer.organisations.models import Community
from volunteer.schemas import normalise_mobile

USERNAME_TAKEN = _l("This username is taken.")
PHONE_TAKEN = _l("This mobile number is already registered.")


def username_taken(username: str) -> bool:
    return db.session.scalar(sa.select(User.id).where(User.username == username)) is not None


def phone_taken(phone: str) -> bool:
    return db.session.scalar(sa.select(User.id).where(User.phone == phone)) is not None


def internal_username() -> str:
    """A stable name for an account registered by phone alone (never shown as a login)."""
    while True:
        username = f"u_{secrets.token_hex(6)}"
        if not username_taken(username):
            return username


def register_resident(
    *, password: str, display_name: str, community_id: int, username=None, phone=None
) -> User:
    """A new resident of a community (anyone may register), with a username, a mainland
    mobile number to log in with, or both; each is unique (409 naming the field)."""
    community = db.session.get(Community, community_id)
    if community is None or not community.active:
        raise Invalid("community_id", _l("No such community."))
    if username is not None and username_taken(username):
        raise Conflict(USERNAME_TAKEN, errors={"username": [USERNAME_TAKEN]})
    if phone is not None and phone_taken(phone):
        raise Conflict(PHONE_TAKEN, errors={"phone": [PHONE_TAKEN]})
    user = User(
        username=username or internal_username(),
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
    """Every community in use a newcomer may choose when registering, by street and name."""
    select = sa.select(Community).where(Community.active.is_(True))
    return list(db.session.scalars(select.order_by(Community.street_id, Community.name)))


def create_user(*, username: str, password: str, display_name: str, **fields) -> User:
    """A user without a role (operators, demo data); roles are granted separately."""
    if username_taken(username):
        raise Conflict(USERNAME_TAKEN, errors={"username": [USERNAME_TAKEN]})
    user = User(
        username=username,
        password_hash=hash_password(password),
        display_name=display_name,
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user


def client_address() -> str:
    """The caller's address (the real client's behind VOLUNTEER_TRUSTED_PROXIES proxies)."""
    return (request.remote_addr or "")[:64]


def locked_out(username: str) -> bool:
    """Too many recent failures for this username from this address, or from everywhere.

    Counting per address keeps someone elsewhere from locking the user out; the higher
    per-username ceiling still stops guessing spread over many addresses.
    """
    window = timedelta(minutes=current_app.config["LOGIN_FAILURE_WINDOW_MINUTES"])
    recent = sa.and_(LoginFailure.username == username, LoginFailure.at > utcnow() - window)
    from_here = sa.func.count().filter(LoginFailure.address == client_address())
    here, everywhere = db.session.execute(
        sa.select(from_here, sa.func.count()).select_from(LoginFailure).where(recent)
    ).one()
    return (
        here >= current_app.config["LOGIN_FAILURE_LIMIT"]
        or everywhere >= current_app.config["LOGIN_FAILURE_CEILING"]
    )


def record_failure(username: str) -> None:
    """Count a failed login outside the request's transaction, which the 401 rolls back.

    Nothing else has been written in this request yet; ending its transaction first frees
    SQLite's write lock for the connection that records the failure.
    """
    db.session.rollback()
    with db.engine.begin() as connection:
        connection.execute(
            sa.insert(LoginFailure).values(
                username=username[:64], address=client_address(), at=utcnow()
            )
        )


def find_login(login: str) -> tuple[str, User | None]:
    """The user a login names (a username, else a mainland mobile number in any common
    format) and the key its failures are counted under: the user's username, else the
    normalised number, else the login as typed."""
    user = db.session.scalar(sa.select(User).where(User.username == login))
    if user is not None:
        return user.username, user
    phone = normalise_mobile(login) if len(login) <= 20 else None
    if phone is None:
        return login, None
    user = db.session.scalar(sa.select(User).where(User.phone == phone))
    return (user.username, user) if user is not None else (phone, None)


def authenticate(login: str, password: str) -> User:
    """The user with these credentials (a username or a mobile number); 429 after too many
    recent failures, else 401.

    The password is verified for unknown and inactive users too (against a dummy hash), so
    the answer takes as long whether or not the login exists.
    """
    key, user = find_login(login)
    if locked_out(key):
        raise TooManyRequests(_l("Too many failed logins for this username; try again later."))
    matches = verify_password(user.password_hash if user is not None else None, password)
    if user is None or not matches or not user.active:
        record_failure(key)
        raise Unauthorized(_l("Wrong username or password."))
    return user


def check_new_password(user: User, password: str) -> None:
    """A weak new password → 422 under `password` (the contract's name for every password
    field) and `new_password` (the field of the request that changes it)."""
    problem = password_problem(
        password, username=user.username, phone=user.phone, display_name=user.display_name
    )
    if problem is not None:
        raise Invalid(errors={"password": [problem], "new_password": [problem]})


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password; every session and token of the user ends, this one included.

    A wrong current password counts as a failed login (the same lockout), so a stolen session
    cannot be used to guess it.
    """
    if locked_out(user.username):
        raise TooManyRequests(_l("Too many failed logins for this username; try again later."))
    if not verify_password(user.password_hash, current_password):
        record_failure(user.username)
        raise Invalid("current_password", _l("The current password is wrong."))
    check_new_password(user, new_password)
    user.password_hash = hash_password(new_password)
    sessions.end_every_session(user)


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
