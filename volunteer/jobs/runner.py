"""Running the jobs: once (`volunteer jobs run`), or on schedule while holding the lease.

`volunteer scheduler` (and `volunteer up`) call `start_scheduler`; `create_app()` never does,
so gunicorn workers never run jobs. Several schedulers may start (one per machine, say): each
checks the lease before every job and only the holder acts. Should a holder stall past the
lease's expiry and a second take over, the jobs are idempotent and claim their rows with
conditional UPDATEs, so a run that overlaps does no harm.
"""

import logging
import signal
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from flask import Flask

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs import lease
from volunteer.jobs.models import JobRun
from volunteer.jobs.schedule import JOBS, JOBS_BY_NAME, trigger_of

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 30


@dataclass(frozen=True)
class Outcome:
    """How a run went: `result` is the job's summary, or the error."""

    ok: bool
    result: str


def run_job(app: Flask, name: str) -> Outcome:
    """Run one job now in its own app context and record the run; errors are logged and
    returned, never raised, so that a failing job cannot stop the scheduler."""
    job = JOBS_BY_NAME[name]
    with app.app_context():
        started = utcnow()
        try:
            outcome = Outcome(True, str(job.run()))
        except Exception as error:
            db.session.rollback()
            log.exception("job %s failed", name)
            outcome = Outcome(False, f"failed: {type(error).__name__}: {error}")
        try:
            record_run(name, started, outcome)
            db.session.commit()
        except Exception:
            # Two runs finishing at once may both insert the first row; the record can wait.
            db.session.rollback()
            log.exception("could not record the run of job %s", name)
        log.info("job %s: %s", name, outcome.result)
        return outcome


def record_run(name: str, started, outcome: Outcome) -> None:
    """The last run's times and result, and one more run (and failure) counted in SQL, so
    that two schedulers overlapping for a moment both count."""
    values = {"started_at": started, "finished_at": utcnow(), "result": outcome.result[:500]}
    failed = 0 if outcome.ok else 1
    counted = db.session.execute(
        sa.update(JobRun)
        .where(JobRun.name == name)
        .values(**values, runs=JobRun.runs + 1, failures=JobRun.failures + failed)
        .execution_options(synchronize_session=False)
    )
    if counted.rowcount == 0:  # type: ignore[attr-defined]  # an UPDATE's CursorResult
        db.session.add(JobRun(name=name, **values, runs=1, failures=failed))


def run_if_holder(app: Flask, name: str, holder: str) -> Outcome | None:
    """Renew the lease and run the job, or skip it when another scheduler holds the lease."""
    if not renew(app, holder):
        log.debug("job %s skipped: another scheduler holds the lease", name)
        return None
    return run_job(app, name)


def renew(app: Flask, holder: str) -> bool:
    """Take or renew the lease (the heartbeat); false when another holds it or on errors."""
    with app.app_context():
        try:
            return lease.acquire(holder)
        except Exception:
            db.session.rollback()
            log.exception("could not renew the scheduler lease")
            return False


@dataclass
class Scheduler:
    """APScheduler with one entry per row of JOBS plus the lease heartbeat."""

    app: Flask
    scheduler: BaseScheduler
    holder: str = field(default_factory=lease.new_holder_id)

    def stop(self) -> None:
        """Wait for running jobs, then give the lease up."""
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        with self.app.app_context():
            try:
                lease.release(self.holder)
            except Exception:
                db.session.rollback()
                log.exception("could not release the scheduler lease")


def build_scheduler(app: Flask) -> Scheduler:
    """The scheduler (its jobs run in a thread pool), not yet started."""
    scheduler = BackgroundScheduler(
        timezone=ZoneInfo(app.config["TIMEZONE"]),
        # Late runs (a busy or sleeping machine) still happen, once.
        job_defaults={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
    )
    wrapper = Scheduler(app, scheduler)
    for job in JOBS:
        scheduler.add_job(
            run_if_holder,
            args=(app, job.name, wrapper.holder),
            id=job.name,
            **trigger_of(job, app.config),
        )
    scheduler.add_job(
        renew,
        "interval",
        seconds=HEARTBEAT_SECONDS,
        args=(app, wrapper.holder),
        id="lease-heartbeat",
        next_run_time=utcnow(),
    )
    return wrapper


def start_scheduler(app: Flask, *, block: bool) -> Scheduler:
    """Start the jobs: in a background thread (`volunteer up`), or in the foreground until
    Ctrl-C or SIGTERM (`volunteer scheduler`), then stop cleanly and release the lease."""
    wrapper = build_scheduler(app)
    wrapper.scheduler.start()
    if block:
        try:
            wait_for_a_stop_signal()
        finally:
            wrapper.stop()
    return wrapper


def wait_for_a_stop_signal(poll_seconds: float = 0.2) -> None:
    """Until SIGINT or SIGTERM. The handlers only note the signal, and the scheduler runs in
    its own thread: an exception raised by a handler in a scheduler's loop may strike between
    acquiring one of its locks and the `with` block that releases it, and stopping would then
    wait for that lock forever (a stop that once hung for five minutes under load)."""
    received: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM)
    before = {
        number: signal.signal(number, lambda n, _frame: received.append(n)) for number in stops
    }
    try:
        while not received:
            time.sleep(poll_seconds)
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
