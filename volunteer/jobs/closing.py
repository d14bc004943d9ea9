"""auto-close: completed orders the resident has not rated within the rating window."""

from datetime import timedelta

from flask import current_app

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.selection import orders_where
from volunteer.orders.closing import auto_close
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus


def close_unrated() -> str:
    """Completed and unrated for RATING_WINDOW_DAYS (7): closed with close_reason auto_closed."""
    window = timedelta(days=current_app.config["RATING_WINDOW_DAYS"])
    orders = orders_where(
        Order.status == OrderStatus.COMPLETED, Order.completed_at < utcnow() - window
    )
    for order in orders:
        auto_close(order)
    db.session.commit()
    return f"{len(orders)} unrated orders closed"
