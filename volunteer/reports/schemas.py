"""Records, evaluations and reports on the wire."""

from datetime import date

from marshmallow import fields, validate

from volunteer.reports.grades import GRADES
from volunteer.reports.models import REPORT_STATUSES
from volunteer.schemas import QuerySchema, Schema, ident, text

# Dates the service can count with (and the calendar library knows).
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def day(**kwargs) -> fields.Date:
    return fields.Date(validate=validate.Range(FIRST_DAY, LAST_DAY), **kwargs)


class RecordQuerySchema(QuerySchema):
    start = day(data_key="from")
    end = day(data_key="to")


class RecordFiguresSchema(Schema):
    orders_completed = fields.Integer()
    on_time = fields.Integer()
    hours = fields.Float()
    activities = fields.Integer(metadata={"description": "Closed community activities attended."})
    activity_hours = fields.Float()
    average_score = fields.Float(allow_none=True)
    rated = fields.Integer()
    satisfaction_rate = fields.Float(allow_none=True)


class RecordOrderSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    category = fields.String()
    community_id = fields.Integer()
    title = fields.String()
    completed_at = fields.AwareDateTime()
    due_at = fields.AwareDateTime(allow_none=True)
    on_time = fields.Boolean()
    hours = fields.Float()
    score = fields.Integer(allow_none=True)
    comment = fields.String(allow_none=True)


class RecordActivitySchema(Schema):
    id = fields.Integer()
    title = fields.String()
    place = fields.String()
    starts_at = fields.AwareDateTime()
    hours = fields.Float()


class RecordSchema(RecordFiguresSchema):
    member_id = fields.Integer()
    display_name = fields.String()
    start = fields.Date(data_key="from")
    end = fields.Date(data_key="to")
    orders = fields.List(fields.Nested(RecordOrderSchema))
    attended_activities = fields.List(fields.Nested(RecordActivitySchema))


class EvaluationInputSchema(Schema):
    grade = fields.String(required=True, validate=validate.OneOf(list(GRADES)))
    comment = text(0, 500, load_default="")


class PersonRefSchema(Schema):
    id = fields.Integer()
    display_name = fields.String()


class EvaluationSchema(Schema):
    member_id = fields.Integer()
    display_name = fields.String()
    year = fields.Integer()
    grade = fields.String(allow_none=True)
    grade_label = fields.String(allow_none=True)
    comment = fields.String(allow_none=True)
    suggested_grade = fields.String()
    suggested_grade_label = fields.String()
    record = fields.Nested(RecordFiguresSchema)
    evaluated_by = fields.Nested(PersonRefSchema, allow_none=True)
    evaluated_at = fields.AwareDateTime(allow_none=True)


class ReportCreateSchema(Schema):
    employer_id = ident(required=True)
    period_start = day(required=True)
    period_end = day(required=True)


class ReportQuerySchema(QuerySchema):
    employer_id = ident(strict=False)
    status = fields.String(validate=validate.OneOf(REPORT_STATUSES))


class RowSchema(Schema):
    """A row; a member without consent has only member_id, display_name and consent."""

    member_id = fields.Integer()
    display_name = fields.String()
    community_id = fields.Integer()
    community_name = fields.String()
    reported_at = fields.String()
    teams = fields.List(fields.String())
    consent = fields.Boolean()
    orders_completed = fields.Integer()
    on_time = fields.Integer()
    hours = fields.Float()
    activities = fields.Integer(metadata={"description": "Community activities attended."})
    activity_hours = fields.Float()
    average_score = fields.Float(allow_none=True)
    rated = fields.Integer()
    satisfaction_rate = fields.Float(allow_none=True)
    comments = fields.List(fields.String())
    grade = fields.String(allow_none=True)
    grade_label = fields.String(allow_none=True)
    comment = fields.String(allow_none=True)


class DeliverySchema(Schema):
    address = fields.String()
    status = fields.String()
    attempts = fields.Integer()
    sent_at = fields.AwareDateTime(allow_none=True)
    last_error = fields.String(allow_none=True)


class ReportSchema(Schema):
    id = fields.Integer()
    employer_id = fields.Integer()
    employer_name = fields.String()
    period_start = fields.Date()
    period_end = fields.Date()
    period_label = fields.String()
    status = fields.String()
    issuer = fields.String()
    member_count = fields.Integer()
    shared_count = fields.Integer()
    generated_at = fields.AwareDateTime()
    created_at = fields.AwareDateTime()
    sent_at = fields.AwareDateTime(allow_none=True)
    acknowledged_at = fields.AwareDateTime(allow_none=True)
    deliveries = fields.List(fields.Nested(DeliverySchema))
    files = fields.Dict(keys=fields.String(), values=fields.String())


class ReportDetailSchema(ReportSchema):
    rows = fields.List(fields.Nested(RowSchema))
