"""What waits for each role, counted for the start tiles and the role bar: 待办 (the
secretary's new requests), 回访 (open follow-ups), 可接单 (orders the member may claim),
待评价 (the resident's completed orders awaiting a rating).

Every page pays for these, so each is one COUNT answered from an index, and only for the
links the user has."""

from collections.abc import Callable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.notifications.models import FollowUp
from volunteer.orders.access import claimable_by
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.organisations.models import Community
from volunteer.surveys.models import (
    ItemStatus,
    ReviewResponse,
    ReviewWindow,
    Sample,
    SampleItem,
)


def count(select: sa.Select | None) -> int:
    return (db.session.scalar(select) or 0) if select is not None else 0


def inbox(user) -> sa.Select:
    return sa.select(sa.func.count(Order.id)).where(
        Order.community_id.in_(user.secretary_of),
        Order.status.in_((OrderStatus.SUBMITTED, OrderStatus.ACCEPTED)),  # as the inbox
    )


def follow_ups(user) -> sa.Select:
    return sa.select(sa.func.count(FollowUp.id)).where(
        FollowUp.community_id.in_(user.secretary_of), FollowUp.done_at.is_(None)
    )


def claimable(user) -> sa.Select | None:
    member = user.active_member
    if member is None:
        return None
    return sa.select(sa.func.count(Order.id)).where(claimable_by(member, OrderStatus.DISPATCHED))


def to_rate(user) -> sa.Select:
    return sa.select(sa.func.count(Order.id)).where(
        Order.owner_id == user.id, Order.status == OrderStatus.COMPLETED
    )


def to_review(user) -> sa.Select | None:
    """Review windows (定期评议) open now in the resident's street that they have not answered."""
    ids = [g.community_id for g in user.grants_of(Role.RESIDENT)] or [user.community_id]
    community_id = next((i for i in ids if i is not None), None)
    if community_id is None:
        return None
    now = utcnow()
    street = sa.select(Community.street_id).where(Community.id == community_id).scalar_subquery()
    answered = sa.select(ReviewResponse.id).where(
        ReviewResponse.window_id == ReviewWindow.id, ReviewResponse.user_id == user.id
    )
    return sa.select(sa.func.count(ReviewWindow.id)).where(
        ReviewWindow.street_id == street,
        ReviewWindow.opens_at <= now,
        ReviewWindow.closes_at > now,
        ~answered.exists(),
    )


def to_call(user) -> sa.Select | None:
    if not user.surveyor_of:
        return None
    return (
        sa.select(sa.func.count(SampleItem.id))
        .join(Sample, Sample.id == SampleItem.sample_id)
        .where(Sample.street_id.in_(user.surveyor_of), SampleItem.status == ItemStatus.OPEN)
    )


# (role, endpoint) → (what the count says, the COUNT that answers it, or None for nothing)
WAITING: dict[tuple[str, str], tuple[object, Callable[[object], sa.Select | None]]] = {
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
    return name, count(counter(user))


def waiting_all(user, links: list[tuple[str, str]]) -> list[tuple[object, int] | None]:
    """`waiting` for many (role, endpoint) links at once: their COUNTs in one statement
    (every page pays for the role bar)."""
    entries = [WAITING.get(link) for link in links]
    selects = {
        index: select
        for index, entry in enumerate(entries)
        if entry is not None and (select := entry[1](user)) is not None
    }
    values = (
        dict(
            zip(
                selects,
                db.session.execute(
                    sa.select(*(select.scalar_subquery() for select in selects.values()))
                ).one(),
                strict=True,
            )
        )
        if selects
        else {}
    )
    return [
        (entry[0], values.get(index) or 0) if entry is not None else None
        for index, entry in enumerate(entries)
    ]
