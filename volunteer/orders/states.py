"""The order's states, the actions that move it, and which action leads where (pure: no
database; `orders/transitions.py` applies them)."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from volunteer.enums import Labelled
from volunteer.errors import Conflict
from volunteer.i18n import state_name


class OrderStatus(Labelled):
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


class Action(Labelled):
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
    # After a low rating the secretary calls back (回访); `rework` sends the order back.
    FOLLOW_UP = "follow_up"
    REWORK = "rework"
    # On the order a duplicate was merged into (the duplicate itself moves by `merge`).
    ABSORB = "absorb"
    # Scheduled work that leaves the status alone.
    REMIND_CLAIM = "remind_claim"
    REMIND_DUE = "remind_due"
    SUPERVISE = "supervise"
    # 预约服务 (orders/appointments.py).
    CONFIRM_APPOINTMENT = "confirm_appointment"
    PROPOSE_APPOINTMENT = "propose_appointment"
    ACCEPT_APPOINTMENT = "accept_appointment"
    REMIND_APPOINTMENT = "remind_appointment"
    MISS_APPOINTMENT = "miss_appointment"


OrderStatus.__labels__ = {
    OrderStatus.SUBMITTED: _l("submitted"),
    OrderStatus.ACCEPTED: _l("accepted"),
    OrderStatus.DISPATCHED: _l("dispatched"),
    OrderStatus.CLAIMED: _l("claimed"),
    OrderStatus.COMPLETED: _l("completed"),
    OrderStatus.CLOSED: _l("closed"),
    OrderStatus.ESCALATED: _l("escalated"),
    OrderStatus.REJECTED: _l("rejected"),
    OrderStatus.MERGED: _l("merged"),
    OrderStatus.CANCELLED: _l("cancelled"),
}

Action.__labels__ = {
    Action.SUBMIT: _l("submitted"),
    Action.ACCEPT: _l("accepted"),
    Action.REJECT: _l("rejected"),
    Action.MERGE: _l("merged"),
    Action.DISPATCH: _l("dispatched"),
    Action.ESCALATE: _l("escalated to the street"),
    Action.CLAIM: _l("claimed"),
    Action.DECLINE: _l("declined"),
    Action.RELEASE: _l("released"),
    # Not the status msgid "completed": in Chinese the member's step is 办结 while the
    # status it leads to reads 待评价 (awaiting the resident's rating).
    Action.COMPLETE: _l("service completed"),
    Action.RATE: _l("rated"),
    Action.REOPEN: _l("reopened"),
    Action.CANCEL: _l("cancelled"),
    Action.AUTO_CLOSE: _l("closed automatically"),
    Action.FOLLOW_UP: _l("called back by the branch"),
    Action.REWORK: _l("sent back to be redone"),
    Action.ABSORB: _l("a duplicate request was merged into it"),
    Action.REMIND_CLAIM: _l("reminded to claim"),
    Action.REMIND_DUE: _l("reminded of the time limit"),
    Action.SUPERVISE: _l("overdue supervision"),  # the community's or the street's
    Action.CONFIRM_APPOINTMENT: _l("appointment confirmed"),
    Action.PROPOSE_APPOINTMENT: _l("another appointment proposed"),
    Action.ACCEPT_APPOINTMENT: _l("new appointment accepted"),
    Action.REMIND_APPOINTMENT: _l("reminded of the appointment"),
    Action.MISS_APPOINTMENT: _l("appointment missed"),
}


class Kind(Labelled):
    """What the resident asks for."""

    WISH = "wish"
    NEED = "need"


Kind.__labels__ = {Kind.WISH: _l("micro-wish"), Kind.NEED: _l("service need")}


class Urgency(Labelled):
    NORMAL = "normal"
    URGENT = "urgent"


Urgency.__labels__ = {Urgency.NORMAL: _l("normal"), Urgency.URGENT: _l("urgent")}


class CloseReason(StrEnum):
    """Why a completed order closed: the resident rated it, or the rating window passed."""

    RATED = "rated"
    AUTO_CLOSED = "auto_closed"


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
    # Only through a follow-up (notifications/follow_ups.py), by a secretary or street admin.
    Action.REWORK: (frozenset({S.CLOSED}), S.ACCEPTED),
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
                status=state_name(status, OrderStatus.labels()),
            )
        )
    return target
