"""My pledges (承诺 · 践诺): publish one, mark it fulfilled with a note; shown on my home page."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.member.blueprint import bp
from volunteer.pledges import services
from volunteer.pledges.schemas import FulfilSchema, PledgeCreateSchema


@bp.app_template_global()
def member_pledges() -> list:
    """The signed-in member's pledges, newest first (for the home page's section)."""
    member = require_actor().active_member
    return services.pledges_of_member(member.id) if member is not None else []


@bp.route("/pledges", methods=["POST"])
@login_required
def pledge():
    """承诺: publish my pledge."""

    def perform(form: Form):
        data = form.load(PledgeCreateSchema(), "text", "due_on")
        return services.publish_pledge(require_actor(), **data)

    return act(perform, done=_("Pledge published."), then=url_for("member.home"))


@bp.route("/pledges/<id:pledge_id>/fulfil", methods=["POST"])
@login_required
def fulfil(pledge_id):
    """践诺: mark my pledge fulfilled."""

    def perform(form: Form):
        data = form.load(FulfilSchema(), "note")
        return services.fulfil_pledge(require_actor(), pledge_id, **data)

    return act(perform, done=_("Marked fulfilled."), then=url_for("member.home"))
