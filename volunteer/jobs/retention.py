"""retention: resident contact data does not outlive its purpose (PIPL art. 19, 47).

Orders that ended (closed, rejected, merged, cancelled) more than RETENTION_DAYS ago lose the
contact name, address and phone, and the resident's photos of the need (stage "order"); the
claimer's photos of the finished work stay with the service record. The photo rows go in the
job's transaction and the files after its commit, so a failed run never leaves a row pointing
at a deleted file (a crash between the two leaves an orphaned file, never a broken photo).

Stored first responses of POST /orders (Idempotency-Key) repeat the contact data; they are
useless after IDEMPOTENCY_HOURS and are deleted here too.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.selection import orders_where
from volunteer.orders.models import IdempotencyKey, Order
from volunteer.orders.states import TERMINAL
from volunteer.storage import storage

RESIDENT_STAGE = "order"


def erase_expired_contacts() -> str:
    """Erase the contact data and resident photos of orders ended RETENTION_DAYS ago."""
    now = utcnow()
    cutoff = now - timedelta(days=current_app.config["RETENTION_DAYS"])
    orders = orders_where(
        Order.status.in_(TERMINAL), Order.closed_at < cutoff, Order.contact_erased_at.is_(None)
    )
    keys = []
    for order in orders:
        order.contact_name = order.address = order.contact_phone = None
        order.contact_erased_at = now
        for photo in [p for p in order.photos if p.stage == RESIDENT_STAGE]:
            keys.append(photo.storage_key)
            order.photos.remove(photo)
            db.session.delete(photo)
    window = timedelta(hours=current_app.config["IDEMPOTENCY_HOURS"])
    replays = db.session.execute(
        sa.delete(IdempotencyKey).where(IdempotencyKey.created_at < now - window)
    ).rowcount  # type: ignore[attr-defined]  # a DELETE's CursorResult
    db.session.commit()
    files = storage()
    for key in keys:
        files.delete(key)
    return (
        f"{len(orders)} orders erased ({len(keys)} photos), "
        f"{replays} expired idempotency records deleted"
    )
