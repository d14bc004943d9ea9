"""The love shop on the wire."""

from flask_smorest.fields import Upload
from marshmallow import fields, validate

from volunteer.love_bank.models import RedemptionStatus
from volunteer.schemas import QuerySchema, Schema, text


class ShopItemSchema(Schema):
    id = fields.Integer(dump_only=True)
    community_id = fields.Integer(dump_only=True)
    name = text(1, 60, required=True)
    points = fields.Integer(required=True, strict=True, validate=validate.Range(1, 100000))
    stock = fields.Integer(required=True, strict=True, validate=validate.Range(0, 100000))
    has_picture = fields.Boolean(dump_only=True)
    active = fields.Boolean(dump_only=True)


class ShopItemUpdateSchema(Schema):
    name = text(1, 60)
    points = fields.Integer(strict=True, validate=validate.Range(1, 100000))
    stock = fields.Integer(strict=True, validate=validate.Range(0, 100000))
    active = fields.Boolean(truthy={True}, falsy={False})


class RedemptionSchema(Schema):
    id = fields.Integer()
    item_id = fields.Integer()
    item_name = fields.String(attribute="item.name")
    community_id = fields.Integer()
    user_id = fields.Integer()
    points = fields.Integer()
    code = fields.String()
    status = fields.String(validate=validate.OneOf(RedemptionStatus))
    created_at = fields.AwareDateTime()
    handed_over_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)


class HandOverSchema(Schema):
    code = text(4, 12, required=True)


class PictureUploadSchema(QuerySchema):
    picture = Upload(required=True)
