"""The period's reports for every employer, drafted in the background from the reports desk:
the work of `volunteer reports generate` (idempotent: drafts refreshed, sent reports left
alone), with a progress row that the desk's page shows until the run is over.

A run is a thread of the web process that started it. Should that process die mid-run, the
row stops moving: after STALE it counts as interrupted, and a new run (which redoes nothing
already done) may start.
"""

import logging
import threading
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from flask_babel import lazy_gettext as _l

from volunteer.db import utcnow
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.reports.models import DraftRun
from volunteer.reports.periods import Period
from volunteer.reports.services import drafted, employers_in_use, manages_reports

log = logging.getLogger(__name__)

STALE = timedelta(minutes=10)


def is_under_way(run: DraftRun) -> bool:
    """Not finished, and moved within STALE (else its process has gone)."""
    return run.finished_at is None and utcnow() - run.updated_at < STALE


def start_draft_run(actor, period: Period) -> tuple[DraftRun, bool]:
    """A new run for the period (admin, street admin), or the one already under way for it;
    and whether it is new (then the caller starts it once the row is committed)."""
    if not manages_reports(actor):
        raise Forbidden(_l("Only an administrator or a street admin may draft reports."))
    running = db.session.scalars(
        sa.select(DraftRun).where(
            DraftRun.period_start == period.start,
            DraftRun.period_end == period.end,
            DraftRun.finished_at.is_(None),
        )
    )
    for run in running:
        if is_under_way(run):
            return run, False
    run = DraftRun(
        period_start=period.start,
        period_end=period.end,
        total=len(employers_in_use()),
        started_by_id=actor.id,
    )
    db.session.add(run)
    db.session.flush()
    return run, True


def access_draft_run(actor, run_id: int) -> DraftRun:
    """A run, for the issuers only (404 to anyone else)."""
    run = db.session.get(DraftRun, run_id)
    if run is None or not manages_reports(actor):
        raise NotFound(_l("No such drafting run."))
    return run


def run_in_background(app: Flask, run_id: int) -> threading.Thread:
    """Start drafting in a thread of this process (after the run's row is committed)."""
    thread = threading.Thread(
        target=draft_all, args=(app, run_id), name=f"draft-run-{run_id}", daemon=True
    )
    thread.start()
    return thread


def draft_all(app: Flask, run_id: int) -> None:
    """Draft every employer's report for the run's period, moving its progress row after
    each employer; a failure is written into the row, never raised."""
    with app.app_context():
        run = db.session.get_one(DraftRun, run_id)
        period = Period(run.period_start, run.period_end)
        try:
            for outcome, _ in drafted(period, employers_in_use()):
                counter = getattr(DraftRun, outcome)
                moved = {
                    DraftRun.done: DraftRun.done + 1,
                    counter: counter + 1,
                    DraftRun.updated_at: utcnow(),
                }
                db.session.execute(sa.update(DraftRun).where(DraftRun.id == run_id).values(moved))
                db.session.commit()
            finish(run_id, None)
        except Exception as error:
            db.session.rollback()
            log.exception("drafting run %s failed", run_id)
            finish(run_id, f"{type(error).__name__}: {error}"[:500])
        finally:
            db.session.remove()


def finish(run_id: int, error: str | None) -> None:
    now = utcnow()
    db.session.execute(
        sa.update(DraftRun)
        .where(DraftRun.id == run_id)
        .values(finished_at=now, updated_at=now, error=error)
    )
    db.session.commit()
