"""The operator's accounts: finding users, disabling and enabling them.

Who sees whom: the admin every user; a street admin the users who live in its street's
communities; a secretary those of its community. Only the admin disables or enables an
account (a user outside the caller's sight answers 404, one in sight 403)."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import require_admin
from volunteer.auth.models import User
from volunteer.auth.sessions import end_every_session
from volunteer.errors import Conflict, Forbidden, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community


def may_list_users(actor) -> bool:
    return actor.is_admin or bool(actor.secretary_of) or bool(actor.street_admin_of)


def in_sight(actor) -> sa.ColumnElement[bool]:
    """The users the caller may see: everyone for the admin, else the residents of the
    communities it manages."""
    if actor.is_admin:
        return sa.true()
    streets = sa.select(Community.id).where(Community.street_id.in_(actor.street_admin_of))
    return sa.or_(User.community_id.in_(actor.secretary_of), User.community_id.in_(streets))


def users_query(actor, q: str | None = None) -> sa.Select:
    """Users in the caller's sight by username; `q` finds part of the username or the name,
    or the whole phone number (never part of one: the list shows phones masked)."""
    if not may_list_users(actor):
        raise Forbidden(_l("Only administrators, street admins and secretaries list users."))
    select = sa.select(User).where(in_sight(actor))
    q = (q or "").strip()
    if q:
        select = select.where(
            sa.or_(
                User.username.icontains(q, autoescape=True),
                User.display_name.contains(q, autoescape=True),
                User.phone == q,
            )
        )
    return select.order_by(User.username, User.id)


def access_user(actor, user_id: int) -> User:
    """A user in the caller's sight (themself included), or 404."""
    user = db.session.get(User, user_id)
    if user is None or not (
        user.id == actor.id
        or db.session.scalar(sa.select(User.id).where(User.id == user_id, in_sight(actor)))
    ):
        raise NotFound(_l("No such user."))
    return user


def disable_user(actor, user_id: int) -> User:
    """The account stops working at once: its sessions and tokens end, it cannot log in."""
    user = access_user(actor, user_id)
    require_admin(actor)
    if user.id == actor.id:
        raise Conflict(_l("You cannot disable your own account."))
    user.active = False
    end_every_session(user)
    db.session.flush()
    return user


def enable_user(actor, user_id: int) -> User:
    """The account may log in again (its old sessions and tokens stay ended)."""
    user = access_user(actor, user_id)
    require_admin(actor)
    user.active = True
    db.session.flush()
    return user
