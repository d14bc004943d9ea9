"""Pairings on the wire: the household's contact is private like an order's."""

from marshmallow import fields, validate

from volunteer.schemas import MobilePhone, QuerySchema, Schema, ident, text


class PairingSchema(Schema):
    id = fields.Integer(dump_only=True)
    community_id = fields.Integer(dump_only=True)
    member_id = ident(load_default=None)
    volunteer_id = ident(load_default=None, load_only=True)
    paired_name = fields.String(dump_only=True, attribute="member.display_name")
    paired_is_volunteer = fields.Boolean(dump_only=True, attribute="member.is_volunteer")
    household_name = text(1, 60, required=True)
    address = text(1, 200, required=True)
    phone = MobilePhone(required=True)
    visit_every_days = fields.Integer(required=True, strict=True, validate=validate.Range(1, 365))
    starts_on = fields.Date(dump_only=True)
    active = fields.Boolean(dump_only=True)
    visit_order_ids = fields.List(fields.Integer(), dump_only=True)


class PairingQuerySchema(QuerySchema):
    community_id = ident(strict=False)
