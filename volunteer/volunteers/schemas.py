"""Resident volunteers on the wire."""

from marshmallow import fields, validate

from volunteer.people.models import MEMBER_STATUSES
from volunteer.schemas import MobilePhone, QuerySchema, Schema, ident, text


class VolunteerSchema(Schema):
    id = fields.Integer(dump_only=True)
    user_id = fields.Integer(dump_only=True)
    display_name = fields.String(dump_only=True)
    community_id = ident(required=True)
    phone = MobilePhone(required=True)
    skills = fields.List(text(1, 20), validate=validate.Length(max=20), load_default=list)
    consent_contact = fields.Boolean(
        load_default=False,
        truthy={True},
        falsy={False},
        metadata={"description": "May a paired household's contact card show the phone?"},
    )
    status = fields.String(dump_only=True)
    applied_at = fields.AwareDateTime(dump_only=True, attribute="reported_at")
    confirmed_at = fields.AwareDateTime(dump_only=True, allow_none=True)


class VolunteerQuerySchema(QuerySchema):
    community_id = ident(strict=False)
    status = fields.String(validate=validate.OneOf(MEMBER_STATUSES))
