"""The one function that moves an order, and the one that notes a step that does not."""

from typing import Any

from sqlalchemy.orm.attributes import flag_modified

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.following import tell_first_contact, tell_followers
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.states import Action, target_status


def transition(
    order: Order, action: Action, actor: Actor | None, note: str | None = None, **changes: Any
) -> OrderEvent:
    """Check, change the status (and `changes`), and write the event: the only way to move.

    The model's version column makes the UPDATE conditional on the version that was read,
    so of two concurrent transitions exactly one is written; the other gets a 409.
    """
    target = target_status(order.status, action)
    event = OrderEvent(
        order=order,
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action,
        from_status=order.status,
        to_status=target,
        note=note,
    )
    order.status = target
    # Even dispatched → dispatched writes the row, so that it too is version-guarded.
    flag_modified(order, "status")
    for name, value in changes.items():
        setattr(order, name, value)
    db.session.add(event)
    tell_followers(order, target)
    tell_first_contact(order, target)
    return event


def record(
    order: Order, action: Action, actor: Actor | None = None, note: str | None = None
) -> OrderEvent:
    """An event that leaves the status alone (reminders, supervision)."""
    event = OrderEvent(
        order=order,
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action,
        from_status=order.status,
        to_status=order.status,
        note=note,
    )
    db.session.add(event)
    return event
