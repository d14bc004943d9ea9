"""Certificates on the wire."""

from marshmallow import fields, validate

from volunteer.reports.schemas import day
from volunteer.schemas import QuerySchema, Schema, text


class CertificateInputSchema(Schema):
    start = day(data_key="from", required=True)
    end = day(data_key="to", required=True)


class CertificateSchema(Schema):
    id = fields.Integer()
    member_id = fields.Integer()
    number = fields.String()
    verification_code = fields.String()
    display_name = fields.String()
    issuer = fields.String()
    start = fields.Date(data_key="from", attribute="from")
    end = fields.Date(data_key="to", attribute="to")
    hours = fields.Float()
    order_hours = fields.Float()
    activity_hours = fields.Float()
    orders_completed = fields.Integer()
    activities = fields.Integer()
    issued_at = fields.AwareDateTime()
    status = fields.String(validate=validate.OneOf(["valid", "revoked"]))
    revoked_at = fields.AwareDateTime(allow_none=True)
    revoke_reason = fields.String(allow_none=True)
    verify_url = fields.String()


class VerifyQuerySchema(QuerySchema):
    number = text(1, 30, required=True)
    code = text(1, 16, required=True)


class PeriodSchema(Schema):
    start = fields.Date(data_key="from", attribute="from")
    end = fields.Date(data_key="to", attribute="to")


class VerificationSchema(Schema):
    valid = fields.Boolean()
    status = fields.String()
    number = fields.String()
    display_name = fields.String(metadata={"description": "Masked: 王*明."})
    hours = fields.Float()
    order_hours = fields.Float()
    activity_hours = fields.Float()
    orders_completed = fields.Integer()
    activities = fields.Integer()
    period = fields.Nested(PeriodSchema)
    issuer = fields.String()
    issued_on = fields.Date()
    revoked_at = fields.AwareDateTime(allow_none=True)


class RevokeInputSchema(Schema):
    reason = text(1, 200, required=True)
