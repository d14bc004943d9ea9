"""/auth and /me: register, tokens, and who am I."""

from functools import wraps

from flask import g

from volunteer.auth import accounts, grants, recovery, services, sessions
from volunteer.auth.access import require_actor
from volunteer.auth.limits import auth_limit
from volunteer.auth.schemas import (
    GrantSchema,
    LoginSchema,
    MeSchema,
    PasswordChangeSchema,
    PasswordResetSchema,
    RegisterSchema,
    ResetCodeSchema,
    TokenSchema,
    UserListedSchema,
    UserQuerySchema,
)
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.blueprints import public
from volunteer.pagination import paginate

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="Accounts and tokens")


def authenticated_first(view):
    """401 for an anonymous caller before the body is parsed (not 422 for a missing field)."""

    @wraps(view)
    def checked(*args, **kwargs):
        require_actor()
        return view(*args, **kwargs)

    return checked


@blp.route("/auth/register", methods=["POST"])
@public
@auth_limit
@blp.refuses(409, 429)
@blp.arguments(RegisterSchema)
@blp.response(201, MeSchema)
def register(data):
    """Register as a resident of a community."""
    return services.register_resident(**data)


@blp.route("/auth/reset", methods=["POST"])
@public
@auth_limit
@blp.refuses(429)
@blp.arguments(PasswordResetSchema)
@blp.response(204)
def reset_password(data):
    """Set a new password with the 8-digit code the community's desk issued.

    `login` is the username or the mobile number. A wrong, used or expired code → 422 naming
    `code` (five wrong codes burn it); a weak `new_password` → 422 naming `password` and
    `new_password`. Every session and token of the user ends.
    """
    recovery.reset_password(data["login"], data["code"], data["new_password"])


@blp.route("/users/<id:user_id>/reset-code", methods=["POST"])
@blp.response(201, ResetCodeSchema)
def issue_reset_code(user_id):
    """Issue a one-time 8-digit code for a forgotten password (the secretary of the user's
    community, the street admin, an admin): single use, valid 24 hours, only its hash kept.

    Shown to the issuer once, to give to the resident at the desk or by phone.
    """
    code, reset_code = recovery.issue_code(require_actor(), user_id)
    return {"code": code, "expires_at": reset_code.expires_at}


@blp.route("/auth/tokens", methods=["POST"])
@public
@auth_limit
@blp.refuses(401, 429)
@blp.arguments(LoginSchema)
@blp.response(201, TokenSchema)
def create_token(data):
    """Log in: exchange a username (or the user's mobile number) and password for a bearer
    token."""
    user = services.authenticate(data["username"], data["password"])
    token, api_token = services.issue_token(user)
    return {"token": token, "expires_at": api_token.expires_at, "user": user}


@blp.route("/auth/tokens/current", methods=["DELETE"])
@blp.response(204)
def revoke_current_token():
    """Log out: the token of this request stops working."""
    require_actor()
    if g.api_token is not None:
        services.revoke_token(g.api_token)
    else:
        sessions.log_out()


@blp.route("/auth/password", methods=["POST"])
@auth_limit
@authenticated_first
@blp.arguments(PasswordChangeSchema)
@blp.response(204)
def change_password(data):
    """Change the password: every session and token of the user ends, this one included.

    A wrong `current_password` → 422 naming it; a weak `new_password` → 422 naming `password`
    and `new_password`.
    """
    user = require_actor()
    services.change_password(user, data["current_password"], data["new_password"])
    if g.api_token is None:
        sessions.log_out()


@blp.route("/me")
@blp.response(200, MeSchema)
def me():
    """The caller, their roles and their member record."""
    return require_actor()


@blp.route("/grants", methods=["POST"])
@blp.arguments(GrantSchema)
@blp.response(201, GrantSchema)
def create_grant(data):
    """Grant a role over a scope (admin)."""
    return grants.grant_role(require_actor(), **data)


@blp.route("/grants/<id:grant_id>", methods=["DELETE"])
@blp.response(204)
def delete_grant(grant_id):
    """Revoke a grant (admin)."""
    grants.revoke_grant(require_actor(), grant_id)


@blp.route("/users")
@blp.arguments(UserQuerySchema, location="query")
@blp.response(200, UserListedSchema(many=True))
@blp.paginate()
def list_users(args, pagination_parameters):
    """Find users (admin: all; street admin and secretary: the residents of their scope)."""
    return paginate(accounts.users_query(require_actor(), args.get("q")), pagination_parameters)


@blp.route("/users/<id:user_id>/disable", methods=["POST"])
@blp.response(200, UserListedSchema)
def disable_user(user_id):
    """Disable an account (admin): its sessions and tokens answer 401, it cannot log in."""
    return accounts.disable_user(require_actor(), user_id)


@blp.route("/users/<id:user_id>/enable", methods=["POST"])
@blp.response(200, UserListedSchema)
def enable_user(user_id):
    """Enable an account again (admin)."""
    return accounts.enable_user(require_actor(), user_id)
