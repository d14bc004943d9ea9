"""Who is calling, and which communities, streets and employers are in their scope."""

import hashlib
from typing import TypeAlias

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from volunteer.auth.callers import caller_token
from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.errors import Forbidden, Unauthorized

# The acting user every service takes first: the account behind the session cookie or the
# bearer token (require_actor below). A name of its own, so a signature says "who acts", not
# merely "some user".
Actor: TypeAlias = User


def hash_token(token: str) -> str:
    """The stored form of a bearer token."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_user(header: str):
    """The user and token behind `Authorization: Bearer <token>`, or (None, None)."""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None, None
    api_token = caller_token(hash_token(token.strip()))
    if api_token is None or api_token.revoked_at is not None or api_token.expires_at <= utcnow():
        return None, None
    if not api_token.user.active:
        return None, None
    return api_token.user, api_token


def optional_actor() -> Actor | None:
    """The caller: a bearer token wins over the session cookie; None when anonymous.

    A request that presents an Authorization header is judged by it alone, so a bad token
    is anonymous even when a session cookie rides along.
    """
    if "actor" not in g:
        header = request.headers.get("Authorization")
        if header is not None:
            g.actor, g.api_token = token_user(header)
        else:
            g.actor = current_user._get_current_object() if current_user.is_authenticated else None
            g.api_token = None
    return g.actor


def require_actor() -> Actor:
    """The authenticated caller, or 401."""
    actor = optional_actor()
    if actor is None:
        raise Unauthorized(_l("Missing or invalid credentials."))
    return actor


def sees_community(user: User, community) -> bool:
    """Whether the community is in the user's scope at all (else it answers 404)."""
    if user.is_admin or community.id in user.secretary_of:
        return True
    if community.street_id in user.street_admin_of:
        return True
    if user.community_id == community.id:
        return True
    return user.member is not None and user.member.community_id == community.id


def manages_community(user: User, community) -> bool:
    """Secretary of the community, street admin of its street, or admin."""
    return (
        user.is_admin
        or community.id in user.secretary_of
        or community.street_id in user.street_admin_of
    )


def require_admin(user: User) -> None:
    """Organisation management is for the operator."""
    if not user.is_admin:
        raise Forbidden(_l("Only an administrator may do this."))
