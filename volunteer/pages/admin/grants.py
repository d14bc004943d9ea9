"""The operator's role grants: find a user, see their roles, grant one over its scope, revoke."""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth import grants as grant_services
from volunteer.auth.access import require_actor, require_admin
from volunteer.auth.roles import GRANTABLE, Role
from volunteer.auth.schemas import GrantSchema
from volunteer.district import services
from volunteer.pages.actions import act
from volunteer.pages.admin.blueprint import bp
from volunteer.pages.forms import Form

SCOPES = ("community_id", "street_id", "employer_id")


def render_grants(actor, form=None):
    """A user's grants (looked up by `?username=`) and the form to grant another role."""
    lookup = Form(request.args)
    user = None
    if lookup.get("username"):
        with lookup.handling():
            user = grant_services.find_user(actor, lookup.get("username"))
    form = form or Form({})
    places = services.directory()
    return render_template(
        "pages/admin/grants.html",
        lookup=lookup,
        user=user,
        form=form,
        role_names=Role.labels(),
        role_choices=[(role.value, str(role.label)) for role in GRANTABLE],
        **places,
        community_choices=[(c.id, f"{c.name}（{c.street.name}）") for c in places["communities"]],
        street_choices=[(street.id, street.name) for street in places["streets"]],
        employer_choices=[(employer.id, employer.name) for employer in places["employers"]],
    ), max(form.status, 422 if lookup.errors else 200)


@bp.route("/grants")
@login_required
def grants():
    """Find a user by username; their roles; grant or revoke."""
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
        then=url_for("admin.grants", username=request.args.get("username")),
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
        then=url_for("admin.grants", username=request.args.get("username")),
    )
