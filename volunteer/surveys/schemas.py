"""Samples, call-backs, review windows, the index and the assessment on the wire."""

from marshmallow import fields, validate

from volunteer.satisfaction import Satisfaction
from volunteer.schemas import QuerySchema, Schema, ident, text

SATISFACTION = validate.OneOf([word.value for word in Satisfaction])


class SampleCreateSchema(Schema):
    street_id = ident(required=True)
    month = fields.String(
        required=True,
        validate=validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$"),
        metadata={"example": "2026-10"},
    )
    rate = fields.Float(load_default=0.1, validate=validate.Range(0, 1, min_inclusive=False))
    minimum = fields.Integer(load_default=5, strict=True, validate=validate.Range(0, 1000))


class SampleItemSchema(Schema):
    id = fields.Integer()
    order_id = fields.Integer()
    community_id = fields.Integer()
    status = fields.String()
    reached = fields.Boolean(allow_none=True)
    resolved = fields.Boolean(allow_none=True)
    satisfaction = fields.String(allow_none=True)
    comment = fields.String(allow_none=True)
    answered_at = fields.AwareDateTime(allow_none=True)
    follow_up_id = fields.Integer(allow_none=True)


class SampleSchema(Schema):
    id = fields.Integer()
    street_id = fields.Integer()
    month = fields.String()
    seed = fields.String()
    rate = fields.Float()
    minimum = fields.Integer()
    population = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Integer()),
        metadata={"description": "community id → ids of the closed orders drawn from"},
    )
    created_at = fields.AwareDateTime()
    items = fields.List(fields.Nested(SampleItemSchema))


class SampleQuerySchema(QuerySchema):
    street_id = ident(strict=False)


class SampleContactSchema(Schema):
    name = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)


class SampleItemViewSchema(SampleItemSchema):
    """The sampled order as the surveyor sees it: the contact only while it is open."""

    title = fields.Function(lambda view: view["order"].title)
    contact = fields.Nested(SampleContactSchema, allow_none=True)

    def get_attribute(self, obj, attr, default):
        if attr in ("contact", "title"):
            return super().get_attribute(obj, attr, default)
        return super().get_attribute(obj["item"], attr, default)


class AnswerSchema(Schema):
    reached = fields.Boolean(required=True)
    resolved = fields.Boolean(allow_none=True, load_default=None)
    satisfaction = fields.String(allow_none=True, load_default=None, validate=SATISFACTION)
    comment = text(0, 500, allow_none=True, load_default=None)


class ReviewWindowCreateSchema(Schema):
    street_id = ident(required=True)
    title = text(1, 100, required=True)
    opens_at = fields.AwareDateTime(required=True)
    closes_at = fields.AwareDateTime(required=True)


class ReviewWindowSchema(ReviewWindowCreateSchema):
    id = fields.Integer()
    created_at = fields.AwareDateTime()


class ReviewQuerySchema(QuerySchema):
    street_id = ident(strict=False)


class ReviewResponseCreateSchema(Schema):
    satisfaction = fields.String(required=True, validate=SATISFACTION)
    comment = text(0, 500, allow_none=True, load_default=None)


class ReviewResponseSchema(ReviewResponseCreateSchema):
    id = fields.Integer()
    window_id = fields.Integer()
    community_id = fields.Integer()
    created_at = fields.AwareDateTime()


class IndexQuerySchema(QuerySchema):
    street_id = ident(strict=False)
    community_id = ident(strict=False)
    start = fields.Date(data_key="from", metadata={"description": "first day, default 1 Jan"})
    end = fields.Date(data_key="to", metadata={"description": "last day, default today"})


class PartSchema(Schema):
    rate = fields.Float(allow_none=True)
    count = fields.Integer()
    satisfied = fields.Integer()
    low = fields.Float(allow_none=True, metadata={"description": "Wilson 95 % lower bound"})
    high = fields.Float(allow_none=True, metadata={"description": "Wilson 95 % upper bound"})
    small_sample = fields.Boolean()


class IndexRowSchema(Schema):
    community_id = fields.Integer()
    community_name = fields.String()
    ratings = fields.Nested(PartSchema)
    reviews = fields.Nested(PartSchema)
    samples = fields.Nested(PartSchema)
    index = fields.Float(allow_none=True)
    small_sample = fields.Boolean()
    inflation = fields.Boolean()


class AssessmentQuerySchema(QuerySchema):
    street_id = ident(required=True, strict=False)
    year = fields.Integer(
        validate=validate.Range(2000, 2100), metadata={"description": "default this year"}
    )


class AssessmentSchema(IndexRowSchema):
    year = fields.Integer()
    previous_index = fields.Float(allow_none=True)
    level = fields.String(
        allow_none=True,
        metadata={"enum": ["commendable", "qualified", "rectify", "dismissal_review"]},
    )
