"""Creating the district's organisation: streets, communities (with their teams), employers.

Above `organisations` (the records), `auth` and `teams`: creating a community creates its
teams, and every step checks the actor's roles."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, require_admin
from volunteer.district.grids import add_grids
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
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
    street = db.session.get(Street, street_id)
    if street is None or not street.active:
        raise Invalid("street_id", _l("No such street."))
    exists = sa.select(Community.id).where(Community.street_id == street_id, Community.name == name)
    if db.session.scalar(exists) is not None:
        raise Conflict(_l("This street already has a community of this name."))
    community = Community(name=name, street_id=street_id)
    db.session.add(community)
    db.session.flush()
    add_grids(community, grids)
    create_standard_teams(community)
    return community


def update_street(actor, street_id: int, *, name: str | None = None, active=None) -> Street:
    """Rename a street or retire it (`active=False`); admin."""
    street = found(Street, street_id, _l("No such street."))
    require_admin(actor)
    if name is not None and name != street.name:
        if db.session.scalar(sa.select(Street.id).where(Street.name == name)) is not None:
            raise Conflict(_l("A street of this name exists."))
        street.name = name
    if active is not None:
        street.active = active
    db.session.flush()
    return street


def update_community(
    actor, community_id: int, *, name: str | None = None, active=None
) -> Community:
    """Rename a community or retire it (`active=False`): residents no longer register there
    nor members report in; its orders, members and figures stay. Admin."""
    community = found(Community, community_id, _l("No such community."))
    require_admin(actor)
    if name is not None and name != community.name:
        exists = sa.select(Community.id).where(
            Community.street_id == community.street_id, Community.name == name
        )
        if db.session.scalar(exists) is not None:
            raise Conflict(_l("This street already has a community of this name."))
        community.name = name
    if active is not None:
        community.active = active
    db.session.flush()
    return community


def update_employer(actor, employer_id: int, **changes) -> Employer:
    """Change an employer's names or report addresses, or retire it (admin, street admin)."""
    employer = found(Employer, employer_id, _l("No such employer."))
    if not (actor.is_admin or actor.street_admin_of):
        raise Forbidden(_l("Only an administrator or a street admin may change employers."))
    name = changes.pop("name", None)
    if name is not None and name != employer.name:
        if db.session.scalar(sa.select(Employer.id).where(Employer.name == name)) is not None:
            raise Conflict(_l("An employer of this name exists."))
        employer.name = name
    if "report_emails" in changes:
        changes["report_emails"] = sorted(set(changes["report_emails"]))
    for field, value in changes.items():
        setattr(employer, field, value)
    db.session.flush()
    return employer


def found(model, thing_id: int, missing):
    """The row, or 404: streets, communities and employers are known to every caller."""
    thing = db.session.get(model, thing_id)
    if thing is None:
        raise NotFound(missing)
    return thing


def in_use(select: sa.Select, model, active: bool = True) -> sa.Select:
    """Only the rows in use (`active`), or only the retired ones."""
    return select.where(model.active.is_(active))


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
