"""GET /stats on the wire."""

from marshmallow import fields, validate

from volunteer.schemas import QuerySchema, Schema, ident


class StatsQuerySchema(QuerySchema):
    community_id = ident(strict=False)
    street_id = ident(strict=False)
    start = fields.Date(
        data_key="from", metadata={"description": "first day (local), default 1 Jan"}
    )
    end = fields.Date(data_key="to", metadata={"description": "last day (local), default today"})
    group_by = fields.String(
        validate=validate.OneOf(["category", "team", "grid", "month", "community"]),
        metadata={"description": "`community`: street admin and admin only"},
    )


class RateFigureSchema(Schema):
    value = fields.Float(allow_none=True)
    numerator = fields.Integer()
    count = fields.Integer()
    small_sample = fields.Boolean()


class OrderCountsSchema(Schema):
    total = fields.Integer()
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer())
    completed = fields.Integer()
    closed_by = fields.Dict(keys=fields.String(), values=fields.Integer())


class FiguresSchema(Schema):
    orders = fields.Nested(OrderCountsSchema)
    completion_rate = fields.Float(allow_none=True)
    on_time_rate = fields.Float(allow_none=True)
    satisfaction_rate = fields.Float(allow_none=True)
    first_time_satisfaction_rate = fields.Float(allow_none=True)
    rework_count = fields.Integer()
    rated_count = fields.Integer()
    small_sample = fields.Boolean()
    rates = fields.Dict(keys=fields.String(), values=fields.Nested(RateFigureSchema))
    overdue = fields.Integer()


class ParticipationSchema(Schema):
    active = fields.Integer()
    participating = fields.Integer()
    rate = fields.Float(allow_none=True)


class GroupSchema(FiguresSchema):
    key = fields.Raw(allow_none=True)
    # group_by=community: the community's name and its members' participation.
    name = fields.String()
    members = fields.Nested(ParticipationSchema)


class IdleMemberSchema(Schema):
    member_id = fields.Integer()
    display_name = fields.String()
    community_id = fields.Integer()


class MemberFiguresSchema(Schema):
    active = fields.Integer()
    participating = fields.Integer()
    idle = fields.Integer()
    gini = fields.Float(allow_none=True)
    idle_members = fields.List(fields.Nested(IdleMemberSchema))


class VolunteerFiguresSchema(Schema):
    active = fields.Integer()
    participating = fields.Integer()
    orders_completed = fields.Integer()


class ScopeSchema(Schema):
    community_id = fields.Integer()
    street_id = fields.Integer()
    start = fields.Date(data_key="from")
    end = fields.Date(data_key="to")


class StatsSchema(FiguresSchema):
    scope = fields.Nested(ScopeSchema)
    median_claim_minutes = fields.Float(allow_none=True)
    median_handling_hours = fields.Float(allow_none=True)
    members = fields.Nested(MemberFiguresSchema)
    volunteers = fields.Nested(
        VolunteerFiguresSchema, metadata={"description": "Resident volunteers, apart from members."}
    )
    groups = fields.List(fields.Nested(GroupSchema))
