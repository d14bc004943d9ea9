"""The order's states, the actions that move it, and which action leads where (pure: no
database; `orders/transitions.py` applies them)."""

from enum import StrEnum

from volunteer.errors import Conflict


class OrderStatus(StrEnum):
    """Where an order is in its life (DESIGN.md "The order and its life")."""

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
        raise Conflict(f"Cannot {action.value} an order that is {status}.")
    return target
