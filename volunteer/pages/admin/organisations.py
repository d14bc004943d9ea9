"""The operator's pages: streets, communities and employers, each with its create form."""

import re

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth.access import require_actor, require_admin
from volunteer.district import services
from volunteer.organisations.schemas import CommunitySchema, EmployerSchema, StreetSchema
from volunteer.pages.actions import act
from volunteer.pages.admin.blueprint import bp
from volunteer.pages.forms import Form

# Grids and report addresses are typed as one text: commas, 、 or new lines between items.
SEPARATORS = re.compile(r"[,，、;；\s]+")


def items(text: str) -> list[str]:
    return [item for item in SEPARATORS.split(text or "") if item]


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
    return act(
        lambda form: service(actor, **load(form)),
        done=lambda thing: done % {"name": thing.name},
        then=url_for("admin.index") + f"#{section}",
        again=lambda form: render_organisations(form, section),
        refusals_on_page=True,
    )


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
