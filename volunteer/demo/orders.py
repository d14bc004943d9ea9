"""A few months of orders for the demo district, in every state, through the services: each
history of `histories.HISTORIES` is posted, walked through its steps, then dated back."""

from datetime import timedelta
from itertools import groupby

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.demo.histories import HISTORIES
from volunteer.demo.steps import Scene, run_step
from volunteer.extensions import db
from volunteer.jobs.reminders import supervise_overdue
from volunteer.orders import creation
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.states import Action
from volunteer.orders.timing import claim_due_for, due_for, street_supervision_for

# The grid each demo resident lives in (their buildings: README's demo, the grids' boundaries).
RESIDENT_GRIDS = {
    "jumin_wang": "第一网格",
    "jumin_li": "第二网格",
    "jumin_zhang": "东区网格",
    "jumin_liu": "一网格",
}


def seed_orders(secretaries: dict[int, User], histories=HISTORIES) -> None:
    """Orders in every state, spread over the last four months (or the `histories` given)."""
    users = {u.username: u for u in db.session.scalars(sa.select(User))}
    members = {u.username: u for u in users.values() if u.active_member is not None}
    for history in histories:
        resident = users[history.resident]
        order = creation.create_order(
            resident,
            kind=history.kind,
            category=history.category,
            title=history.title,
            description=history.description,
            address=history.address,
            urgency=history.urgency,
            grid=RESIDENT_GRIDS.get(history.resident),
        )
        scene = Scene(
            order=order,
            secretary=secretaries[order.community_id],
            resident=resident,
            member=members.get(history.member) if history.member else None,
            score=history.score,
        )
        for step in history.steps:
            run_step(step, scene)
        backdate(order, timedelta(days=history.days_ago))
    db.session.flush()


# How long after the previous step each step happened, in minutes (a believable pace).
PACE = {
    "submit": 0,
    "accept": 95,
    "dispatch": 40,
    "escalate": 300,
    "reject": 180,
    "cancel": 600,
    "claim": 75,
    "complete": 26 * 60,
    "rate": 20 * 60,
    "auto_close": 7 * 24 * 60,
}

# The order's clock that each event sets.
CLOCKS = {
    "dispatch": "dispatched_at",
    "escalate": "escalated_at",
    "claim": "claimed_at",
    "complete": "completed_at",
    "rate": "rated_at",
}

CLOSING = ("rate", "auto_close", "reject", "cancel")


def backdate(order: Order, delta: timedelta) -> None:
    """Replay the order's timeline from `delta` ago at a believable pace, and recompute the
    clocks that depend on when it was dispatched."""
    events = db.session.scalars(
        sa.select(OrderEvent).where(OrderEvent.order_id == order.id).order_by(OrderEvent.id)
    ).all()
    steps = [
        timedelta(minutes=PACE.get(event.action, 60) * (1 + (order.id + index) % 3) / 2)
        for index, event in enumerate(events)
    ]
    # A fresh order's steps still lie in the past: its last step happened minutes ago.
    at = min(utcnow() - delta, utcnow() - sum(steps, timedelta()) - timedelta(minutes=10))
    order.created_at = at
    for event, step in zip(events, steps, strict=True):
        at += step
        event.at = at
        field = CLOCKS.get(event.action)
        if field is not None:
            setattr(order, field, at)
        if event.action in CLOSING:
            order.closed_at = at
    if order.dispatched_at is not None:
        order.claim_due_at = claim_due_for(order.dispatched_at)
        order.due_at = due_for(order, order.dispatched_at)


JOB_TICK = timedelta(minutes=5)  # the overdue-supervision job runs every five minutes


def supervise_overdue_orders() -> None:
    """Run the overdue-supervision job (督办) over the replayed orders, as the scheduler would
    have, and date its events when those runs would have happened: the community's just after
    the due time, the street's two working days later. (The job commits.)"""
    supervise_overdue()
    events = db.session.scalars(
        sa.select(OrderEvent)
        .where(OrderEvent.action == Action.SUPERVISE.value)
        .order_by(OrderEvent.order_id, OrderEvent.id)
    ).all()
    for order_id, group in groupby(events, key=lambda event: event.order_id):
        order = db.session.get_one(Order, order_id)
        assert order.due_at is not None  # supervised orders have a due time
        runs = [order.due_at + JOB_TICK, street_supervision_for(order.due_at) + JOB_TICK]
        # The community's event first, then the street's; never later than the run just done.
        fields = ("supervised_at", "street_supervised_at")
        for event, at, field in zip(group, runs, fields, strict=False):
            event.at = min(at, event.at)
            setattr(order, field, event.at)
    db.session.flush()
