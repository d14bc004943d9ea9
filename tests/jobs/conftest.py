"""Running jobs in tests, and taking stock of everything a job may change."""

import pytest
import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.jobs.runner import run_job
from volunteer.notifications.models import FollowUp, Notification, OutboxMessage
from volunteer.orders.models import IdempotencyKey, Order, OrderEvent, OrderPhoto

COUNTED = (OrderEvent, Notification, OutboxMessage, OrderPhoto, IdempotencyKey, FollowUp)


@pytest.fixture
def run(app):
    """`run(name)` runs a job the way the scheduler does and returns its summary."""

    def call(name: str) -> str:
        outcome = run_job(app, name)
        assert outcome.ok, outcome.result
        return outcome.result

    return call


@pytest.fixture
def snapshot(app):
    """`snapshot()`: row counts of what jobs write, and every order's status, version and
    contact data; equal snapshots before and after a run mean the run changed nothing."""

    def take() -> tuple:
        with app.app_context():
            counts = {
                model.__tablename__: db.session.scalar(
                    sa.select(sa.func.count()).select_from(model)
                )
                for model in COUNTED
            }
            orders = db.session.execute(
                sa.select(Order.id, Order.status, Order.version, Order.address).order_by(Order.id)
            ).all()
            return counts, [tuple(row) for row in orders]

    return take


@pytest.fixture
def order_row(app):
    """`order_row(id)`: the order's columns as they are in the database now."""

    def load(order_id: int) -> dict:
        with app.app_context():
            order = db.session.get(Order, order_id)
            return {column.key: getattr(order, column.key) for column in Order.__table__.c}

    return load


@pytest.fixture
def events_of(app):
    """`events_of(id, action)`: (action, from, to, note, actor_id) of the order's events."""

    def load(order_id: int, action: str | None = None) -> list[tuple]:
        with app.app_context():
            select = sa.select(OrderEvent).where(OrderEvent.order_id == order_id)
            if action is not None:
                select = select.where(OrderEvent.action == action)
            return [
                (e.action, e.from_status, e.to_status, e.note, e.actor_id)
                for e in db.session.scalars(select.order_by(OrderEvent.id))
            ]

    return load


@pytest.fixture
def notified(app):
    """`notified(kind)`: sorted (user_id, order_id) of the notifications of that kind."""

    def load(kind: str) -> list[tuple]:
        with app.app_context():
            rows = db.session.execute(
                sa.select(Notification.user_id, Notification.order_id).where(
                    Notification.kind == kind
                )
            ).all()
            return sorted(tuple(row) for row in rows)

    return load


@pytest.fixture
def cli(runner):
    """`cli(*args)`: run `volunteer ARGS` against the test app; the click Result."""
    from volunteer.cli import main

    return lambda *args: runner.invoke(main, list(args))
