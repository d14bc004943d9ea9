"""Orders on the wire: what may be posted, each action's body, and the order object."""

from decimal import Decimal

from flask_smorest.fields import Upload
from marshmallow import ValidationError, fields, post_load, validate, validates, validates_schema

from volunteer.i18n import Message
from volunteer.orders.models import HALF_DAYS, KINDS, URGENCIES
from volunteer.orders.queries import SORTS
from volunteer.orders.states import OrderStatus
from volunteer.schemas import MobilePhone, QuerySchema, Schema, ident, text
from volunteer.teams.models import CATEGORIES


class OnBehalfSchema(Schema):
    name = text(1, 60, required=True)
    phone = MobilePhone(required=True)


class AppointmentSchema(Schema):
    """预约服务: a day and a half-day (上午 am / 下午 pm)."""

    date = fields.Date(required=True)
    half_day = fields.String(required=True, validate=validate.OneOf(HALF_DAYS))


class AppointmentOutSchema(Schema):
    date = fields.Date()
    half_day = fields.String()
    confirmed_at = fields.AwareDateTime(allow_none=True)
    proposed = fields.Nested(AppointmentSchema, allow_none=True)
    missed = fields.Boolean()


class OrderCreateSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    title = text(1, 60, required=True)
    description = text(1, 2000, required=True)
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    community_id = ident(allow_none=True)
    grid_id = ident(allow_none=True, metadata={"description": "one of the community's grids"})
    grid = text(1, 40, allow_none=True, metadata={"description": "or the grid's name"})
    address = text(0, 200, allow_none=True)
    contact_phone = MobilePhone(allow_none=True)
    urgency = fields.String(validate=validate.OneOf(URGENCIES), load_default="normal")
    preferred_time = text(0, 100, allow_none=True)
    on_behalf_of = fields.Nested(OnBehalfSchema, allow_none=True)
    appointment = fields.Nested(AppointmentSchema, allow_none=True)


class EmptySchema(Schema):
    """An action that takes no body (an empty object is fine)."""


class AcceptSchema(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    urgency = fields.String(validate=validate.OneOf(URGENCIES))


class ReasonSchema(Schema):
    reason = text(1, 500, required=True)


class CancelSchema(Schema):
    reason = text(0, 500, allow_none=True)


class MergeSchema(Schema):
    into_order_id = ident(required=True)


class DispatchSchema(Schema):
    team_id = ident()
    member_id = ident()
    pool = fields.Boolean(truthy={True}, falsy={False})
    due_at = fields.AwareDateTime()

    @validates_schema
    def exactly_one_target(self, data, **kwargs):
        targets = [k for k in ("team_id", "member_id") if data.get(k) is not None]
        if data.get("pool"):
            targets.append("pool")
        if len(targets) != 1:
            raise ValidationError(
                Message("Give exactly one of team_id, member_id or pool: true."), "_schema"
            )


class CompleteSchema(Schema):
    note = text(1, 1000, required=True)
    hours = fields.Float(required=True, validate=validate.Range(0.5, 8))

    @validates("hours")
    def half_hour_steps(self, value, **kwargs):
        if (value * 2) % 1:  # 0.5 steps are exact in binary floating point
            raise ValidationError(Message("Hours are counted in steps of 0.5."))

    @post_load
    def as_decimal(self, data, **kwargs):
        data["hours"] = Decimal(str(data["hours"]))
        return data


class RateSchema(Schema):
    score = fields.Integer(required=True, strict=True, validate=validate.Range(1, 5))
    comment = text(0, 500, allow_none=True)


class OrderQuerySchema(QuerySchema):
    status = fields.List(fields.String(validate=validate.OneOf([s.value for s in OrderStatus])))
    kind = fields.String(validate=validate.OneOf(KINDS))
    community_id = ident(strict=False)
    team_id = ident(strict=False)
    overdue = fields.Boolean()
    mine = fields.Boolean()
    q = text(1, 100)
    grid = text(1, 40)
    grid_id = ident(strict=False)
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    urgency = fields.String(validate=validate.OneOf(URGENCIES))
    sort = fields.String(validate=validate.OneOf(SORTS))


class BulkSchema(Schema):
    """POST /orders/bulk: one action for up to 100 orders."""

    action = fields.String(required=True, validate=validate.OneOf(("accept", "dispatch", "reject")))
    order_ids = fields.List(ident(), required=True, validate=validate.Length(1, 100))
    team_id = ident(allow_none=True)
    pool = fields.Boolean(truthy={True}, falsy={False})
    reason = text(1, 500, allow_none=True)

    @validates_schema
    def what_the_action_needs(self, data, **kwargs):
        if data.get("action") == "dispatch":
            if (data.get("team_id") is not None) == bool(data.get("pool")):
                raise ValidationError(
                    Message("Give exactly one of team_id or pool: true."), "_schema"
                )
        elif data.get("action") == "reject" and not data.get("reason"):
            raise ValidationError(Message("A reason is needed to reject."), "reason")


class RefusalSchema(Schema):
    order_id = fields.Integer()
    code = fields.Integer()
    message = fields.String()


class BulkResultSchema(Schema):
    done = fields.List(fields.Integer())
    refused = fields.List(fields.Nested(RefusalSchema))


class ActorSchema(Schema):
    id = fields.Integer()
    display_name = fields.String()


class EventSchema(Schema):
    at = fields.AwareDateTime()
    actor = fields.Nested(ActorSchema, allow_none=True)
    action = fields.String()
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    note = fields.String(allow_none=True)


class DispatchOutSchema(Schema):
    team_id = fields.Integer(allow_none=True)
    member_id = fields.Integer(allow_none=True)
    pool = fields.Boolean()


class ClaimedBySchema(Schema):
    member_id = fields.Integer()
    display_name = fields.String()


class CompletionSchema(Schema):
    note = fields.String()
    hours = fields.Float()
    at = fields.AwareDateTime()


class RatingSchema(Schema):
    score = fields.Integer()
    comment = fields.String(allow_none=True)
    at = fields.AwareDateTime()


class ContactSchema(Schema):
    name = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    masked = fields.Boolean()


class PhotoSchema(Schema):
    id = fields.Integer()
    stage = fields.String()
    url = fields.String()
    content_type = fields.String()
    width = fields.Integer()
    height = fields.Integer()


class PhotoUploadSchema(QuerySchema):
    photo = Upload(required=True)


class VoiceNoteSchema(Schema):
    id = fields.Integer()
    seconds = fields.Float()
    url = fields.String()
    content_type = fields.String()


class VoiceUploadSchema(QuerySchema):
    file = Upload(required=True)


class OrderSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    title = fields.String()
    description = fields.String()
    category = fields.String()
    community_id = fields.Integer()
    grid_id = fields.Integer(allow_none=True)
    grid = fields.String(allow_none=True)
    urgency = fields.String()
    preferred_time = fields.String(allow_none=True)
    status = fields.String()
    close_reason = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    dispatched_at = fields.AwareDateTime(allow_none=True)
    due_at = fields.AwareDateTime(allow_none=True)
    overdue = fields.Boolean()
    first_contact_id = fields.Integer(
        allow_none=True, metadata={"description": "首问责任人: the grid worker who filed it"}
    )
    first_contact = fields.Dict(allow_none=True, metadata={"description": "on one order"})
    on_behalf = fields.Boolean()
    merged_into_id = fields.Integer(allow_none=True)
    dispatch = fields.Nested(DispatchOutSchema)
    claimed_by = fields.Nested(ClaimedBySchema, allow_none=True)
    completion = fields.Nested(CompletionSchema, allow_none=True)
    rating = fields.Nested(RatingSchema, allow_none=True)
    contact = fields.Nested(ContactSchema)
    photos = fields.List(fields.Nested(PhotoSchema))
    appointment = fields.Nested(AppointmentOutSchema, allow_none=True)
    rework_count = fields.Integer()
    version = fields.Integer()


class OrderDetailSchema(OrderSchema):
    events = fields.List(fields.Nested(EventSchema))
    voice_notes = fields.List(fields.Nested(VoiceNoteSchema))


class SimilarSchema(Schema):
    """A likely duplicate (GET /orders/{id}/similar), best first."""

    order_id = fields.Integer()
    title = fields.String()
    score = fields.Float()


class ReportedQuerySchema(QuerySchema):
    """What a resident is about to post, to look for the same request (GET /orders/similar)."""

    community_id = ident(strict=False)
    title = text(1, 60, required=True)
    description = text(0, 2000, load_default="")
    category = fields.String(validate=validate.OneOf(CATEGORIES))


class ReportedSchema(Schema):
    """A neighbour's open request that looks the same: its title only (这件事邻居已经反映过了)."""

    order_id = fields.Integer()
    title = fields.String()
    following = fields.Boolean()


class FollowSchema(Schema):
    order_id = fields.Integer()
    following = fields.Boolean()
