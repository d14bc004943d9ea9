"""The scheduler lease: one row per lease name; whoever holds it unexpired runs the jobs.

Taking the lease is a conditional UPDATE (`… WHERE holder = me OR expires_at < now`) and,
when there is no row yet, an INSERT that the primary key lets only one process win; both are
atomic on SQLite and PostgreSQL. The holder renews it well within the time to live; a process
that dies simply stops renewing, and another takes over once the lease has expired. Times come
from each process's clock, so the machines' clocks must agree to within a few seconds (NTP).
"""

import os
import secrets
import socket
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.models import SchedulerLease

LEASE_NAME = "scheduler"
TIME_TO_LIVE = timedelta(seconds=90)


def new_holder_id() -> str:
    """Who this process is, readable for operators: host:pid:random."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[:100]


def acquire(holder: str, name: str = LEASE_NAME, ttl: timedelta = TIME_TO_LIVE) -> bool:
    """Take or renew the lease for `ttl`; whether `holder` holds it now. Commits."""
    now = utcnow()
    renewed = db.session.execute(
        sa.update(SchedulerLease)
        .where(
            SchedulerLease.name == name,
            sa.or_(SchedulerLease.holder == holder, SchedulerLease.expires_at < now),
        )
        .values(holder=holder, expires_at=now + ttl)
        .execution_options(synchronize_session=False)
    )
    if renewed.rowcount == 1:  # type: ignore[attr-defined]  # an UPDATE's CursorResult
        db.session.commit()
        return True
    try:
        db.session.execute(
            sa.insert(SchedulerLease).values(name=name, holder=holder, expires_at=now + ttl)
        )
        db.session.commit()
    except IntegrityError:
        # The row exists and someone else holds it (or took it a moment ago).
        db.session.rollback()
        return False
    return True


def release(holder: str, name: str = LEASE_NAME) -> None:
    """Give the lease up at shutdown, so that another scheduler need not wait for expiry."""
    db.session.execute(
        sa.delete(SchedulerLease).where(
            SchedulerLease.name == name, SchedulerLease.holder == holder
        )
    )
    db.session.commit()


def current_holder(name: str = LEASE_NAME) -> str | None:
    """The holder of an unexpired lease, if any."""
    return db.session.scalar(
        sa.select(SchedulerLease.holder).where(
            SchedulerLease.name == name, SchedulerLease.expires_at >= utcnow()
        )
    )
