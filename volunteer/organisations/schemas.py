"""Streets, communities and employers on the wire."""

from marshmallow import fields, validate

from volunteer.schemas import QuerySchema, Schema, ident, text


class StreetSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(1, 60, required=True)
    created_at = fields.AwareDateTime(dump_only=True)


class CommunitySchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(1, 60, required=True)
    street_id = ident(required=True)
    grids = fields.List(text(1, 40), validate=validate.Length(max=50), load_default=list)
    created_at = fields.AwareDateTime(dump_only=True)


class CommunityQuerySchema(QuerySchema):
    street_id = ident(strict=False)


class EmployerSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(1, 100, required=True)
    party_org_name = text(1, 100, required=True)
    report_emails = fields.List(
        fields.Email(validate=validate.Length(max=254)),
        required=True,
        validate=validate.Length(1, 10),
    )
    created_at = fields.AwareDateTime(dump_only=True)


class EmployerOutSchema(EmployerSchema):
    """An employer as answered: report addresses only for admins, street admins and its
    contacts."""

    report_emails = fields.List(
        fields.Email(),
        metadata={"description": "Only for admins, street admins and the employer's contacts."},
    )
