"""GET /orders/{id}/recommendations (secretaries) and GET /pool (members)."""

from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.matching import services
from volunteer.matching.schemas import PoolOrderSchema, RecommendationsSchema
from volunteer.orders.presenter import present

blp = Blueprint("matching", __name__, url_prefix="/api/v1", description="Matching")


@blp.route("/orders/<int(min=1, max=2147483647):order_id>/recommendations")
@blp.response(200, RecommendationsSchema)
def recommendations(order_id):
    """Teams and members for dispatch, ranked best first, each with its reasons."""
    return services.recommend(require_actor(), order_id)


@blp.route("/pool")
@blp.response(200, PoolOrderSchema(many=True))
@blp.paginate()
def pool(pagination_parameters):
    """The orders the caller may claim now, ranked best first (contact masked)."""
    actor = require_actor()
    ranked = services.pool(actor)
    pagination_parameters.item_count = len(ranked)
    size = pagination_parameters.page_size
    start = (pagination_parameters.page - 1) * size
    return [
        {**present(order, actor), "match": {"score": score, "reasons": reasons}}
        for order, score, reasons in ranked[start : start + size]
    ]
