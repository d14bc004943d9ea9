"""A forgotten password: the community's secretary (street admin, admin) issues a one-time
8-digit code, and the resident sets a new password with it.

A code works once, for `RESET_CODE_HOURS`, and burns after `ResetCode.MAX_TRIES` wrong
guesses; only its hash is stored. Issuing a new code spends the user's earlier ones.
"""

import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth import sessions
from volunteer.auth.access import manages_community, sees_community
from volunteer.auth.code_delivery import delivery
from volunteer.auth.communities import managed_communities
from volunteer.auth.models import ResetCode, RoleGrant, User
from volunteer.auth.passwords import hash_password, verify_password
from volunteer.auth.roles import Role
from volunteer.auth.services import check_new_password, find_login
from volunteer.db import utcnow
from volunteer.errors import Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community
from volunteer.schemas import normalise_mobile

RESET_CODE_HOURS = 24
CODE_DIGITS = 8
BAD_CODE = _l("The code is wrong, used or expired: ask your community for a new one.")


def user_in_scope(actor: User, user_id: int) -> User:
    """A user of a community the actor sees (404 otherwise); 403 unless the actor manages it.

    Only an administrator resets the password of someone who holds more than the resident's
    role (a secretary must not take over a street admin's account).
    """
    user = db.session.get(User, user_id)
    community = db.session.get(Community, user.community_id) if user and user.community_id else None
    if user is None or not (
        actor.is_admin or (community is not None and sees_community(actor, community))
    ):
        raise NotFound(_l("No such user."))
    if actor.is_admin:
        return user
    if community is None or not manages_community(actor, community):
        raise Forbidden(_l("Only the community's secretary may issue a reset code."))
    if any(grant.role != Role.RESIDENT for grant in user.grants):
        raise Forbidden(_l("Only an administrator may reset this account's password."))
    return user


def issue_code(actor: User, user_id: int) -> tuple[str | None, ResetCode]:
    """A new code for the user (their earlier ones spent); the code is returned when the
    delivery says the issuer shows it."""
    user = user_in_scope(actor, user_id)
    now = utcnow()
    db.session.execute(
        sa.update(ResetCode)
        .where(ResetCode.user_id == user.id, ResetCode.used_at.is_(None))
        .values(used_at=now)
    )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    reset_code = ResetCode(
        user=user,
        issued_by_id=actor.id,
        code_hash=hash_password(code),
        created_at=now,
        expires_at=now + timedelta(hours=RESET_CODE_HOURS),
    )
    db.session.add(reset_code)
    db.session.flush()
    return delivery().deliver(user, code), reset_code


def open_code(user: User | None, now: datetime) -> ResetCode | None:
    """The user's code that still works: unused, unexpired, not burnt."""
    if user is None:
        return None
    return db.session.scalar(
        sa.select(ResetCode)
        .where(
            ResetCode.user_id == user.id,
            ResetCode.used_at.is_(None),
            ResetCode.expires_at > now,
            ResetCode.wrong_tries < ResetCode.MAX_TRIES,
        )
        .order_by(ResetCode.id.desc())
        .limit(1)
    )


def count_wrong_try(reset_code: ResetCode) -> None:
    """Count a wrong guess outside the request's transaction, which the 422 rolls back."""
    code_id = reset_code.id
    db.session.rollback()
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(ResetCode)
            .where(ResetCode.id == code_id)
            .values(wrong_tries=ResetCode.wrong_tries + 1)
        )


def reset_password(login: str, code: str, new_password: str) -> User:
    """Set a new password with a code; every session and token of the user ends.

    An unknown login, a wrong, used, expired or burnt code all answer the same 422 under
    `code`, after a hash check of the same cost, so that the answer does not tell which
    logins exist.
    """
    _, user = find_login(login)
    reset_code = open_code(user, utcnow())
    matches = verify_password(reset_code.code_hash if reset_code is not None else None, code)
    if user is None or reset_code is None or not matches or not user.active:
        if reset_code is not None and not matches:
            count_wrong_try(reset_code)
        raise Invalid("code", BAD_CODE)
    check_new_password(user, new_password)
    reset_code.used_at = utcnow()
    user.password_hash = hash_password(new_password)
    sessions.end_every_session(user)
    return user


def resettable_users(actor: User, query: str, limit: int = 20) -> list[User]:
    """Users of the actor's communities found by name, username or mobile number, whose
    password the actor may reset (residents; anyone for an administrator)."""
    communities = [community.id for community in managed_communities(actor)]
    phone = normalise_mobile(query) if len(query) <= 20 else None
    matches = [User.display_name.contains(query, autoescape=True), User.username == query]
    if phone is not None:
        matches.append(User.phone == phone)
    select = (
        sa.select(User)
        .where(User.community_id.in_(communities), sa.or_(*matches))
        .order_by(User.display_name, User.id)
        .limit(limit)
    )
    if not actor.is_admin:
        manager = sa.select(RoleGrant.id).where(
            RoleGrant.user_id == User.id, RoleGrant.role != Role.RESIDENT
        )
        select = select.where(~manager.exists())
    return list(db.session.scalars(select))
