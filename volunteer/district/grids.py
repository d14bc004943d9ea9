"""A community's grids (网格): the secretary adds them, names their boundary and their
党建指导员 (a member of the community marked as the grid's guide), and retires them."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.auth.models import RoleGrant, User
from volunteer.auth.roles import Role
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community, Grid
from volunteer.people.models import Member, MemberStatus


def add_grids(community: Community, names) -> None:
    """The community's first grids (a new community's, the demo's), without checks."""
    db.session.add_all(Grid(community_id=community.id, name=name) for name in dict.fromkeys(names))
    db.session.flush()
    db.session.expire(community, ["grid_records"])


def list_grids(community: Community, active: bool = True) -> list[Grid]:
    return list(
        db.session.scalars(
            sa.select(Grid)
            .where(Grid.community_id == community.id, Grid.active.is_(active))
            .order_by(Grid.id)
        )
    )


def require_manager(actor: Actor, community: Community) -> None:
    if not manages_community(actor, community):
        raise Forbidden(_l("Only the community's secretary may do this."))


def create_grid(actor: Actor, community: Community, **fields) -> Grid:
    """A new grid of the community (secretary, street admin, admin)."""
    require_manager(actor, community)
    taken(community.id, fields["name"])
    grid = Grid(community_id=community.id, name=fields["name"])
    db.session.add(grid)
    db.session.flush()
    assign(grid, fields)
    return grid


def update_grid(actor: Actor, grid_id: int, **fields) -> Grid:
    """Rename a grid, describe its boundary, name its guide, or retire it (`active: false`)."""
    grid = db.session.get(Grid, grid_id)
    if grid is None or not manages_community(actor, grid.community):
        raise NotFound(_l("No such grid."))
    name = fields.get("name")
    if name is not None and name != grid.name:
        taken(grid.community_id, name)
        # Members read their grid's name; orders keep the one they were filed under.
        db.session.execute(sa.update(Member).where(Member.grid_id == grid.id).values(grid=name))
    assign(grid, fields)
    db.session.flush()
    return grid


def taken(community_id: int, name: str) -> None:
    exists = sa.select(Grid.id).where(Grid.community_id == community_id, Grid.name == name)
    if db.session.scalar(exists) is not None:
        raise Conflict(_l("This community already has a grid of this name."))


def assign(grid: Grid, fields: dict) -> None:
    """Set the grid's fields; `guide_member_id` marks that member (now of this grid) as its
    guide instead of the one before."""
    if "guide_member_id" in fields:
        mark_guide(grid, fields.pop("guide_member_id"))
    for field, value in fields.items():
        setattr(grid, field, value)


def mark_guide(grid: Grid, member_id: int | None) -> None:
    member = db.session.get(Member, member_id) if member_id is not None else None
    if member_id is not None and (
        member is None
        or member.community_id != grid.community_id
        or member.status != MemberStatus.ACTIVE
    ):
        raise Invalid("guide_member_id", _l("Not an active member of this community."))
    if grid.id is not None:
        db.session.execute(
            sa.update(Member)
            .where(Member.grid_id == grid.id, Member.grid_guide.is_(True))
            .values(grid_guide=False)
        )
    if member is not None:
        db.session.flush()  # the grid's id, for a new one
        member.grid_id, member.grid, member.grid_guide = grid.id, grid.name, True
    db.session.flush()
    db.session.expire(grid, ["guide"])


def grid_workers(grid_ids) -> dict[int | None, list[User]]:
    """The grid workers of each grid, by name."""
    rows = db.session.execute(
        sa.select(RoleGrant.grid_id, User)
        .join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.role == Role.GRID_WORKER, RoleGrant.grid_id.in_(list(grid_ids)))
        .order_by(User.display_name, User.id)
    )
    workers: dict[int | None, list[User]] = {}
    for grid_id, user in rows:
        workers.setdefault(grid_id, []).append(user)
    return workers


def all_grids() -> list[Grid]:
    """Every grid in use, with its community (the operator's grant form)."""
    return list(db.session.scalars(sa.select(Grid).where(Grid.active.is_(True)).order_by(Grid.id)))
