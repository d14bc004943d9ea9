"""/orders: post, list, follow, and every action of the 三单 lifecycle."""

import io

from flask import Response, jsonify, make_response, request, send_file

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.db import commit_keeping_objects, lock_at_first_write
from volunteer.dumping import dumped, plain_dump
from volunteer.extensions import db
from volunteer.notifications.schemas import FollowUpDoneSchema, FollowUpSchema
from volunteer.orders import (
    appointments,
    bulk,
    closing,
    creation,
    duplicates,
    follow_ups,
    following,
    idempotency,
    photos,
    triage,
    voice,
    work,
)
from volunteer.orders.presenter import present, present_photo, present_voice_note
from volunteer.orders.queries import filtered_count, listed_page
from volunteer.orders.reading import read_order, read_orders, read_page
from volunteer.orders.schemas import (
    AcceptSchema,
    AppointmentSchema,
    BulkResultSchema,
    BulkSchema,
    CancelSchema,
    CompleteSchema,
    DispatchSchema,
    EmptySchema,
    FollowSchema,
    MergeSchema,
    OrderCreateSchema,
    OrderDetailSchema,
    OrderQuerySchema,
    OrderSchema,
    PhotoSchema,
    PhotoUploadSchema,
    RateSchema,
    ReasonSchema,
    ReportedQuerySchema,
    ReportedSchema,
    SimilarSchema,
    VoiceNoteSchema,
    VoiceUploadSchema,
)
from volunteer.orders.search import listed_ids
from volunteer.pagination import paginate_ids

# The two hottest reads skip marshmallow's walk of every field (volunteer/dumping.py).
DETAILED = plain_dump(OrderDetailSchema())
LISTED = plain_dump(OrderSchema(many=True))

blp = Blueprint("orders", __name__, url_prefix="/api/v1", description="Orders (点单·派单·接单)")


@blp.route("/orders", methods=["POST"])
@lock_at_first_write  # reads: caller, community, grid, dispatch rule, an idempotent replay
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
    if key is None:  # else the key is remembered with the order, in one transaction
        commit_keeping_objects(db.session())
    body = DETAILED(present(order, actor, with_events=True))
    if key is not None:
        idempotency.remember(actor.id, key, body_fingerprint, 201, body)
    return make_response(jsonify(body), 201)


@blp.route("/orders")
@blp.arguments(OrderQuerySchema, location="query")
@blp.response(200, OrderSchema(many=True))
@blp.paginate()
def list_orders(args, pagination_parameters):
    """Orders in the caller's scope, filtered (`q`: text in title, description, address),
    newest first unless `sort` says otherwise."""
    actor = require_actor()
    ids = listed_ids(actor, args)
    if ids is not None:  # a text query: the page and its total from the search index alone
        orders = paginate_ids(ids, read_orders, pagination_parameters)
    else:
        count = filtered_count(actor, args)
        first = pagination_parameters.page * pagination_parameters.page_size
        orders = read_page(listed_page(actor, args), pagination_parameters, count, first=first)
    return dumped(LISTED, [present(order, actor) for order in orders])


@blp.route("/orders/bulk", methods=["POST"])
@blp.arguments(BulkSchema)
@blp.response(200, BulkResultSchema)
def bulk_orders(data):
    """Accept, dispatch (to a team or the pool) or reject up to 100 orders (secretary, street
    admin): each on its own, a refused one changes nothing and does not stop the others."""
    return bulk.act_on_orders(require_actor(), **data)


@blp.route("/orders/<id:order_id>")
@blp.response(200, OrderDetailSchema)
def get_order(order_id):
    """One order with its timeline (全程跟踪)."""
    actor = require_actor()
    return dumped(DETAILED, present(read_order(actor, order_id), actor, with_events=True))


@blp.route("/orders/<id:order_id>/similar")
@blp.response(200, SimilarSchema(many=True))
def similar_orders(order_id):
    """Open orders of the same community likely to be the same request, best first, with a
    score from 0 to 1 (secretary, street admin)."""
    return duplicates.similar_orders(require_actor(), order_id)


@blp.route("/orders/similar")
@blp.arguments(ReportedQuerySchema, location="query")
@blp.response(200, ReportedSchema(many=True))
def already_reported(args):
    """Before posting: neighbours' open requests of the resident's community that look the
    same (这件事邻居已经反映过了), titles only; follow one instead of posting it again."""
    actor = require_actor()
    community = creation.posting_community(actor, args.get("community_id"), proxy=False)
    text = duplicates.Text(args["title"], args["description"], args.get("category"))
    return duplicates.already_reported(actor, community.id, text)


@blp.route("/orders/<id:order_id>/follow", methods=["POST"])
@blp.response(200, FollowSchema)
def follow_order(order_id):
    """Follow a neighbour's open request of one's community (关注): its notifications come
    to the caller, who sees it with the contact data masked."""
    order = following.follow_order(require_actor(), order_id)
    return {"order_id": order.id, "following": True}


@blp.route("/orders/<id:order_id>/follow", methods=["DELETE"])
@blp.response(204)
def unfollow_order(order_id):
    """Stop following."""
    following.unfollow_order(require_actor(), order_id)


def action(name, schema, service, summary, body_required=True, endpoint=None):
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
        endpoint=endpoint or f"{name}_order",
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
action(
    "appointment/confirm",
    EmptySchema,
    appointments.confirm_appointment,
    "Confirm the resident's appointment (the claimer).",
    False,
    endpoint="confirm_appointment",
)
action(
    "appointment/propose",
    AppointmentSchema,
    appointments.propose_appointment,
    "Propose another half-day (the claimer); the resident accepts it or not.",
    endpoint="propose_appointment",
)
action(
    "appointment/accept",
    EmptySchema,
    appointments.accept_proposal,
    "Accept the claimer's proposed half-day (the resident).",
    False,
    endpoint="accept_appointment",
)


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
    stream, content_type = photos.read_photo(require_actor(), order_id, photo_id)
    # Streamed from the storage (a bucket, say) without holding the file in memory.
    response = Response(stream.chunks, content_type=content_type, direct_passthrough=True)
    response.content_length = stream.size
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@blp.route("/orders/<id:order_id>/voice", methods=["POST"])
@blp.arguments(VoiceUploadSchema, location="files")
@blp.response(201, VoiceNoteSchema)
def add_voice_note(files, order_id):
    """Attach a voice note (multipart field `file`): WebM/Opus, Ogg, MP4/AAC, MP3 or WAV,
    recognised by content, at most 2 MB and 120 s (the resident, or who filed it for them)."""
    note = voice.add_voice_note(require_actor(), order_id, files["file"].read())
    return present_voice_note(note)


@blp.route("/orders/<id:order_id>/voice/<id:voice_id>")
@blp.response(200, {"format": "binary", "type": "string"}, content_type="audio/webm")
def get_voice_note(order_id, voice_id):
    """The recording, for those who may see the order (byte ranges, for Safari's player)."""
    data, content_type = voice.read_voice_note(require_actor(), order_id, voice_id)
    response = send_file(io.BytesIO(data), mimetype=content_type, conditional=True)
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@blp.route("/follow-ups/<id:follow_up_id>/done", methods=["POST"])
@blp.arguments(FollowUpDoneSchema)
@blp.response(200, FollowUpSchema)
def finish_follow_up(data, follow_up_id):
    """Record the call-back (回访) after a low rating: `resolved`, `unreachable`, or `rework`,
    which sends the order back to be dispatched again (secretary, street admin)."""
    return follow_ups.finish_follow_up(require_actor(), follow_up_id, **data)
