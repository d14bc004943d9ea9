"""Report-ins and members on the wire."""

from marshmallow import fields, validate

from volunteer.people.models import MEMBER_STATUSES, MEMBER_TYPES
from volunteer.schemas import MobilePhone, QuerySchema, Schema, ident, text


class TeamRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class MemberSchema(Schema):
    id = fields.Integer(dump_only=True)
    user_id = fields.Integer(dump_only=True)
    display_name = fields.String(dump_only=True)
    community_id = ident(required=True)
    member_type = fields.String(required=True, validate=validate.OneOf(MEMBER_TYPES))
    employer_id = ident(load_default=None, allow_none=True)
    phone = MobilePhone(required=True)
    grid = text(1, 40, load_default=None, allow_none=True)
    skills = fields.List(text(1, 20), validate=validate.Length(max=20), load_default=list)
    consent_employer_feedback = fields.Boolean(required=True, truthy={True}, falsy={False})
    consent_version = fields.String(dump_only=True, allow_none=True)
    consent_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    consent_withdrawn_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    status = fields.String(dump_only=True)
    reported_at = fields.AwareDateTime(dump_only=True)
    confirmed_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    left_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    teams = fields.List(fields.Nested(TeamRefSchema), dump_only=True)


class MemberOutSchema(MemberSchema):
    """A member as answered: an employer's contacts see it without the phone (EMPLOYER_VIEW)."""

    phone = MobilePhone(metadata={"description": "Left out for the employer's contacts."})


class MemberQuerySchema(QuerySchema):
    community_id = ident(strict=False)
    status = fields.String(validate=validate.OneOf(MEMBER_STATUSES))
    team_id = ident(strict=False)
    q = fields.String(validate=validate.Length(1, 60))


class ConsentSchema(Schema):
    consent_employer_feedback = fields.Boolean(required=True, truthy={True}, falsy={False})


# What an employer's party organisation may see of a member: no contact data.
EMPLOYER_VIEW = (
    "id",
    "display_name",
    "community_id",
    "member_type",
    "employer_id",
    "status",
    "reported_at",
    "consent_employer_feedback",
    "teams",
)
