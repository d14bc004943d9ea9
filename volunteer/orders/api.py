"""/orders: post, list, follow, and every action of the 三单 lifecycle."""

from flask import jsonify, make_response, request

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.notifications.schemas import FollowUpDoneSchema, FollowUpSchema
from volunteer.orders import closing, creation, follow_ups, idempotency, photos, triage, work
from volunteer.orders.access import PRESENTED, access_order
from volunteer.orders.models import Order
from volunteer.orders.presenter import present, present_photo
from volunteer.orders.queries import filtered_orders
from volunteer.orders.schemas import (
    AcceptSchema,
    CancelSchema,
    CompleteSchema,
    DispatchSchema,
    EmptySchema,
    MergeSchema,
    OrderCreateSchema,
    OrderDetailSchema,
    OrderQuerySchema,
    OrderSchema,
    PhotoSchema,
    PhotoUploadSchema,
    RateSchema,
    ReasonSchema,
)
from volunteer.pagination import paginate

blp = Blueprint("orders", __name__, url_prefix="/api/v1", description="Orders (点单·派单·接单)")


@blp.route("/orders", methods=["POST"])
@blp.arguments(OrderCreateSchema)
@blp.response(201, OrderDetailSchema)
@blp.doc(
    parameters=[
        {
            "in": "header",
            "name": "Idempotency-Key",
            "schema": {"type": "string", "maxLength": 100},
            "required": False,
        }
    ]
)
def create_order(data):
    """Post a wish or a need (a secretary may post for a resident: on_behalf_of)."""
    actor = require_actor()
    key = request.headers.get("Idempotency-Key")
    if key is not None:
        key = idempotency.check_key(key)
        body_fingerprint = idempotency.fingerprint(request.get_json())
        first = idempotency.replay(actor.id, key, body_fingerprint)
        if first is not None:
            return make_response(jsonify(first.body), first.status_code)
    order = creation.create_order(actor, **data)
    body = present(order, actor, with_events=True)
    if key is not None:
        idempotency.remember(actor.id, key, body_fingerprint, 201, OrderDetailSchema().dump(body))
    return body


@blp.route("/orders")
@blp.arguments(OrderQuerySchema, location="query")
@blp.response(200, OrderSchema(many=True))
@blp.paginate()
def list_orders(args, pagination_parameters):
    """Orders in the caller's scope, newest first, filtered."""
    actor = require_actor()
    select = filtered_orders(actor, args).order_by(Order.id.desc()).options(*PRESENTED)
    return [present(order, actor) for order in paginate(select, pagination_parameters)]


@blp.route("/orders/<id:order_id>")
@blp.response(200, OrderDetailSchema)
def get_order(order_id):
    """One order with its timeline (全程跟踪)."""
    actor = require_actor()
    return present(access_order(actor, order_id), actor, with_events=True)


def action(name, schema, service, summary, body_required=True):
    """Register POST /orders/{id}/<name>: parse, call one service, answer the order."""

    def view(data, order_id):
        actor = require_actor()
        order = service(actor, order_id, **(data or {}))
        return present(order, actor, with_events=True)

    view.__doc__ = summary
    view = blp.response(200, OrderDetailSchema)(view)
    view = blp.arguments(schema, required=body_required)(view)
    blp.route(
        f"/orders/<id:order_id>/{name}",
        methods=["POST"],
        endpoint=f"{name}_order",
    )(view)


action("accept", AcceptSchema, triage.accept_order, "Accept a submitted order (secretary).", False)
action("reject", ReasonSchema, triage.reject_order, "Reject with a reason (secretary).")
action("merge", MergeSchema, triage.merge_order, "Merge into another open order (secretary).")
action("dispatch", DispatchSchema, triage.dispatch_order, "Offer to a team, member or pool.")
action("escalate", ReasonSchema, triage.escalate_order, "Escalate to the street (secretary).")
action("claim", EmptySchema, work.claim_order, "Claim the order (eligible active member).", False)
action("decline", ReasonSchema, work.decline_order, "Decline a direct offer (that member).")
action("release", ReasonSchema, work.release_order, "Give the order back (claimer, secretary).")
action("complete", CompleteSchema, work.complete_order, "Log the finished work (claimer).")
action("rate", RateSchema, closing.rate_order, "Rate the result, closing it (owner).")
action("reopen", ReasonSchema, closing.reopen_order, "Reopen within the window (owner).")
action("cancel", CancelSchema, closing.cancel_order, "Cancel the order (owner).", False)


@blp.route("/orders/<id:order_id>/photos", methods=["POST"])
@blp.arguments(PhotoUploadSchema, location="files")
@blp.response(201, PhotoSchema)
def add_photo(files, order_id):
    """Attach a photo (multipart field `photo`): JPEG, PNG or WebP, at most 5 MB."""
    actor = require_actor()
    photo = photos.add_photo(actor, order_id, files["photo"].read())
    return present_photo(photo)


@blp.route("/orders/<id:order_id>/photos/<id:photo_id>")
@blp.response(200, {"format": "binary", "type": "string"}, content_type="image/jpeg")
def get_photo(order_id, photo_id):
    """The photo itself, for those who may see the order."""
    data, content_type = photos.read_photo(require_actor(), order_id, photo_id)
    response = make_response(data)
    response.headers["Content-Type"] = content_type
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@blp.route("/follow-ups/<id:follow_up_id>/done", methods=["POST"])
@blp.arguments(FollowUpDoneSchema)
@blp.response(200, FollowUpSchema)
def finish_follow_up(data, follow_up_id):
    """Record the call-back (回访) after a low rating: `resolved`, `unreachable`, or `rework`,
    which sends the order back to be dispatched again (secretary, street admin)."""
    return follow_ups.finish_follow_up(require_actor(), follow_up_id, **data)
