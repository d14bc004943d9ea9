"""Recommendations and the pool on the wire."""

from marshmallow import fields

from volunteer.orders.schemas import OrderSchema
from volunteer.schemas import Schema, ident


class TeamRecommendationSchema(Schema):
    team_id = fields.Integer()
    name = fields.String()
    community_id = fields.Integer()
    score = fields.Float()
    reasons = fields.List(fields.String())


class MemberRecommendationSchema(Schema):
    member_id = fields.Integer()
    display_name = fields.String()
    community_id = fields.Integer()
    volunteer = fields.Boolean(metadata={"description": "A resident volunteer (居民志愿者)."})
    score = fields.Float()
    reasons = fields.List(fields.String())


class RecommendationsSchema(Schema):
    order_id = fields.Integer()
    teams = fields.List(fields.Nested(TeamRecommendationSchema))
    members = fields.List(fields.Nested(MemberRecommendationSchema))


class MatchSchema(Schema):
    score = fields.Float()
    reasons = fields.List(fields.String())


class PoolOrderSchema(OrderSchema):
    match = fields.Nested(MatchSchema)


class DispatchRuleSchema(Schema):
    community_id = fields.Integer(dump_only=True)
    category = fields.String(dump_only=True)
    team_id = ident(required=True)
