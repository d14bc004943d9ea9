"""Granting and revoking roles (admin; a community's secretary for its grid workers)."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community, require_admin
from volunteer.auth.models import RoleGrant, User
from volunteer.auth.roles import GRANT_SCOPE, Role
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer, Grid, Street

SCOPE_MODELS = {
    "community_id": Community,
    "street_id": Street,
    "employer_id": Employer,
    "grid_id": Grid,
}


def in_use(scope) -> bool:
    """A scope that exists and is not retired: no role is granted over a retired one."""
    return scope is not None and scope.active


def may_grant(actor: Actor, role: str, grid_id: int | None) -> None:
    """The operator grants every role; a secretary (or street admin) the grid workers of the
    grids they manage."""
    if actor.is_admin:
        return
    grid = db.session.get(Grid, grid_id) if grid_id is not None else None
    if role == Role.GRID_WORKER and grid is not None and manages_community(actor, grid.community):
        return
    require_admin(actor)


def grant_role(actor: Actor, *, user_id: int, role: str, **scope) -> RoleGrant:
    """Give a user a role over the one scope that role needs."""
    may_grant(actor, role, scope.get("grid_id"))
    if db.session.get(User, user_id) is None:
        raise Invalid("user_id", _l("No such user."))
    needed = GRANT_SCOPE[Role(role)]
    errors = {}
    for field, model in SCOPE_MODELS.items():
        value = scope.get(field)
        if field == needed and value is None:
            errors[field] = [_l("Required for the role %(role)s.", role=role)]
        elif field == needed and not in_use(db.session.get(model, value)):
            errors[field] = [_l("No such record.")]
        elif field != needed and value is not None:
            errors[field] = [_l("Not a scope of the role %(role)s.", role=role)]
    if errors:
        raise Invalid(errors=errors)
    values = {field: scope.get(field) for field in SCOPE_MODELS}
    duplicate = sa.select(RoleGrant.id).where(
        RoleGrant.user_id == user_id,
        RoleGrant.role == role,
        *(
            getattr(RoleGrant, field).is_(value)
            if value is None
            else getattr(RoleGrant, field) == value
            for field, value in values.items()
        ),
    )
    if db.session.scalar(duplicate) is not None:
        raise Conflict(_l("The user already holds this role here."))
    grant = RoleGrant(user_id=user_id, role=role, **values)
    db.session.add(grant)
    db.session.flush()
    return grant


def revoke_grant(actor: Actor, grant_id: int) -> None:
    grant = db.session.get(RoleGrant, grant_id)
    if grant is None:
        if actor.is_admin:
            raise NotFound(_l("No such grant."))
        raise Forbidden(_l("Only an administrator may do this."))
    may_grant(actor, grant.role, grant.grid_id)
    db.session.delete(grant)
