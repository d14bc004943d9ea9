"""The `samples` job: on the 1st, each street's sample of the month just ended."""

from datetime import date

import sqlalchemy as sa

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.timing import zone
from volunteer.organisations.models import Street
from volunteer.surveys.models import Sample
from volunteer.surveys.samples import draw_sample


def previous_month(day: date) -> str:
    """ "2026-10" for any day of November 2026."""
    year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    return f"{year:04d}-{month:02d}"


def draft_samples_on(day: date) -> str:
    """Draw the month before `day` for every active street not drawn yet (idempotent)."""
    month = previous_month(day)
    drawn = 0
    for street_id in db.session.scalars(sa.select(Street.id).where(Street.active)):
        exists = sa.select(Sample.id).where(Sample.street_id == street_id, Sample.month == month)
        if db.session.scalar(exists) is None:
            draw_sample(None, street_id=street_id, month=month)
            drawn += 1
    db.session.commit()
    return f"{drawn} samples drawn for {month}"


def draft_samples() -> str:
    """Each street's sample of the month just ended (scheduled on the 1st)."""
    return draft_samples_on(utcnow().astimezone(zone()).date())
