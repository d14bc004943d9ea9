"""Pledges on the wire: the public listing names the member or team, never a resident."""

from marshmallow import fields, validate

from volunteer.satisfaction import Satisfaction
from volunteer.schemas import Schema, ident, text


class PledgeCreateSchema(Schema):
    text = text(1, 200, required=True)
    team_id = ident(allow_none=True, load_default=None)
    due_on = fields.Date(allow_none=True, load_default=None)


class PledgeSchema(Schema):
    id = fields.Integer()
    community_id = fields.Integer()
    member_id = fields.Integer(allow_none=True)
    team_id = fields.Integer(allow_none=True)
    pledger = fields.Function(
        lambda p: p.team.name if p.team is not None else p.member.user.display_name,
        metadata={"description": "the team, or the member who pledged"},
    )
    text = fields.String()
    due_on = fields.Date(allow_none=True)
    status = fields.String()
    note = fields.String(allow_none=True)
    fulfilled_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()
    ratings = fields.Function(
        lambda p: p.counts(),
        metadata={"description": "how many residents gave each word: {satisfied, …}"},
    )


class FulfilSchema(Schema):
    note = text(1, 500, required=True)


class PledgeRatingCreateSchema(Schema):
    satisfaction = fields.String(
        required=True, validate=validate.OneOf([word.value for word in Satisfaction])
    )


class PledgeRatingSchema(PledgeRatingCreateSchema):
    id = fields.Integer()
    pledge_id = fields.Integer()
    created_at = fields.AwareDateTime()
