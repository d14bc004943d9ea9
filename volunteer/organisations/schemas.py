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


class GridSchema(Schema):
    """A community's grid (网格); `guide_member_id` names its 党建指导员."""

    id = fields.Integer(dump_only=True)
    community_id = fields.Integer(dump_only=True)
    name = text(1, 40, required=True)
    boundary = text(1, 200, allow_none=True, metadata={"description": "e.g. 1–6 栋"})
    guide_member_id = ident(allow_none=True)
    guide_name = fields.Method("dump_guide", dump_only=True)
    active = fields.Boolean(dump_only=True, metadata=ACTIVE)
    created_at = fields.AwareDateTime(dump_only=True)

    def dump_guide(self, grid) -> str | None:
        guide = grid.guide
        return guide.user.display_name if guide is not None else None


class GridPatchSchema(Schema):
    """Rename a grid, describe its boundary, name its guide, or retire it (`active: false`)."""

    name = text(1, 40)
    boundary = text(1, 200, allow_none=True)
    guide_member_id = ident(allow_none=True)
    active = fields.Boolean(truthy={True}, falsy={False})


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
