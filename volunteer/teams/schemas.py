"""Teams and team posts on the wire."""

from marshmallow import fields, validate

from volunteer.schemas import Schema, text
from volunteer.teams.models import CATEGORIES


class TeamSchema(Schema):
    id = fields.Integer(dump_only=True)
    community_id = fields.Integer(dump_only=True)
    kind = fields.String(dump_only=True)
    key = fields.String(dump_only=True, allow_none=True)
    name = text(1, 60, required=True)
    description = text(0, 500, load_default="")
    categories = fields.List(
        fields.String(validate=validate.OneOf(CATEGORIES)),
        validate=validate.Length(1, len(CATEGORIES)),
        load_default=None,
    )
    status = fields.String(dump_only=True)
    member_count = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)


class DecisionSchema(Schema):
    note = text(0, 500, load_default=None, allow_none=True)


class MembershipSchema(Schema):
    team_id = fields.Integer()
    member_id = fields.Integer()
    joined_at = fields.AwareDateTime()
