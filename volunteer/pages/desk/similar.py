"""Likely duplicates on the desk's order page (orders/duplicates.py): the partial
`pages/desk/_similar.html` asks for them with `desk_similar(order_id)`, so that the order page
itself only includes it; the one-click merge posts to the desk's merge action."""

from flask import Blueprint

from volunteer.auth.access import require_actor
from volunteer.orders import duplicates
from volunteer.orders.states import TRANSITIONS, Action

bp = Blueprint("desk_similar", __name__)

MERGEABLE = {str(status) for status in TRANSITIONS[Action.MERGE][0]}


@bp.app_template_global("desk_similar")
def desk_similar(order_id: int) -> list[dict]:
    """The order's likely duplicates for the caller (who manages it: the page checked)."""
    return duplicates.similar_orders(require_actor(), order_id)


@bp.app_template_global("mergeable_statuses")
def mergeable_statuses() -> set[str]:
    """The statuses an order may be merged from (TRANSITIONS)."""
    return MERGEABLE
