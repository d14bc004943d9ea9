"""Employers that are not listed yet: a member names one at the report-in, the street admin of
the member's community adds it, and the member's report-in gets it."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer
from volunteer.people.models import EmployerRequest, Member, MemberStatus, MemberType


def listed_employer(name: str) -> int | None:
    """The id of the employer of exactly this name, if it is listed."""
    return db.session.scalar(sa.select(Employer.id).where(Employer.name == name))


def request_employer(member: Member, name: str) -> EmployerRequest:
    """Ask the street of the member's community to add the employer `name`."""
    community = db.session.get_one(Community, member.community_id)
    request = EmployerRequest(member_id=member.id, street_id=community.street_id, name=name)
    db.session.add(request)
    db.session.flush()
    return request


def open_requests(actor, limit: int = 100) -> list[EmployerRequest]:
    """The requests waiting for the caller: a street admin's streets, or every street for the
    admin; nobody else has any."""
    select = sa.select(EmployerRequest).where(EmployerRequest.done_at.is_(None))
    if not actor.is_admin:
        if not actor.street_admin_of:
            return []
        select = select.where(EmployerRequest.street_id.in_(actor.street_admin_of))
    return list(db.session.scalars(select.order_by(EmployerRequest.id).limit(limit)))


def open_request(actor, request_id: int) -> EmployerRequest:
    """A request still waiting, of the caller's streets (403 for anyone but a street admin or
    the admin, 404 for another street's, 409 once added)."""
    if not (actor.is_admin or actor.street_admin_of):
        raise Forbidden(_l("Only an administrator or a street admin may add employers."))
    request = db.session.get(EmployerRequest, request_id)
    if request is None or not (actor.is_admin or request.street_id in actor.street_admin_of):
        raise NotFound(_l("No such employer request."))
    if request.done_at is not None:
        raise Conflict(_l("This employer has already been added."))
    return request


def add_requested_employer(
    actor, request_id: int, *, name: str, party_org_name: str
) -> EmployerRequest:
    """Add the requested employer (or take the listed one of that name) and give it to the
    member's report-in if it still has no employer."""
    request = open_request(actor, request_id)
    employer_id = listed_employer(name)
    if employer_id is None:
        employer = Employer(name=name, party_org_name=party_org_name, report_emails=[])
        db.session.add(employer)
        db.session.flush()
        employer_id = employer.id
    request.employer_id = employer_id
    request.done_at = utcnow()
    request.done_by_id = actor.id
    member = request.member
    if (
        member.employer_id is None
        and member.member_type == MemberType.IN_SERVICE
        and member.status != MemberStatus.LEFT
    ):
        member.employer_id = employer_id
    db.session.flush()
    return request
