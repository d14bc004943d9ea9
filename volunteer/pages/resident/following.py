"""Following a neighbour's request (关注) instead of posting it again: the hint while posting
(这件事邻居已经反映过了, js/reported.js asks `reported`), follow and unfollow. The services are
the API's (orders/following.py, orders/duplicates.py)."""

from flask import jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from marshmallow import ValidationError

from volunteer.auth.access import require_actor
from volunteer.errors import DomainError
from volunteer.orders import creation, duplicates, following
from volunteer.orders.schemas import ReportedQuerySchema
from volunteer.pages.actions import act
from volunteer.pages.resident.blueprint import bp


@bp.route("/my/orders/similar")
@login_required
def reported():
    """Neighbours' open requests like the one being typed (titles only), as JSON."""
    actor = require_actor()
    try:
        args = ReportedQuerySchema().load(request.args)
        community = creation.posting_community(actor, args.get("community_id"), proxy=False)
    except (ValidationError, DomainError):
        return jsonify([])
    text = duplicates.Text(args["title"], args["description"], args.get("category"))
    return jsonify(duplicates.already_reported(actor, community.id, text))


@bp.route("/my/orders/<id:order_id>/follow", methods=["POST"])
@login_required
def follow(order_id):
    """Follow the neighbour's request; its page opens (contact data masked)."""
    actor = require_actor()
    return act(
        lambda form: following.follow_order(actor, order_id),
        done=_("You follow this request now: you hear of every step."),
        then=url_for(".order", order_id=order_id),
        code=303,
    )


@bp.route("/my/orders/<id:order_id>/unfollow", methods=["POST"])
@login_required
def unfollow(order_id):
    actor = require_actor()
    return act(
        lambda form: following.unfollow_order(actor, order_id),
        done=_("You no longer follow this request."),
        then=url_for(".orders"),
        code=303,
    )
