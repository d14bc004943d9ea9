"""The `pairing-visits` job: each pairing's visit order of the current period, offered to the
paired person in person (a direct dispatch: an offer they take or decline, never forced).

Periods are `visit_every_days` long, counted from the pairing's first day; a period's visit
is created once however often the job runs, also when two runs overlap (the unique key on
(pairing, period) decides; the loser's order is rolled back with its savepoint)."""

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.states import Action, Kind, OrderStatus
from volunteer.orders.triage import offer
from volunteer.pairings.models import Pairing, PairingVisit
from volunteer.pairings.services import local_today
from volunteer.people.models import Member, MemberStatus


def period_of(pairing: Pairing, today) -> int:
    return (today - pairing.starts_on).days // pairing.visit_every_days


def visit_order(pairing: Pairing) -> Order:
    """The visit as an order of the household (代办 by the secretary who paired them)."""
    now = utcnow()
    order = Order(
        kind=Kind.NEED,
        category="eldercare",
        title=f"结对探访：{pairing.household_name}"[:60],
        description=(
            f"结对帮扶定期探访（每{pairing.visit_every_days}天一次）："
            "上门看望，问问冷暖和需要，有事及时报告社区。"
        ),
        community_id=pairing.community_id,
        contact_name=pairing.household_name,
        address=pairing.address,
        contact_phone=pairing.phone,
        proxy_by_id=pairing.created_by_id,
        status=OrderStatus.SUBMITTED,
        created_at=now,
    )
    db.session.add(order)
    db.session.flush()
    db.session.add(
        OrderEvent(
            order=order,
            at=now,
            actor_id=None,
            action=Action.SUBMIT,
            from_status=None,
            to_status=OrderStatus.SUBMITTED,
            note=f"结对帮扶 #{pairing.id} 定期探访",
        )
    )
    offer(order, None, member=pairing.member)
    return order


def create_due_visits() -> str:
    """The job: create and offer the visit of the current period for every active pairing."""
    created = offer_due_visits()
    db.session.commit()
    return f"{created} pairing visits created"


def offer_due_visits() -> int:
    """Create and offer the visit of the current period for every active pairing that has
    none yet; how many were created."""
    today = local_today()
    pairings = db.session.scalars(
        sa.select(Pairing)
        .join(Member, Member.id == Pairing.member_id)
        .where(Pairing.active.is_(True), Member.status == MemberStatus.ACTIVE)
        .order_by(Pairing.id)
    ).all()
    created = 0
    for pairing in pairings:
        period = period_of(pairing, today)
        exists = sa.select(PairingVisit.id).where(
            PairingVisit.pairing_id == pairing.id, PairingVisit.period == period
        )
        if db.session.scalar(exists) is not None:
            continue
        try:
            with db.session.begin_nested():
                order = visit_order(pairing)
                db.session.add(PairingVisit(pairing_id=pairing.id, period=period, order=order))
                db.session.flush()
            created += 1
        except IntegrityError:
            continue  # another run created this period's visit first
    return created
