"""The operator's pages: streets, communities and employers, and role grants."""

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth import grants as grant_services
from volunteer.auth.access import require_actor, require_admin
from volunteer.auth.roles import GRANTABLE, Role
from volunteer.auth.schemas import GrantSchema
from volunteer.district import services
from volunteer.organisations.schemas import CommunitySchema, EmployerSchema, StreetSchema
from volunteer.pages.forms import Form, attempt

bp = Blueprint("admin", __name__, url_prefix="/admin")

SCOPES = ("community_id", "street_id", "employer_id")

# Grids and report addresses are typed as one text: commas, 、 or new lines between items.
SEPARATORS = re.compile(r"[,，、;；\s]+")


def items(text: str) -> list[str]:
    return [item for item in SEPARATORS.split(text or "") if item]


# --- streets, communities, employers ----------------------------------------------------


def render_organisations(form=None, section=None):
    """The lists with their create forms; `form` and `section` when one is sent back."""
    form = form or Form({})
    return render_template(
        "pages/admin/organisations.html",
        form=form,
        section=section,
        **services.directory(),
    ), form.status


@bp.route("")
@login_required
def index():
    """The operator's entry: streets, communities and employers, each with a create form."""
    require_admin(require_actor())
    return render_organisations()


def create(section: str, load, service, done: str):
    """Create one thing from the section's form, or show the form again with its errors."""
    actor = require_actor()
    require_admin(actor)
    form = Form()
    with form.handling():
        thing = service(actor, **load(form))
        flash(done % {"name": thing.name})
        return redirect(url_for("admin.index") + f"#{section}")
    return render_organisations(form, section)


@bp.route("/streets", methods=["POST"])
@login_required
def create_street():
    """Create a street."""
    return create(
        "streets",
        lambda form: form.load(StreetSchema(), "name"),
        services.create_street,
        _("Street %(name)s is created."),
    )


@bp.route("/communities", methods=["POST"])
@login_required
def create_community():
    """Create a community (its eight standard teams come with it)."""
    return create(
        "communities",
        lambda form: form.load(
            CommunitySchema(),
            "name",
            "street_id",
            coerce={"street_id": int},
            grids=items(form.get("grids")),
        ),
        services.create_community,
        _("Community %(name)s is created with its eight standard teams."),
    )


@bp.route("/employers", methods=["POST"])
@login_required
def create_employer():
    """Add an employer and the addresses its reports go to."""
    return create(
        "employers",
        lambda form: form.load(
            EmployerSchema(),
            "name",
            "party_org_name",
            report_emails=items(form.get("report_emails")),
        ),
        services.create_employer,
        _("Employer %(name)s is added."),
    )


# --- role grants ------------------------------------------------------------------------


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
    form = Form()
    with form.handling():
        data = form.load(
            GrantSchema(),
            "user_id",
            "role",
            *SCOPES,
            coerce=dict.fromkeys(("user_id", *SCOPES), int),
        )
        grant_services.grant_role(actor, **data)
        flash(_("The role is granted."))
        return redirect(url_for("admin.grants", username=request.args.get("username")))
    return render_grants(actor, form)


@bp.route("/grants/<int(min=1, max=2147483647):grant_id>/revoke", methods=["POST"])
@login_required
def revoke(grant_id):
    """Revoke a grant."""
    actor = require_actor()
    attempt(lambda: grant_services.revoke_grant(actor, grant_id), _("The role is revoked."))
    return redirect(url_for("admin.grants", username=request.args.get("username")))
