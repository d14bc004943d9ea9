"""What waits for each role, counted for the start tiles and the role bar: 待办 (the
secretary's new requests), 回访 (open follow-ups), 可接单 (orders the member may claim),
待评价 (the resident's completed orders awaiting a rating).

Every page pays for these, so each is one COUNT answered from an index, and only for the
links the user has."""

from collections.abc import Callable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.extensions import db
from volunteer.notifications.models import FollowUp
from volunteer.orders.access import claimable_by
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.surveys.models import ItemStatus, Sample, SampleItem
from volunteer.surveys.reviews import open_windows_for


def count(select: sa.Select) -> int:
    return db.session.scalar(select) or 0


def inbox(user) -> int:
    return count(
        sa.select(sa.func.count(Order.id)).where(
            Order.community_id.in_(user.secretary_of),
            Order.status.in_((OrderStatus.SUBMITTED, OrderStatus.ACCEPTED)),  # as the inbox
        )
    )


def follow_ups(user) -> int:
    return count(
        sa.select(sa.func.count(FollowUp.id)).where(
            FollowUp.community_id.in_(user.secretary_of), FollowUp.done_at.is_(None)
        )
    )


def claimable(user) -> int:
    member = user.active_member
    if member is None:
        return 0
    return count(
        sa.select(sa.func.count(Order.id)).where(claimable_by(member, OrderStatus.DISPATCHED))
    )


def to_rate(user) -> int:
    return count(
        sa.select(sa.func.count(Order.id)).where(
            Order.owner_id == user.id, Order.status == OrderStatus.COMPLETED
        )
    )


def to_review(user) -> int:
    """Review windows open now in the resident's street that they have not answered."""
    return sum(response is None for _, response in open_windows_for(user))


def to_call(user) -> int:
    return count(
        sa.select(sa.func.count(SampleItem.id))
        .join(Sample, Sample.id == SampleItem.sample_id)
        .where(Sample.street_id.in_(user.surveyor_of), SampleItem.status == ItemStatus.OPEN)
    )


# (role, endpoint) → (what the count says, how to count it)
WAITING: dict[tuple[str, str], tuple[object, Callable[[object], int]]] = {
    ("secretary", "desk.inbox"): (_l("to do"), inbox),
    ("secretary", "desk.follow_ups"): (_l("call-backs"), follow_ups),
    ("member", "member.pool"): (_l("to take"), claimable),
    ("resident", "resident.orders"): (_l("to rate"), to_rate),
    ("resident", "resident.reviews"): (_l("to review"), to_review),
    ("surveyor", "surveyor.calls"): (_l("to call"), to_call),
}


def waiting(user, role: str, endpoint: str) -> tuple[object, int] | None:
    """(what the count says, how many) for a link of the user's role, or None."""
    entry = WAITING.get((role, endpoint))
    if entry is None:
        return None
    name, counter = entry
    return name, counter(user)
