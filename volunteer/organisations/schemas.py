"""Streets, communities and employers on the wire."""

from marshmallow import fields, validate

from volunteer.schemas import QuerySchema, Schema, ident, text

ACTIVE = {"description": "False once retired: no longer a choice; kept with its history."}


class StreetSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(1, 60, required=True)
    active = fields.Boolean(dump_only=True, metadata=ACTIVE)
    created_at = fields.AwareDateTime(dump_only=True)


class CommunitySchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(1, 60, required=True)
    street_id = ident(required=True)
    grids = fields.List(text(1, 40), validate=validate.Length(max=50), load_default=list)
    active = fields.Boolean(dump_only=True, metadata=ACTIVE)
    created_at = fields.AwareDateTime(dump_only=True)


class ActiveQuerySchema(QuerySchema):
    active = fields.Boolean(
        load_default=True,
        metadata={"description": "true (the default): those in use; false: the retired ones."},
    )


class CommunityQuerySchema(ActiveQuerySchema):
    street_id = ident(strict=False)


class StreetPatchSchema(Schema):
    """Rename or retire (`active: false`) a street; `active: true` brings it back."""

    name = text(1, 60)
    active = fields.Boolean(truthy={True}, falsy={False})


class CommunityPatchSchema(StreetPatchSchema):
    """Rename or retire a community."""


class EmployerSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = text(1, 100, required=True)
    party_org_name = text(1, 100, required=True)
    report_emails = fields.List(
        fields.Email(validate=validate.Length(max=254)),
        required=True,
        validate=validate.Length(1, 10),
    )
    active = fields.Boolean(dump_only=True, metadata=ACTIVE)
    created_at = fields.AwareDateTime(dump_only=True)


class EmployerPatchSchema(Schema):
    """Change an employer's names or report addresses, or retire it."""

    name = text(1, 100)
    party_org_name = text(1, 100)
    report_emails = fields.List(
        fields.Email(validate=validate.Length(max=254)), validate=validate.Length(1, 10)
    )
    active = fields.Boolean(truthy={True}, falsy={False})


class EmployerOutSchema(EmployerSchema):
    """An employer as answered: report addresses only for admins, street admins and its
    contacts."""

    report_emails = fields.List(
        fields.Email(),
        metadata={"description": "Only for admins, street admins and the employer's contacts."},
    )
