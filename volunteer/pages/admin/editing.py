"""The operator edits a street, a community or an employer (report addresses included), or
retires it: a retired one is no longer offered as a choice but keeps its history."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from volunteer.auth.access import require_actor, require_admin
from volunteer.district import services
from volunteer.organisations.models import Community, Employer, Street
from volunteer.organisations.schemas import (
    CommunityPatchSchema,
    EmployerPatchSchema,
    StreetPatchSchema,
)
from volunteer.pages.actions import act
from volunteer.pages.admin.blueprint import bp
from volunteer.pages.admin.organisations import items
from volunteer.pages.forms import Form

# What each kind's page edits: its model, its schema, its fields, its service.
KINDS = {
    "streets": (Street, StreetPatchSchema, ("name",), services.update_street),
    "communities": (Community, CommunityPatchSchema, ("name",), services.update_community),
    "employers": (
        Employer,
        EmployerPatchSchema,
        ("name", "party_org_name", "report_emails"),
        services.update_employer,
    ),
}
MISSING = {
    "streets": _l("No such street."),
    "communities": _l("No such community."),
    "employers": _l("No such employer."),
}


def current_values(thing, fields) -> dict:
    values = {field: getattr(thing, field) for field in fields}
    if "report_emails" in values:
        values["report_emails"] = "\n".join(values["report_emails"])
    return values


def render_edit(kind: str, thing, form: Form | None = None):
    fields = KINDS[kind][2]
    form = form or Form(current_values(thing, fields))
    return render_template(
        "pages/admin/edit.html", kind=kind, thing=thing, fields=fields, form=form
    ), form.status


def load_thing(kind: str, thing_id: int):
    return services.found(KINDS[kind][0], thing_id, MISSING[kind])


@bp.route("/<any(streets, communities, employers):kind>/<id:thing_id>")
@login_required
def edit(kind, thing_id):
    """The form to edit one street, community or employer; its retire (or restore) button."""
    require_admin(require_actor())
    return render_edit(kind, load_thing(kind, thing_id))


@bp.route("/<any(streets, communities, employers):kind>/<id:thing_id>", methods=["POST"])
@login_required
def update(kind, thing_id):
    """Save the edit form."""
    actor = require_actor()
    require_admin(actor)
    thing = load_thing(kind, thing_id)
    _model, schema, fields, service = KINDS[kind]
    text_fields = [field for field in fields if field != "report_emails"]

    def perform(form):
        lists = (
            {"report_emails": items(form.get("report_emails"))} if "report_emails" in fields else {}
        )
        return service(actor, thing_id, **form.load(schema(), *text_fields, **lists))

    return act(
        perform,
        done=lambda saved: _("%(name)s is saved.", name=saved.name),
        then=url_for("admin.index") + f"#{kind}",
        again=lambda form: render_edit(kind, thing, form),
        refusals_on_page=True,
    )


@bp.route(
    "/<any(streets, communities, employers):kind>/<id:thing_id>/<any(retire, restore):change>",
    methods=["POST"],
)
@login_required
def retire(kind, thing_id, change):
    """Retire one (no longer a choice, its history kept), or bring it back into use."""
    actor = require_actor()
    require_admin(actor)
    service = KINDS[kind][3]
    retiring = change == "retire"
    return act(
        lambda _form: service(actor, thing_id, active=not retiring),
        done=lambda saved: (
            _(
                "%(name)s is retired: no longer offered as a choice, its history kept.",
                name=saved.name,
            )
            if retiring
            else _("%(name)s is in use again.", name=saved.name)
        ),
        then=url_for("admin.index") + f"#{kind}",
    )
