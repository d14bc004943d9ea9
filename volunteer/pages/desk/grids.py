"""The desk's grids (网格): the secretary adds a grid with its boundary, finds a resident by
name or mobile number and makes them the grid's worker (网格员), revokes one."""

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from volunteer.auth import accounts
from volunteer.auth import grants as grant_services
from volunteer.auth.communities import managed_communities
from volunteer.auth.models import RoleGrant
from volunteer.auth.roles import Role
from volunteer.auth.schemas import GrantSchema
from volunteer.district import grids as services
from volunteer.errors import Invalid
from volunteer.extensions import db
from volunteer.organisations.schemas import GridSchema
from volunteer.pages.actions import act
from volunteer.pages.desk.accounts import desk_actor
from volunteer.pages.forms import Form
from volunteer.people.models import MemberStatus
from volunteer.people.services import members_query

bp = Blueprint("desk_grids", __name__, url_prefix="/desk")

FOUND = 10


def render_grids(actor, form=None):
    communities = managed_communities(actor)
    grids = [grid for community in communities for grid in services.list_grids(community)]
    query = request.args.get("q", "").strip()[:60]
    found = (
        db.session.scalars(accounts.users_query(actor, query).limit(FOUND)).all() if query else []
    )
    return render_template(
        "pages/desk/grids.html",
        form=form or Form({}),
        communities=communities,
        community_choices=[(c.id, c.name) for c in communities],
        grids=grids,
        workers=services.grid_workers(grid.id for grid in grids),
        grants={
            (grant.user_id, grant.grid_id): grant.id
            for grant in db.session.scalars(
                db.select(RoleGrant).where(
                    RoleGrant.role == Role.GRID_WORKER,
                    RoleGrant.grid_id.in_([grid.id for grid in grids]),
                )
            )
        },
        query=query,
        found=found,
        grid_choices=[(grid.id, f"{grid.community.name} · {grid.name}") for grid in grids],
        guides=guide_choices(actor),
    ), (form.status if form else 200)


def guide_choices(actor) -> dict[int, list[tuple[int, str]]]:
    """Per community, its active party members who may guide a grid (党建指导员)."""
    members = db.session.scalars(members_query(actor, status=MemberStatus.ACTIVE))
    choices: dict[int, list[tuple[int, str]]] = {}
    for member in members:
        if not member.is_volunteer:
            choices.setdefault(member.community_id, []).append((member.id, member.display_name))
    return choices


@bp.route("/grids")
@login_required
def grids():
    """The grids of my communities with their workers; find a resident to make one."""
    return render_grids(desk_actor())


@bp.route("/grids", methods=["POST"])
@login_required
def create_grid():
    actor = desk_actor()
    communities = {c.id: c for c in managed_communities(actor)}

    def perform(form):
        data = form.load(GridSchema(), "name", "boundary")
        chosen = form.get("community_id") or ""
        if len(communities) == 1:
            chosen = str(next(iter(communities)))
        community = communities.get(int(chosen)) if chosen.isdigit() else None
        if community is None:
            raise Invalid("community_id", _l("Choose the community."))
        return services.create_grid(actor, community, **data)

    return act(
        perform,
        done=lambda grid: _("Grid %(name)s is added.", name=grid.name),
        then=url_for(".grids"),
        again=lambda form: render_grids(actor, form),
    )


@bp.route("/grids/<id:grid_id>/guide", methods=["POST"])
@login_required
def set_guide(grid_id):
    """Mark a member of the community as the grid's 党建指导员 (none: nobody)."""
    actor = desk_actor()

    def perform(form):
        chosen = form.get("guide_member_id") or ""
        services.update_grid(
            actor, grid_id, guide_member_id=int(chosen) if chosen.isdigit() else None
        )

    return act(perform, done=_("The grid's party guide is saved."), then=url_for(".grids"))


@bp.route("/grids/workers", methods=["POST"])
@login_required
def add_worker():
    """Make the resident found the grid worker of the grid chosen."""
    actor = desk_actor()

    def perform(form):
        data = form.load(
            GrantSchema(),
            "user_id",
            "grid_id",
            coerce={"user_id": int, "grid_id": int},
            role=Role.GRID_WORKER.value,
        )
        grant_services.grant_role(actor, **data)

    return act(
        perform,
        done=_("The grid worker is added."),
        then=url_for(".grids"),
        again=lambda form: render_grids(actor, form),
        refusals_on_page=True,
    )


@bp.route("/grids/workers/<id:grant_id>/revoke", methods=["POST"])
@login_required
def revoke_worker(grant_id):
    actor = desk_actor()
    return act(
        lambda _form: grant_services.revoke_grant(actor, grant_id),
        done=_("The grid worker is removed."),
        then=url_for(".grids"),
    )
