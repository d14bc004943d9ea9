"""How jobs pick the orders they work on."""

import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.orders.models import Order


def orders_where(*where) -> list[Order]:
    """The orders matching `where`, oldest first, locked for this job's transaction.

    On PostgreSQL rows that a request is changing right now are skipped (SKIP LOCKED): the
    next run sees them settled. On SQLite a job's transaction holds the write lock anyway.
    """
    select = (
        sa.select(Order)
        .where(*where)
        .order_by(Order.id)
        .with_for_update(of=Order, skip_locked=True)
    )
    return list(db.session.scalars(select))
