"""Notifications and follow-ups on the wire."""

from marshmallow import fields, validate

from volunteer.notifications.models import Outcome
from volunteer.schemas import QuerySchema, Schema, text


class NotificationSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    order_id = fields.Integer(allow_none=True)
    message = fields.String()
    created_at = fields.AwareDateTime()
    read_at = fields.AwareDateTime(allow_none=True)


class NotificationQuerySchema(QuerySchema):
    unread = fields.Boolean()


class FollowUpSchema(Schema):
    id = fields.Integer()
    order_id = fields.Integer()
    community_id = fields.Integer()
    created_at = fields.AwareDateTime()
    done_at = fields.AwareDateTime(allow_none=True)
    outcome = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class FollowUpQuerySchema(QuerySchema):
    done = fields.Boolean()


class FollowUpDoneSchema(Schema):
    outcome = fields.String(required=True, validate=validate.OneOf([o.value for o in Outcome]))
    note = text(1, 1000, required=True)
