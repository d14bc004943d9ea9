"""/streets, /communities and /employers."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import require_actor
from volunteer.auth.communities import access_community
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.blueprints import public
from volunteer.district import grids, services
from volunteer.errors import NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer, Street
from volunteer.organisations.schemas import (
    ActiveQuerySchema,
    CommunityPatchSchema,
    CommunityQuerySchema,
    CommunitySchema,
    EmployerOutSchema,
    EmployerPatchSchema,
    EmployerSchema,
    GridPatchSchema,
    GridSchema,
    StreetPatchSchema,
    StreetSchema,
)
from volunteer.pagination import paginate

blp = Blueprint("organisations", __name__, url_prefix="/api/v1", description="Organisation")


@blp.route("/streets", methods=["POST"])
@blp.arguments(StreetSchema)
@blp.response(201, StreetSchema)
def create_street(data):
    """Create a street (admin)."""
    return services.create_street(require_actor(), **data)


@blp.route("/streets")
@blp.arguments(ActiveQuerySchema, location="query")
@blp.response(200, StreetSchema(many=True))
@blp.paginate()
def list_streets(args, pagination_parameters):
    """The streets in use (`active=false`: the retired ones)."""
    require_actor()
    select = services.in_use(sa.select(Street), Street, args["active"]).order_by(Street.id)
    return paginate(select, pagination_parameters)


@blp.route("/streets/<id:street_id>", methods=["PATCH"])
@blp.arguments(StreetPatchSchema)
@blp.response(200, StreetSchema)
def update_street(data, street_id):
    """Rename a street, or retire it with `active: false` (admin)."""
    return services.update_street(require_actor(), street_id, **data)


@blp.route("/communities", methods=["POST"])
@blp.arguments(CommunitySchema)
@blp.response(201, CommunitySchema)
def create_community(data):
    """Create a community with its eight standard teams (admin)."""
    return services.create_community(require_actor(), **data)


@blp.route("/communities")
@public
@blp.arguments(CommunityQuerySchema, location="query")
@blp.response(200, CommunitySchema(many=True))
@blp.paginate()
def list_communities(args, pagination_parameters):
    """The communities in use (public: residents choose theirs when registering);
    `active=false`: the retired ones."""
    select = services.in_use(sa.select(Community), Community, args["active"])
    select = select.order_by(Community.id)
    if "street_id" in args:
        select = select.where(Community.street_id == args["street_id"])
    return paginate(select, pagination_parameters)


@blp.route("/communities/<id:community_id>")
@public
@blp.response(200, CommunitySchema)
def get_community(community_id):
    """One community (public, like the list)."""
    community = db.session.get(Community, community_id)
    if community is None:
        raise NotFound(_l("No such community."))
    return community


@blp.route("/communities/<id:community_id>", methods=["PATCH"])
@blp.arguments(CommunityPatchSchema)
@blp.response(200, CommunitySchema)
def update_community(data, community_id):
    """Rename a community, or retire it with `active: false` (admin): no longer offered at
    registration or report-in; its orders, members and figures stay."""
    return services.update_community(require_actor(), community_id, **data)


@blp.route("/communities/<id:community_id>/grids")
@public
@blp.arguments(ActiveQuerySchema, location="query")
@blp.response(200, GridSchema(many=True))
def list_grids(args, community_id):
    """The community's grids (public, like the community: a resident picks theirs)."""
    community = db.session.get(Community, community_id)
    if community is None:
        raise NotFound(_l("No such community."))
    return grids.list_grids(community, args["active"])


@blp.route("/communities/<id:community_id>/grids", methods=["POST"])
@blp.arguments(GridSchema)
@blp.response(201, GridSchema)
def create_grid(data, community_id):
    """Add a grid to the community (its secretary, the street admin, admin)."""
    actor = require_actor()
    return grids.create_grid(actor, access_community(actor, community_id), **data)


@blp.route("/grids/<id:grid_id>", methods=["PATCH"])
@blp.arguments(GridPatchSchema)
@blp.response(200, GridSchema)
def update_grid(data, grid_id):
    """Rename a grid, describe its boundary, name its 党建指导员, or retire it."""
    return grids.update_grid(require_actor(), grid_id, **data)


@blp.route("/employers", methods=["POST"])
@blp.arguments(EmployerSchema)
@blp.response(201, EmployerOutSchema)
def create_employer(data):
    """Add an employer and its report addresses (admin, street admin)."""
    return services.create_employer(require_actor(), **data)


@blp.route("/employers")
@blp.arguments(ActiveQuerySchema, location="query")
@blp.response(200, EmployerOutSchema(many=True))
@blp.paginate()
def list_employers(args, pagination_parameters):
    """The employers in use (`active=false`: the retired ones); report addresses only for
    admins, street admins and the employer's contacts."""
    actor = require_actor()
    select = services.in_use(sa.select(Employer), Employer, args["active"])
    employers = paginate(select.order_by(Employer.id), pagination_parameters)
    return [
        employer
        if services.may_see_report_emails(actor, employer)
        else without_report_emails(employer)
        for employer in employers
    ]


@blp.route("/employers/<id:employer_id>", methods=["PATCH"])
@blp.arguments(EmployerPatchSchema)
@blp.response(200, EmployerOutSchema)
def update_employer(data, employer_id):
    """Change an employer's names or report addresses, or retire it with `active: false`
    (admin, street admin): no longer chosen at report-in nor drafted for; its members and
    reports stay."""
    return services.update_employer(require_actor(), employer_id, **data)


def without_report_emails(employer: Employer) -> dict:
    """An employer as those who may not see its report addresses see it."""
    return {
        "id": employer.id,
        "name": employer.name,
        "party_org_name": employer.party_org_name,
        "active": employer.active,
        "created_at": employer.created_at,
    }
