"""The order's states, the actions that move it, and the one function that does."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from volunteer import labels
from volunteer.db import utcnow
from volunteer.errors import Conflict
from volunteer.extensions import db
from volunteer.i18n import state_name


class OrderStatus(StrEnum):
    """Where an order is in its life (docs/design.md "The order and its life")."""

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    DISPATCHED = "dispatched"
    CLAIMED = "claimed"
    COMPLETED = "completed"
    CLOSED = "closed"
    ESCALATED = "escalated"
    REJECTED = "rejected"
    MERGED = "merged"
    CANCELLED = "cancelled"


class Action(StrEnum):
    """Everything that is written to an order's timeline."""

    SUBMIT = "submit"
    ACCEPT = "accept"
    REJECT = "reject"
    MERGE = "merge"
    DISPATCH = "dispatch"
    ESCALATE = "escalate"
    CLAIM = "claim"
    DECLINE = "decline"
    RELEASE = "release"
    COMPLETE = "complete"
    RATE = "rate"
    REOPEN = "reopen"
    CANCEL = "cancel"
    AUTO_CLOSE = "auto_close"
    # Scheduled work that leaves the status alone.
    REMIND_CLAIM = "remind_claim"
    REMIND_DUE = "remind_due"
    SUPERVISE = "supervise"


S = OrderStatus

# action → (the statuses it may start from, the status it leads to)
TRANSITIONS: dict[Action, tuple[frozenset[OrderStatus], OrderStatus]] = {
    Action.ACCEPT: (frozenset({S.SUBMITTED}), S.ACCEPTED),
    Action.REJECT: (frozenset({S.SUBMITTED, S.ACCEPTED, S.ESCALATED}), S.REJECTED),
    Action.MERGE: (frozenset({S.SUBMITTED, S.ACCEPTED}), S.MERGED),
    Action.DISPATCH: (
        frozenset({S.SUBMITTED, S.ACCEPTED, S.ESCALATED, S.DISPATCHED}),
        S.DISPATCHED,
    ),
    Action.ESCALATE: (frozenset({S.ACCEPTED, S.DISPATCHED}), S.ESCALATED),
    Action.CLAIM: (frozenset({S.DISPATCHED}), S.CLAIMED),
    Action.DECLINE: (frozenset({S.DISPATCHED}), S.ACCEPTED),
    Action.RELEASE: (frozenset({S.CLAIMED}), S.DISPATCHED),
    Action.COMPLETE: (frozenset({S.CLAIMED}), S.COMPLETED),
    Action.RATE: (frozenset({S.COMPLETED}), S.CLOSED),
    Action.REOPEN: (frozenset({S.COMPLETED}), S.CLAIMED),
    Action.CANCEL: (frozenset({S.SUBMITTED, S.ACCEPTED, S.DISPATCHED}), S.CANCELLED),
    Action.AUTO_CLOSE: (frozenset({S.COMPLETED}), S.CLOSED),
}

# No way out of these.
TERMINAL = frozenset({S.CLOSED, S.REJECTED, S.MERGED, S.CANCELLED})
# Still waiting for service: an order here with a passed due time is overdue.
OPEN = frozenset(S) - TERMINAL - {S.COMPLETED}


def target_status(status: str, action: Action) -> OrderStatus:
    """Where `action` leads from `status`, or a 409 when it is not allowed from there."""
    sources, target = TRANSITIONS[action]
    if status not in sources:
        raise Conflict(
            _l(
                "Cannot %(action)s an order that is %(status)s.",
                action=action.value,
                status=state_name(status, labels.STATUS_NAMES),
            )
        )
    return target


def transition(order, action: Action, actor, note: str | None = None, **changes):
    """Check, change the status (and `changes`), and write the event: the only way to move.

    The model's version column makes the UPDATE conditional on the version that was read,
    so of two concurrent transitions exactly one is written; the other gets a 409.
    """
    from volunteer.orders.models import OrderEvent

    target = target_status(order.status, action)
    event = OrderEvent(
        order=order,
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action.value,
        from_status=order.status,
        to_status=target.value,
        note=note,
    )
    order.status = target.value
    # Even dispatched → dispatched writes the row, so that it too is version-guarded.
    flag_modified(order, "status")
    for name, value in changes.items():
        setattr(order, name, value)
    db.session.add(event)
    return event


def record(order, action: Action, actor=None, note: str | None = None):
    """An event that leaves the status alone (reminders, supervision)."""
    from volunteer.orders.models import OrderEvent

    event = OrderEvent(
        order=order,
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action.value,
        from_status=order.status,
        to_status=order.status,
        note=note,
    )
    db.session.add(event)
    return event
