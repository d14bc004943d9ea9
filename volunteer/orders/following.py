"""Following someone else's order (关注): the resident of a merged duplicate follows the order
it joined, and a neighbour may follow an open request instead of posting it again. A follower
hears of every step and sees the order with the contact data masked (orders/privacy.py)."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.auth.roles import Role
from volunteer.errors import Conflict, NotFound
from volunteer.extensions import db
from volunteer.notifications.services import notify
from volunteer.orders.models import Order, OrderFollower
from volunteer.orders.states import OPEN, OrderStatus

# What a follower is told when the order they follow reaches a status (Chinese, like every
# stored notification).
STEP_WORDS = {
    OrderStatus.ACCEPTED: "已受理",
    OrderStatus.DISPATCHED: "已派单，等待党员接单",
    OrderStatus.CLAIMED: "已有党员接单",
    OrderStatus.COMPLETED: "已办结",
    OrderStatus.CLOSED: "已办结并评价",
    OrderStatus.ESCALATED: "已上报街道办理",
    OrderStatus.REJECTED: "未被受理；如仍需要，请重新提交",
    OrderStatus.MERGED: "已并入同类工单一并办理",
    OrderStatus.CANCELLED: "已被发起人撤销；如仍需要，请重新提交",
}


def is_follower(user_id: int, order_id: int) -> bool:
    return db.session.get(OrderFollower, (order_id, user_id)) is not None


def followers_of(order_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(OrderFollower.user_id)
            .where(OrderFollower.order_id == order_id)
            .order_by(OrderFollower.user_id)
        )
    )


def add_follower(order: Order, user_id: int | None, merged_order_id: int | None = None) -> bool:
    """`user_id` follows `order` (once; never its own owner). True when newly added."""
    if user_id is None or user_id in (order.owner_id, order.proxy_by_id):
        return False
    if is_follower(user_id, order.id):
        return False
    db.session.add(
        OrderFollower(order_id=order.id, user_id=user_id, merged_order_id=merged_order_id)
    )
    return True


def tell_followers(order: Order, status: OrderStatus) -> None:
    """A step of a followed order, told to its followers (transitions.transition calls it)."""
    words = STEP_WORDS.get(status)
    if words is None:
        return
    followers = followers_of(order.id)
    if followers:
        notify(followers, "followed", f"您关注的“{order.title}”{words}。", order)


def tell_first_contact(order: Order, status: OrderStatus) -> None:
    """首问负责: the grid worker who filed the order hears of every step of it (the claim they
    hear of already, as the one who filed it: orders/work.py)."""
    words = STEP_WORDS.get(status)
    if order.first_contact_id is None or words is None or status == OrderStatus.CLAIMED:
        return
    message = f"您首问负责的“{order.title}”{words}。"
    notify([order.first_contact_id], "first_contact", message, order)


def resident_of(actor: Actor, community_id: int) -> bool:
    return any(grant.community_id == community_id for grant in actor.grants_of(Role.RESIDENT))


def follow_order(actor: Actor, order_id: int) -> Order:
    """A resident of the order's community follows an open order (others: 404)."""
    order = db.session.get(Order, order_id)
    if order is None or not resident_of(actor, order.community_id):
        raise NotFound(_l("No such order."))
    if actor.id in (order.owner_id, order.proxy_by_id):
        raise Conflict(_l("This is your own request."))
    if order.status not in OPEN and not is_follower(actor.id, order.id):
        raise Conflict(_l("This request is no longer open."))
    add_follower(order, actor.id)
    db.session.flush()
    return order


def unfollow_order(actor: Actor, order_id: int) -> None:
    """Stop following (nothing happens when the caller did not follow)."""
    follower = db.session.get(OrderFollower, (order_id, actor.id))
    if follower is None:
        raise NotFound(_l("No such order."))
    db.session.delete(follower)
    db.session.flush()


def followed_orders(actor: Actor, limit: int = 100) -> list[Order]:
    """The orders the caller follows, the latest followed first."""
    return list(
        db.session.scalars(
            sa.select(Order)
            .join(OrderFollower, OrderFollower.order_id == Order.id)
            .where(OrderFollower.user_id == actor.id)
            .order_by(OrderFollower.created_at.desc(), Order.id.desc())
            .limit(limit)
        )
    )
