"""/pledges and /communities/{id}/pledges (承诺 · 践诺 · 评诺)."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.blueprints import public
from volunteer.pagination import paginate
from volunteer.pledges import services
from volunteer.pledges.schemas import (
    FulfilSchema,
    PledgeCreateSchema,
    PledgeRatingCreateSchema,
    PledgeRatingSchema,
    PledgeSchema,
)

blp = Blueprint("pledges", __name__, url_prefix="/api/v1", description="Pledges")


@blp.route("/pledges", methods=["POST"])
@blp.arguments(PledgeCreateSchema)
@blp.response(201, PledgeSchema)
def publish_pledge(args):
    """承诺: an active member's own pledge, or a team's by the secretary."""
    return services.publish_pledge(require_actor(), **args)


@blp.route("/pledges/<id:pledge_id>/fulfil", methods=["POST"])
@blp.arguments(FulfilSchema)
@blp.response(200, PledgeSchema)
def fulfil_pledge(args, pledge_id):
    """践诺: mark the pledge fulfilled with a note."""
    return services.fulfil_pledge(require_actor(), pledge_id, **args)


@blp.route("/pledges/<id:pledge_id>/ratings", methods=["POST"])
@blp.arguments(PledgeRatingCreateSchema)
@blp.response(201, PledgeRatingSchema)
def rate_pledge(args, pledge_id):
    """评诺: a resident of the community rates the pledge, once."""
    return services.rate_pledge(require_actor(), pledge_id, **args)


@blp.route("/communities/<id:community_id>/pledges")
@public
@blp.response(200, PledgeSchema(many=True))
@blp.paginate()
def community_pledges(community_id, pagination_parameters):
    """A community's pledges with their rating counts (public: no resident's name)."""
    return paginate(services.community_pledges(community_id), pagination_parameters)
