"""Applying as a resident volunteer, confirming, listing."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.organisations.models import Community
from volunteer.people.models import Member, MemberStatus, MemberType
from volunteer.people.skills import index_skills


def apply(
    actor: Actor,
    *,
    community_id: int,
    phone: str,
    skills=(),
    consent_contact: bool = False,
) -> Member:
    """A resident of the community offers to help their neighbours; the secretary confirms.

    Someone who already reported in as a party member (or applied) gets 409."""
    community = db.session.get(Community, community_id)
    if community is None or not community.active:
        raise Invalid("community_id", _l("No such community."))
    residences = {grant.community_id for grant in actor.grants_of(Role.RESIDENT)}
    if community_id not in residences and actor.community_id != community_id:
        raise Invalid("community_id", _l("Volunteer in the community you live in."))
    member = actor.member
    if member is not None and member.status != MemberStatus.LEFT:
        if member.is_volunteer:
            raise Conflict(_l("You have already applied as a volunteer."))
        raise Conflict(_l("You have already reported in."))
    if member is None:
        member = Member(user_id=actor.id)
        db.session.add(member)
    member.community_id = community_id
    member.member_type = MemberType.VOLUNTEER
    member.employer_id = None
    member.phone = phone
    member.grid = member.grid_id = None
    member.skills = list(dict.fromkeys(skills))
    member.status = MemberStatus.PENDING
    member.reported_at = utcnow()
    member.confirmed_at = member.confirmed_by_id = member.left_at = None
    member.consent_employer_feedback = False
    member.consent_contact = consent_contact
    db.session.flush()
    index_skills(member)
    db.session.flush()
    return member


def access_volunteer(actor: Actor, volunteer_id: int) -> Member:
    """A volunteer the caller may see: themself and their community's managers."""
    member = db.session.get(Member, volunteer_id)
    if (
        member is None
        or not member.is_volunteer
        or not (member.user_id == actor.id or manages_community(actor, member.community))
    ):
        raise NotFound(_l("No such volunteer."))
    return member


def confirm(actor: Actor, volunteer_id: int) -> Member:
    """The secretary confirms a pending application; the volunteer may take pool orders."""
    member = access_volunteer(actor, volunteer_id)
    if not manages_community(actor, member.community):
        raise Forbidden(_l("Only the community's secretary may do this."))
    if member.status != MemberStatus.PENDING:
        raise Conflict(
            _l(
                "The application is %(status)s, not pending.",
                status=state_name(member.status, MemberStatus.labels()),
            )
        )
    member.status = MemberStatus.ACTIVE
    member.confirmed_at = utcnow()
    member.confirmed_by_id = actor.id
    db.session.flush()
    return member


def volunteers_query(
    actor: Actor, *, community_id: int | None = None, status: str | None = None
) -> sa.Select:
    """The volunteers of the communities the caller manages."""
    managed = set(actor.secretary_of)
    select = (
        sa.select(Member)
        .join(Community, Community.id == Member.community_id)
        .where(Member.member_type == MemberType.VOLUNTEER)
    )
    if not actor.is_admin:
        if not managed and not actor.street_admin_of:
            raise Forbidden(_l("Only secretaries and street admins list volunteers."))
        select = select.where(
            sa.or_(
                Member.community_id.in_(managed),
                Community.street_id.in_(actor.street_admin_of),
            )
        )
    if community_id is not None:
        select = select.where(Member.community_id == community_id)
    if status is not None:
        select = select.where(Member.status == status)
    return select.order_by(Member.status != MemberStatus.PENDING, Member.id)
