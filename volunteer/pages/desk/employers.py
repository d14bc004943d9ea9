"""Employers members named at the report-in because they were not listed: the street admin
adds each (the list is on the street's queue, 街道待办)."""

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.organisations.schemas import EmployerSchema
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.people import employer_requests

bp = Blueprint("employer_requests", __name__, url_prefix="/desk/employer-requests")


@bp.route("/<id:request_id>/add", methods=["POST"])
@login_required
def add(request_id):
    """Add the employer (its name as the member wrote it, or corrected) with its party
    organisation; the member's report-in gets it."""
    actor = require_actor()
    request = employer_requests.open_request(actor, request_id)

    def perform(form: Form):
        data = form.load(EmployerSchema(only=("name", "party_org_name")), "name", "party_org_name")
        return employer_requests.add_requested_employer(actor, request.id, **data)

    return act(
        perform,
        done=lambda done: _("Employer %(name)s is added.", name=done.employer.name),
        then=url_for("desk.escalated") + "#employer-requests",
        again=lambda form: (
            render_template("pages/desk/employer_request.html", request=request, form=form),
            422,
        ),
    )
