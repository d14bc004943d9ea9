"""/streets, /communities and /employers."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.blueprints import public
from volunteer.district import services
from volunteer.errors import NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer, Street
from volunteer.organisations.schemas import (
    CommunityQuerySchema,
    CommunitySchema,
    EmployerOutSchema,
    EmployerSchema,
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
@blp.response(200, StreetSchema(many=True))
@blp.paginate()
def list_streets(pagination_parameters):
    """All streets."""
    require_actor()
    return paginate(sa.select(Street).order_by(Street.id), pagination_parameters)


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
    """All communities (public: residents choose theirs when registering)."""
    select = sa.select(Community).order_by(Community.id)
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


@blp.route("/employers", methods=["POST"])
@blp.arguments(EmployerSchema)
@blp.response(201, EmployerOutSchema)
def create_employer(data):
    """Add an employer and its report addresses (admin, street admin)."""
    return services.create_employer(require_actor(), **data)


@blp.route("/employers")
@blp.response(200, EmployerOutSchema(many=True))
@blp.paginate()
def list_employers(pagination_parameters):
    """Employers; report addresses only for admins, street admins and the employer's contacts."""
    actor = require_actor()
    employers = paginate(sa.select(Employer).order_by(Employer.id), pagination_parameters)
    return [
        employer if services.may_see_report_emails(actor, employer) else public(employer)
        for employer in employers
    ]


def public(employer: Employer) -> dict:  # type: ignore[no-redef]  # the decorator is used above
    return {
        "id": employer.id,
        "name": employer.name,
        "party_org_name": employer.party_org_name,
        "created_at": employer.created_at,
    }
