"""The operator's role grants: choose a user from a search, see their roles, grant one over
its scope, revoke."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth import accounts
from volunteer.auth import grants as grant_services
from volunteer.auth.access import require_actor, require_admin
from volunteer.auth.roles import GRANTABLE, Role
from volunteer.auth.schemas import GrantSchema
from volunteer.district import grids, services
from volunteer.pages.actions import act
from volunteer.pages.admin.blueprint import bp
from volunteer.pages.forms import Form
from volunteer.pages.paging import page_of
from volunteer.schemas import mask_phone

SCOPES = ("community_id", "street_id", "employer_id", "grid_id")


def render_grants(actor, form=None):
    """Users matching `?q=` to choose from; the chosen one's (`?user_id=`) grants and the form
    to grant another role."""
    q = request.args.get("q", "").strip()[:60]
    found = page_of(accounts.users_query(actor, q), 20) if q else None
    user_id = request.args.get("user_id", type=int)
    user = accounts.access_user(actor, user_id) if user_id else None
    form = form or Form({})
    places = services.directory()
    in_use = {kind: [thing for thing in things if thing.active] for kind, things in places.items()}
    grid_names = {grid.id: f"{grid.community.name} · {grid.name}" for grid in grids.all_grids()}
    return render_template(
        "pages/admin/grants.html",
        q=q,
        found=found,
        mask_phone=mask_phone,
        user=user,
        form=form,
        role_names=Role.labels(),
        role_choices=[(role.value, str(role.label)) for role in GRANTABLE],
        **places,
        community_names={c.id: c.name for c in places["communities"]},
        community_choices=[(c.id, f"{c.name}（{c.street.name}）") for c in in_use["communities"]],
        street_choices=[(street.id, street.name) for street in in_use["streets"]],
        employer_choices=[(employer.id, employer.name) for employer in in_use["employers"]],
        grid_names=grid_names,
        grid_choices=sorted(grid_names.items(), key=lambda item: item[1]),
    ), form.status


@bp.route("/grants")
@login_required
def grants():
    """Find a user by part of the username, name or the phone; their roles; grant or revoke."""
    actor = require_actor()
    require_admin(actor)
    return render_grants(actor)


@bp.route("/grants", methods=["POST"])
@login_required
def grant():
    """Grant a role over its scope."""
    actor = require_actor()
    require_admin(actor)

    def perform(form):
        data = form.load(
            GrantSchema(),
            "user_id",
            "role",
            *SCOPES,
            coerce=dict.fromkeys(("user_id", *SCOPES), int),
        )
        grant_services.grant_role(actor, **data)

    return act(
        perform,
        done=_("The role is granted."),
        then=url_for("admin.grants", user_id=request.args.get("user_id", type=int)),
        again=lambda form: render_grants(actor, form),
        refusals_on_page=True,
    )


@bp.route("/grants/<id:grant_id>/revoke", methods=["POST"])
@login_required
def revoke(grant_id):
    """Revoke a grant."""
    actor = require_actor()
    return act(
        lambda _form: grant_services.revoke_grant(actor, grant_id),
        done=_("The role is revoked."),
        then=url_for("admin.grants", user_id=request.args.get("user_id", type=int)),
    )
