"""Activities, sign-ups and attendance on the wire."""

from marshmallow import fields, validate, validates_schema
from marshmallow.exceptions import ValidationError

from volunteer.i18n import Message
from volunteer.schemas import QuerySchema, Schema, ident, text


class ActivityInputSchema(Schema):
    community_id = ident(required=True)
    title = text(1, 100, required=True)
    description = text(0, 2000, load_default="")
    place = text(1, 100, required=True)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    capacity = fields.Integer(required=True, strict=True, validate=validate.Range(1, 1000))


class SignupSchema(Schema):
    member_id = fields.Integer()
    display_name = fields.String()
    by_roll_call = fields.Boolean()
    checked_in_at = fields.AwareDateTime(allow_none=True)
    checked_out_at = fields.AwareDateTime(allow_none=True)
    hours = fields.Float(allow_none=True)


class ActivitySchema(Schema):
    id = fields.Integer()
    community_id = fields.Integer()
    community_name = fields.String()
    title = fields.String()
    description = fields.String()
    place = fields.String()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    capacity = fields.Integer()
    signed_up = fields.Integer()
    status = fields.String()
    closed_at = fields.AwareDateTime(allow_none=True)
    me = fields.Nested(SignupSchema, allow_none=True, metadata={"description": "Your place."})
    signups = fields.List(
        fields.Nested(SignupSchema), metadata={"description": "For the community's managers."}
    )


class ActivityQuerySchema(QuerySchema):
    community_id = ident(strict=False)
    upcoming = fields.Boolean(load_default=False)


class AttendanceInputSchema(Schema):
    """A member's scanned code, or the member the secretary ticks at the roll call."""

    code = text(1, 20)
    member_id = ident()

    @validates_schema
    def one_of(self, data, **kwargs):
        if ("code" in data) == ("member_id" in data):
            raise ValidationError(Message("Give either a code or a member_id."), "code")


class CheckInCodeSchema(Schema):
    code = fields.String()
    expires_at = fields.AwareDateTime()
    url = fields.String(metadata={"description": "The address the QR code encodes."})


class CorrectionInputSchema(Schema):
    member_id = ident(required=True)
    hours = fields.Float(required=True, validate=validate.Range(0, 24))
    reason = text(1, 200, required=True)
