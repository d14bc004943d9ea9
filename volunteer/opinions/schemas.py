"""Opinion requests on the wire."""

from marshmallow import fields, validate

from volunteer.reports.grades import GRADES
from volunteer.schemas import Schema, text


class AskInputSchema(Schema):
    purpose = text(1, 200, required=True)


class AnswerInputSchema(Schema):
    opinion = text(1, 2000, required=True)
    grade = fields.String(required=True, validate=validate.OneOf(list(GRADES)))


class DraftSchema(Schema):
    opinion = fields.String()
    grade = fields.String()


class OpinionRequestSchema(Schema):
    id = fields.Integer()
    member_id = fields.Integer()
    display_name = fields.String()
    employer_id = fields.Integer()
    employer_name = fields.String()
    purpose = fields.String()
    status = fields.String(validate=validate.OneOf(["waiting", "answered"]))
    opinion = fields.String(allow_none=True)
    grade = fields.String(allow_none=True)
    grade_label = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    answered_at = fields.AwareDateTime(allow_none=True)
    draft = fields.Nested(
        DraftSchema,
        metadata={"description": "For the secretary while it waits: built from the record."},
    )
