"""GET /orders/{id}/recommendations (secretaries) and GET /pool (members)."""

import sqlalchemy as sa

from volunteer.auth.access import require_actor
from volunteer.auth.communities import access_community
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.extensions import db
from volunteer.matching import services
from volunteer.matching.reasons import render
from volunteer.matching.schemas import DispatchRuleSchema, PoolOrderSchema, RecommendationsSchema
from volunteer.orders import auto_dispatch
from volunteer.orders.models import Order
from volunteer.orders.presenter import present
from volunteer.teams.models import CATEGORIES

blp = Blueprint("matching", __name__, url_prefix="/api/v1", description="Matching")


@blp.route("/orders/<id:order_id>/recommendations")
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
    page = ranked[start : start + size]
    orders = {
        order.id: order
        for order in db.session.scalars(
            sa.select(Order)
            .where(Order.id.in_([order_id for order_id, _, _ in page]))
            .options(sa.orm.lazyload(Order.owner))
        )
    }
    return [
        {
            **present(orders[order_id], actor),
            "match": {"score": score, "reasons": [render(reason) for reason in reasons]},
        }
        for order_id, score, reasons in page
    ]


CATEGORY = "any(" + ", ".join(CATEGORIES) + "):category"


@blp.route("/communities/<id:community_id>/dispatch-rules")
@blp.response(200, DispatchRuleSchema(many=True))
def list_dispatch_rules(community_id):
    """The community's auto-dispatch rules (secretary)."""
    actor = require_actor()
    return auto_dispatch.rules_of(actor, access_community(actor, community_id))


@blp.route(
    f"/communities/<id:community_id>/dispatch-rules/<{CATEGORY}>",
    methods=["PUT"],
)
@blp.arguments(DispatchRuleSchema)
@blp.response(200, DispatchRuleSchema)
def set_dispatch_rule(data, community_id, category):
    """Send new orders of this category straight to a team (secretary)."""
    actor = require_actor()
    community = access_community(actor, community_id)
    return auto_dispatch.set_rule(actor, community, category, **data)


@blp.route(
    f"/communities/<id:community_id>/dispatch-rules/<{CATEGORY}>",
    methods=["DELETE"],
)
@blp.response(204)
def delete_dispatch_rule(community_id, category):
    """Stop auto-dispatching this category (secretary)."""
    actor = require_actor()
    auto_dispatch.delete_rule(actor, access_community(actor, community_id), category)
