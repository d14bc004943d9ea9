"""Registration, login and the caller's identity."""

from marshmallow import ValidationError, fields, validate, validates_schema

from volunteer.auth.passwords import password_problem
from volunteer.i18n import Message
from volunteer.schemas import MobilePhone, QuerySchema, Schema, ident, mask_phone, text

USERNAME = validate.Regexp(
    r"^[a-z0-9_]{3,32}$", error=Message("3 to 32 characters: lower-case letters, digits or _.")
)


class RegisterSchema(Schema):
    """A username, a mainland mobile number, or both: either one logs in."""

    username = fields.String(load_default=None, validate=USERNAME)
    password = fields.String(required=True, validate=validate.Length(8, 128), load_only=True)
    display_name = text(1, 60, required=True)
    community_id = ident(required=True)
    phone = MobilePhone(load_default=None, allow_none=True)

    @validates_schema
    def username_or_phone(self, data, **kwargs):
        """Without a mobile number to log in with, a username is needed."""
        if data.get("username") is None and data.get("phone") is None:
            raise ValidationError(
                Message("A username, or a mobile number to log in with, is required."),
                field_name="username",
            )

    @validates_schema(skip_on_field_errors=True)
    def password_is_strong(self, data, **kwargs):
        """No common or guessable password, none with the username or the phone in it."""
        problem = password_problem(
            data["password"],
            username=data.get("username"),
            phone=data.get("phone"),
            display_name=data["display_name"],
        )
        if problem is not None:
            raise ValidationError(problem, field_name="password")


class PasswordChangeSchema(Schema):
    current_password = fields.String(
        required=True, validate=validate.Length(1, 128), load_only=True
    )
    new_password = fields.String(required=True, validate=validate.Length(8, 128), load_only=True)


class LoginSchema(Schema):
    """`username` is a username or a mainland mobile number (138 0013 8000, +86 138…)."""

    username = fields.String(required=True, validate=validate.Length(1, 64))
    password = fields.String(required=True, validate=validate.Length(1, 128), load_only=True)


def roles_of(user) -> list[dict]:
    """The user's grants, plus `member` while their report-in is active."""
    roles = []
    for grant in user.grants:
        role = {"id": grant.id, "role": grant.role}
        for scope in ("community_id", "street_id", "employer_id"):
            if getattr(grant, scope) is not None:
                role[scope] = getattr(grant, scope)
        roles.append(role)
    if user.active_member is not None:
        kind = "volunteer" if user.active_member.is_volunteer else "member"
        roles.append({"role": kind, "community_id": user.active_member.community_id})
    return roles


class UserSchema(Schema):
    id = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    community_id = fields.Integer(allow_none=True)
    created_at = fields.AwareDateTime()


class MeSchema(UserSchema):
    phone = fields.String(allow_none=True)
    roles = fields.Function(roles_of, metadata={"type": "array"})
    # By its registered name: `people` builds on `auth`, so auth must not import it back.
    member = fields.Nested("MemberOutSchema", allow_none=True)
    # A deferred column the notifications package adds to User (auth must not import it).
    unread_notifications = fields.Integer()


class TokenSchema(Schema):
    token = fields.String()
    expires_at = fields.AwareDateTime()
    user = fields.Nested(MeSchema)


class GrantSchema(Schema):
    id = fields.Integer(dump_only=True)
    user_id = ident(required=True)
    role = fields.String(
        required=True,
        validate=validate.OneOf(
            ["secretary", "street_admin", "employer_contact", "admin", "surveyor", "grid_worker"]
        ),
    )
    community_id = ident(allow_none=True)
    street_id = ident(allow_none=True)
    employer_id = ident(allow_none=True)
    grid_id = ident(allow_none=True, metadata={"description": "the scope of a grid_worker"})
    created_at = fields.AwareDateTime(dump_only=True)


class ResetCodeSchema(Schema):
    code = fields.String(metadata={"description": "8 digits; shown once"})
    expires_at = fields.AwareDateTime()


class PasswordResetSchema(Schema):
    """`login` is a username or a mainland mobile number; `code` the desk's 8 digits."""

    login = fields.String(required=True, validate=validate.Length(1, 64))
    code = fields.String(
        required=True,
        validate=validate.Regexp(r"^[0-9]{8}$", error=Message("8 digits.")),
        load_only=True,
    )
    new_password = fields.String(required=True, validate=validate.Length(8, 128), load_only=True)


class UserQuerySchema(QuerySchema):
    q = fields.String(
        validate=validate.Length(max=60),
        metadata={"description": "Part of the username or name, or the whole phone number."},
    )


class UserListedSchema(Schema):
    """A user as the operator's and the desk's lists show one: the phone masked."""

    id = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    phone = fields.Function(lambda user: mask_phone(user.phone), allow_none=True)
    community_id = fields.Integer(allow_none=True)
    active = fields.Boolean()
