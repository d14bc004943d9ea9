"""Pairing a member or resident volunteer with an elderly household (结对帮扶)."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.errors import Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.orders.timing import zone
from volunteer.organisations.models import Community
from volunteer.pairings.models import Pairing
from volunteer.people.models import Member, MemberStatus


def local_today():
    return datetime.now(zone()).date()


def paired_person(actor: Actor, member_id: int | None, volunteer_id: int | None) -> Member:
    """The active member or volunteer named, in a community the caller manages."""
    if (member_id is None) == (volunteer_id is None):
        raise Invalid("member_id", _l("Name either a member or a volunteer."))
    field = "member_id" if member_id is not None else "volunteer_id"
    person = db.session.get(Member, member_id or volunteer_id)
    if (
        person is None
        or person.status != MemberStatus.ACTIVE
        or not manages_community(actor, person.community)
        or (field == "volunteer_id" and not person.is_volunteer)
    ):
        raise Invalid(field, _l("Not an active member or volunteer of your community."))
    return person


def create_pairing(
    actor: Actor,
    *,
    household_name: str,
    address: str,
    phone: str,
    visit_every_days: int,
    member_id: int | None = None,
    volunteer_id: int | None = None,
) -> Pairing:
    """The secretary pairs someone with a household; visits start with the next job run."""
    if not (actor.secretary_of or actor.street_admin_of or actor.is_admin):
        raise Forbidden(_l("Only the community's secretary pairs households."))
    person = paired_person(actor, member_id, volunteer_id)
    pairing = Pairing(
        community_id=person.community_id,
        member_id=person.id,
        household_name=household_name,
        address=address,
        phone=phone,
        visit_every_days=visit_every_days,
        starts_on=local_today(),
        created_by_id=actor.id,
    )
    db.session.add(pairing)
    db.session.flush()
    return pairing


def sees_pairing(actor: Actor, pairing: Pairing) -> bool:
    """The paired person and the community's managers (the household's data is private)."""
    return pairing.member.user_id == actor.id or manages_community(actor, pairing.community)


def access_pairing(actor: Actor, pairing_id: int) -> Pairing:
    pairing = db.session.get(Pairing, pairing_id)
    if pairing is None or not sees_pairing(actor, pairing):
        raise NotFound(_l("No such pairing."))
    return pairing


def manage_pairing(actor: Actor, pairing_id: int) -> Pairing:
    pairing = access_pairing(actor, pairing_id)
    if not manages_community(actor, pairing.community):
        raise Forbidden(_l("Only the community's secretary may do this."))
    return pairing


def end_pairing(actor: Actor, pairing_id: int) -> Pairing:
    """No more visits are created (the pairing and its visits stay on record)."""
    pairing = manage_pairing(actor, pairing_id)
    pairing.active = False
    db.session.flush()
    return pairing


def pairings_query(actor: Actor, community_id: int | None = None) -> sa.Select:
    """Pairings the caller manages, and those they are the paired person of."""
    managed = sa.select(Community.id).where(
        sa.or_(
            Community.id.in_(actor.secretary_of),
            Community.street_id.in_(actor.street_admin_of),
            sa.true() if actor.is_admin else sa.false(),
        )
    )
    mine = sa.select(Member.id).where(Member.user_id == actor.id)
    select = sa.select(Pairing).where(
        sa.or_(Pairing.community_id.in_(managed), Pairing.member_id.in_(mine))
    )
    if community_id is not None:
        select = select.where(Pairing.community_id == community_id)
    return select.order_by(Pairing.active.desc(), Pairing.id)
