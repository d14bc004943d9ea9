"""Reporting in (报到), confirming, consent to share the record, and leaving."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.organisations.grids import grid_in
from volunteer.organisations.models import Community, Employer
from volunteer.people import consent, employer_requests
from volunteer.people.models import Member, MemberStatus, MemberType
from volunteer.people.skills import index_skills


def report_in(
    actor: Actor,
    *,
    community_id: int,
    member_type: str,
    phone: str,
    employer_id: int | None = None,
    skills=(),
    grid: str | None = None,
    consent_employer_feedback: bool = False,
    employer_name: str | None = None,
) -> Member:
    """The caller reports in to the community where they live; the secretary confirms.

    An in-service member whose employer is not listed names it (`employer_name`, the pages
    only): the report-in goes ahead without an employer and the street is asked to add it."""
    community = db.session.get(Community, community_id)
    if community is None or not community.active:
        raise Invalid("community_id", _l("No such community."))
    if actor.community_id is not None and actor.community_id != community_id:
        # 党员报到 is to the community one lives in; someone who moved changes home first.
        raise Invalid("community_id", _l("Report in to the community you live in."))
    unlisted = None
    if member_type == MemberType.IN_SERVICE and employer_id is None and employer_name:
        employer_id = employer_requests.listed_employer(employer_name)
        unlisted = employer_name if employer_id is None else None
    if member_type == MemberType.IN_SERVICE and unlisted is None:
        if employer_id is None:
            raise Invalid("employer_id", _l("Required for an in-service member."))
        employer = db.session.get(Employer, employer_id)
        if employer is None or not employer.active:
            raise Invalid("employer_id", _l("No such employer."))
    elif employer_id is not None:
        raise Invalid("employer_id", _l("Only in-service members have an employer."))
    member = actor.member
    if member is not None and member.status != MemberStatus.LEFT:
        raise Conflict(_l("You have already reported in."))
    if member is None:
        member = Member(user_id=actor.id)
        db.session.add(member)
    member.community_id = community_id
    member.member_type = member_type
    member.employer_id = employer_id
    member.phone = phone
    chosen = grid_in(community_id, name=grid)
    member.grid_id, member.grid = (chosen.id, chosen.name) if chosen else (None, None)
    member.skills = list(dict.fromkeys(skills))
    member.status = MemberStatus.PENDING
    member.reported_at = utcnow()
    member.confirmed_at = member.confirmed_by_id = member.left_at = None
    record_consent(member, consent_employer_feedback)
    db.session.flush()
    index_skills(member)
    if unlisted is not None:
        employer_requests.request_employer(member, unlisted)
    db.session.flush()
    return member


def record_consent(member: Member, given: bool) -> None:
    """Keep the consent with the text version and the time; withdrawing stops future sharing."""
    now = utcnow()
    if given and not member.consent_employer_feedback:
        member.consent_employer_feedback = True
        member.consent_version = consent.VERSION
        member.consent_at = now
        member.consent_withdrawn_at = None
    elif not given and member.consent_employer_feedback:
        member.consent_employer_feedback = False
        member.consent_withdrawn_at = now


def access_member(actor: Actor, member_id: int) -> Member:
    """A member the caller may see: themself, their managers, their employer's contact."""
    member = db.session.get(Member, member_id)
    if member is None or not (
        member.user_id == actor.id
        or manages_community(actor, member.community)
        or (member.employer_id is not None and member.employer_id in actor.contact_of)
    ):
        raise NotFound(_l("No such member."))
    return member


def manage_member(actor: Actor, member_id: int) -> Member:
    member = access_member(actor, member_id)
    if not manages_community(actor, member.community):
        raise Forbidden(_l("Only the community's secretary may do this."))
    return member


def confirm_member(actor: Actor, member_id: int) -> Member:
    """The secretary confirms a pending report-in; the member becomes active."""
    member = manage_member(actor, member_id)
    if member.status != MemberStatus.PENDING:
        raise Conflict(
            _l(
                "The report-in is %(status)s, not pending.",
                status=state_name(member.status, MemberStatus.labels()),
            )
        )
    member.status = MemberStatus.ACTIVE
    member.confirmed_at = utcnow()
    member.confirmed_by_id = actor.id
    db.session.flush()
    return member


def set_consent(actor: Actor, member_id: int, given: bool) -> Member:
    """Only the member gives or withdraws consent to share their record."""
    member = access_member(actor, member_id)
    if member.user_id != actor.id:
        raise Forbidden(_l("Only the member decides on sharing their record."))
    record_consent(member, given)
    db.session.flush()
    return member


def leave_community(actor: Actor, member_id: int) -> Member:
    """Transferred out: the member (or the secretary) ends the report-in and its team posts."""
    member = access_member(actor, member_id)
    if member.user_id != actor.id and not manages_community(actor, member.community):
        raise Forbidden(_l("Only the member or the secretary may do this."))
    if member.status == MemberStatus.LEFT:
        raise Conflict(_l("The member has already left."))
    member.status = MemberStatus.LEFT
    member.left_at = utcnow()
    member.teams.clear()
    db.session.flush()
    return member


def members_query(
    actor: Actor,
    *,
    community_id: int | None = None,
    status=None,
    team_id: int | None = None,
    q=None,
) -> sa.Select:
    """Members in the caller's scope (secretaries, street admins, admins), filtered."""
    if not (actor.is_admin or actor.secretary_of or actor.street_admin_of):
        raise Forbidden(_l("Only secretaries and street admins list members."))
    select = sa.select(Member).join(Member.community).join(User, Member.user_id == User.id)
    if not actor.is_admin:
        select = select.where(
            sa.or_(
                Member.community_id.in_(actor.secretary_of),
                Community.street_id.in_(actor.street_admin_of),
            )
        )
    if community_id is not None:
        community = db.session.get(Community, community_id)
        if community is None or not manages_community(actor, community):
            raise NotFound(_l("No such community."))
        select = select.where(Member.community_id == community_id)
    if status is not None:
        select = select.where(Member.status == status)
    if team_id is not None:
        select = select.where(Member.teams.any(id=team_id))
    if q:
        pattern = f"%{q}%"
        select = select.where(sa.or_(User.display_name.like(pattern), User.username.like(pattern)))
    return select.order_by(Member.id)


def report_in_choices() -> dict[str, list]:
    """What a report-in chooses from: every community in use (with its grids) and every
    employer in use."""
    communities = sa.select(Community).where(Community.active.is_(True))
    employers = sa.select(Employer).where(Employer.active.is_(True))
    return {
        "communities": list(
            db.session.scalars(communities.order_by(Community.street_id, Community.id))
        ),
        "employers": list(db.session.scalars(employers.order_by(Employer.name))),
    }
