"""Who may see which street's samples, reviews and index."""

from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community, Street


def street_in_scope(actor: Actor, street_id: int, *, surveyors: bool = False) -> Street:
    """The street when the caller administers it (or surveys it, when `surveyors`): 404 for
    a street outside the caller's scope, 403 for a role that may not."""
    street = db.session.get(Street, street_id)
    if street is None:
        raise NotFound(_l("No such street."))
    if actor.is_admin or street_id in actor.street_admin_of:
        return street
    if surveyors and street_id in actor.surveyor_of:
        return street
    if street_id in actor.surveyor_of or street_id in street_ids_of(actor):
        raise Forbidden(_l("Only the street's administrators may do this."))
    raise NotFound(_l("No such street."))


def street_ids_of(actor: Actor) -> set[int]:
    """Streets whose communities the caller works or lives in."""
    community_ids = set(actor.secretary_of) | {actor.community_id}
    if actor.member is not None:
        community_ids.add(actor.member.community_id)
    community_ids.discard(None)
    if not community_ids:
        return set()
    return set(
        db.session.scalars(db.select(Community.street_id).where(Community.id.in_(community_ids)))
    )


def resident_community(actor: Actor) -> Community | None:
    """The community the caller lives in (a resident's grant or registration)."""
    from volunteer.auth.roles import Role

    ids = [g.community_id for g in actor.grants_of(Role.RESIDENT)] or [actor.community_id]
    community_id = next((i for i in ids if i is not None), None)
    return db.session.get(Community, community_id) if community_id is not None else None
