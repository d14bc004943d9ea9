"""The communities an actor may see and manage: a 404 outside their scope."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community, sees_community
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community


def access_community(actor: Actor, community_id: int) -> Community:
    """A community the caller may see, or 404."""
    community = db.session.get(Community, community_id)
    if community is None or not sees_community(actor, community):
        raise NotFound(_l("No such community."))
    return community


def managed_communities(actor: Actor) -> list[Community]:
    """The communities the caller manages (secretary, street admin, admin), by name."""
    select = sa.select(Community).order_by(Community.name, Community.id)
    if not actor.is_admin:
        select = select.where(
            sa.or_(
                Community.id.in_(actor.secretary_of),
                Community.street_id.in_(actor.street_admin_of),
            )
        )
    return list(db.session.scalars(select))


def manage_community(actor: Actor, community_id: int) -> Community:
    """A community the caller manages: 404 outside their scope, 403 to mere residents."""
    community = access_community(actor, community_id)
    if not manages_community(actor, community):
        raise Forbidden(_l("Only the community's secretary may do this."))
    return community
