"""The desk's reset codes (重置码): the secretary (street admin, admin) finds a resident of
their communities by name or mobile number and issues a one-time code for a forgotten
password, shown once on the page."""

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from volunteer.auth import recovery
from volunteer.auth.access import require_actor
from volunteer.auth.communities import managed_communities
from volunteer.errors import Forbidden

bp = Blueprint("desk_accounts", __name__, url_prefix="/desk")


def desk_actor():
    """The caller, when they manage a community (else 403)."""
    actor = require_actor()
    if not managed_communities(actor):
        raise Forbidden(_l("Only a community's secretary may do this."))
    return actor


@bp.route("/reset-codes")
@login_required
def reset_codes():
    """Find a resident by name or mobile number."""
    actor = desk_actor()
    query = request.args.get("q", "").strip()[:60]
    found = recovery.resettable_users(actor, query) if query else []
    return render_template(
        "pages/desk/reset_codes.html",
        query=query,
        found=found,
        issued=None,
        community_names={c.id: c.name for c in managed_communities(actor)},
    )


@bp.route("/users/<id:user_id>/reset-code", methods=["POST"])
@login_required
def issue_reset_code(user_id):
    """Issue a code and show it, once (the browser does not keep the page); 404 outside the
    caller's communities, 403 for an account only an administrator resets."""
    code, reset_code = recovery.issue_code(desk_actor(), user_id)
    page = render_template(
        "pages/desk/reset_codes.html",
        query="",
        found=[],
        community_names={},
        issued={"code": code, "user": reset_code.user, "expires_at": reset_code.expires_at},
    )
    return page, 200, {"Cache-Control": "no-store"}
