"""Creating the district's organisation: streets, communities (with their teams), employers.

Above `organisations` (the records), `auth` and `teams`: creating a community creates its
teams, and every step checks the actor's roles."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, require_admin
from volunteer.errors import Conflict, Forbidden, Invalid
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer, Street
from volunteer.teams.services import create_standard_teams


def create_street(actor: Actor, *, name: str) -> Street:
    require_admin(actor)
    if db.session.scalar(sa.select(Street.id).where(Street.name == name)) is not None:
        raise Conflict(_l("A street of this name exists."))
    street = Street(name=name)
    db.session.add(street)
    db.session.flush()
    return street


def create_community(actor: Actor, *, name: str, street_id: int, grids=()) -> Community:
    """A community and, with it, its eight standard teams."""
    require_admin(actor)
    if db.session.get(Street, street_id) is None:
        raise Invalid("street_id", _l("No such street."))
    exists = sa.select(Community.id).where(Community.street_id == street_id, Community.name == name)
    if db.session.scalar(exists) is not None:
        raise Conflict(_l("This street already has a community of this name."))
    community = Community(name=name, street_id=street_id, grids=list(grids))
    db.session.add(community)
    db.session.flush()
    create_standard_teams(community)
    return community


def directory() -> dict[str, list]:
    """Every street, community and employer, for the operator's overview."""
    return {
        "streets": list(db.session.scalars(sa.select(Street).order_by(Street.id))),
        "communities": list(db.session.scalars(sa.select(Community).order_by(Community.id))),
        "employers": list(db.session.scalars(sa.select(Employer).order_by(Employer.id))),
    }


def create_employer(actor: Actor, *, name: str, party_org_name: str, report_emails) -> Employer:
    if not (actor.is_admin or actor.street_admin_of):
        raise Forbidden(_l("Only an administrator or a street admin may add employers."))
    if db.session.scalar(sa.select(Employer.id).where(Employer.name == name)) is not None:
        raise Conflict(_l("An employer of this name exists."))
    employer = Employer(
        name=name, party_org_name=party_org_name, report_emails=sorted(set(report_emails))
    )
    db.session.add(employer)
    db.session.flush()
    return employer


def may_see_report_emails(actor: Actor, employer: Employer) -> bool:
    return actor.is_admin or bool(actor.street_admin_of) or employer.id in actor.contact_of
