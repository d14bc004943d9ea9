"""The members' side (党员接单): claim, decline, release, complete."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.db import utcnow
from volunteer.errors import Forbidden, Invalid
from volunteer.extensions import db
from volunteer.notifications.services import notify, secretaries_of
from volunteer.orders.access import access_for_claim, may_claim
from volunteer.orders.models import Order
from volunteer.orders.states import Action, OrderStatus
from volunteer.orders.timing import zone
from volunteer.orders.transitions import transition

MAX_HOURS_PER_DAY = Decimal(8)


def claim_order(actor: Actor, order_id: int) -> Order:
    """Take the order. Of many simultaneous claims exactly one wins; the others get 409."""
    order = access_for_claim(actor, order_id)
    member = actor.active_member
    if order.status == OrderStatus.DISPATCHED and not may_claim(member, order):
        raise Forbidden(_l("This order is offered to someone else."))
    transition(order, Action.CLAIM, actor, claimed_by=member, claimed_at=utcnow())
    # The flush is the conditional UPDATE (… WHERE id = :id AND version = :read); the loser
    # of a race fails here with StaleDataError, answered 409.
    db.session.flush()
    notify([order.owner_id, order.proxy_by_id], "claimed", f"“{order.title}”已有党员接单。", order)
    return order


def decline_order(actor: Actor, order_id: int, *, reason: str) -> Order:
    """A member declines a direct offer; the order goes back to the secretary."""
    order = access_for_claim(actor, order_id)
    member = actor.active_member
    if member is None or order.dispatch_member_id != member.id:
        raise Forbidden(_l("Only the member this order was offered to may decline it."))
    transition(order, Action.DECLINE, actor, reason, dispatch_member_id=None)
    notify(
        secretaries_of(order.community_id),
        "declined",
        f"“{order.title}”被婉拒，请重新派单。",
        order,
    )
    db.session.flush()
    return order


def release_order(actor: Actor, order_id: int, *, reason: str) -> Order:
    """The claimer gives the order back, or the secretary takes it back to reassign."""
    order = access_for_claim(actor, order_id)
    member = actor.member
    is_claimer = member is not None and order.claimed_by_id == member.id
    if not is_claimer and not manages_community(actor, order.community):
        raise Forbidden(_l("Only the claimer or the secretary may release this order."))
    # Whoever takes it next confirms the appointment anew (预约服务).
    transition(
        order,
        Action.RELEASE,
        actor,
        reason,
        claimed_by=None,
        claimed_at=None,
        appointment_confirmed_at=None,
        appointment_proposed_date=None,
        appointment_proposed_half_day=None,
    )
    notify(secretaries_of(order.community_id), "released", f"“{order.title}”已退回。", order)
    db.session.flush()
    return order


def hours_logged_on(member_id: int, day_start: datetime, day_end: datetime) -> Decimal:
    total = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Order.completion_hours), 0)).where(
            Order.claimed_by_id == member_id,
            Order.completed_at >= day_start,
            Order.completed_at < day_end,
        )
    )
    return Decimal(total)  # type: ignore[arg-type]  # coalesce: never NULL


def complete_order(actor: Actor, order_id: int, *, note: str, hours: Decimal) -> Order:
    """The claimer logs the work: a note and the hours served (0.5 h steps, ≤ 8 h a day)."""
    order = access_for_claim(actor, order_id)
    member = actor.member
    if member is None or order.claimed_by_id != member.id:
        raise Forbidden(_l("Only the member who claimed this order may complete it."))
    now = utcnow()
    local_day = now.astimezone(zone()).date()
    day_start = datetime.combine(local_day, time(0), zone())
    logged = hours_logged_on(member.id, day_start, day_start + timedelta(days=1))
    if logged + hours > MAX_HOURS_PER_DAY:
        raise Invalid(
            "hours", _l("At most 8 hours a day; %(logged)s h already logged today.", logged=logged)
        )
    transition(
        order,
        Action.COMPLETE,
        actor,
        note,
        completion_note=note,
        completion_hours=hours,
        completed_at=now,
    )
    notify([order.owner_id], "completed", f"“{order.title}”已办结，请确认并评价。", order)
    db.session.flush()
    return order


def held_orders(member, limit: int = 50) -> list[Order]:
    """What the member holds now: claimed orders to do, soonest due first, then completed
    ones still waiting for the resident's rating."""
    return list(
        db.session.scalars(
            sa.select(Order)
            .where(
                Order.claimed_by_id == member.id,
                Order.status.in_((OrderStatus.CLAIMED, OrderStatus.COMPLETED)),
            )
            .order_by(
                (Order.status == OrderStatus.COMPLETED).asc(),
                Order.due_at.asc(),
                Order.id.asc(),
            )
            .limit(limit)
        )
    )


def offered_orders(member, limit: int = 20) -> list[Order]:
    """Orders the secretary dispatched to this member in person, waiting for the member to
    take or decline them, soonest due first."""
    return list(
        db.session.scalars(
            sa.select(Order)
            .where(
                Order.dispatch_member_id == member.id,
                Order.status == OrderStatus.DISPATCHED,
            )
            .order_by(Order.due_at.asc(), Order.id.asc())
            .limit(limit)
        )
    )
