"""The order's clocks, read from the configuration: due times, windows, the time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app

from volunteer.orders import deadlines


def zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def due_for(order, start: datetime) -> datetime:
    """The service due time of `order` counted from `start`."""
    return deadlines.due_time(
        start,
        kind=order.kind,
        urgency=order.urgency,
        category=order.category,
        config=current_app.config,
        tz=zone(),
    )


def claim_due_for(start: datetime) -> datetime:
    return deadlines.claim_due_time(start, zone())


def street_supervision_for(due_at: datetime) -> datetime:
    return deadlines.street_supervision_time(due_at, zone())
