"""The table of jobs, the scheduler built from it, and recording runs."""

import logging
import threading
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tests import conftest
from volunteer import create_app
from volunteer.extensions import db
from volunteer.jobs.lease import current_holder
from volunteer.jobs.models import JobRun
from volunteer.jobs.runner import build_scheduler, run_job, start_scheduler
from volunteer.jobs.schedule import JOBS, JOBS_BY_NAME, Job, every

INTERVALS = {
    "claim-reminders": timedelta(minutes=5),
    "due-reminders": timedelta(minutes=5),
    "overdue-supervision": timedelta(minutes=5),
    "auto-close": timedelta(hours=1),
    "outbox": timedelta(minutes=1),
}


def test_the_table_names_every_job_once_with_a_schedule_and_a_description():
    assert [job.name for job in JOBS] == [
        "claim-reminders",
        "due-reminders",
        "overdue-supervision",
        "auto-close",
        "outbox",
        "employer-reports",
        "retention",
        "appointment-reminders",
        "samples",
        "activity-reminders",
        "pairing-visits",
    ]
    assert all(job.description and callable(job.run) for job in JOBS)
    assert [job.schedule for job in JOBS] == [
        "every 5 min",
        "every 5 min",
        "every 5 min",
        "hourly",
        "every minute",
        "cron month=1,7 day=1 hour=6 minute=0",
        "cron hour=3 minute=30",
        "hourly",
        "cron day=1 hour=2 minute=0",
        "every 30 min",
        "hourly",
    ]


def test_the_scheduler_has_one_entry_per_job_plus_the_heartbeat(app):
    scheduler = build_scheduler(app).scheduler
    scheduler.start(paused=True)  # defaults are applied when the scheduler starts
    try:
        entries = {entry.id: entry for entry in scheduler.get_jobs()}
    finally:
        scheduler.shutdown(wait=True)

    assert set(entries) == set(JOBS_BY_NAME) | {"lease-heartbeat"}
    for name, interval in INTERVALS.items():
        assert isinstance(entries[name].trigger, IntervalTrigger)
        assert entries[name].trigger.interval == interval
    retention = entries["retention"].trigger
    assert isinstance(retention, CronTrigger)
    assert retention.timezone == ZoneInfo("Asia/Shanghai")
    assert {(e.max_instances, e.coalesce) for e in entries.values()} == {(1, True)}


def test_a_started_scheduler_takes_the_lease_and_gives_it_up_when_stopped(app):
    scheduler = start_scheduler(app, block=False)
    try:
        deadline = time.monotonic() + 120
        with app.app_context():
            while current_holder() != scheduler.holder and time.monotonic() < deadline:
                db.session.rollback()
                time.sleep(0.05)
            assert current_holder() == scheduler.holder
    finally:
        scheduler.stop()

    assert not scheduler.scheduler.running
    with app.app_context():
        assert current_holder() is None


def test_creating_the_app_starts_no_scheduler(database_url, tmp_path):
    create_app(conftest.test_config(database_url, tmp_path))

    assert not [t for t in threading.enumerate() if t.name.startswith("APScheduler")]


def test_a_failing_job_is_recorded_and_logged_not_raised(app, monkeypatch, caplog):
    def explode() -> str:
        raise RuntimeError("数据库不可用")

    monkeypatch.setitem(JOBS_BY_NAME, "explode", Job("explode", every(5), explode, "fails"))

    with caplog.at_level(logging.ERROR, logger="volunteer.jobs.runner"):
        outcome = run_job(app, "explode")

    assert not outcome.ok
    assert outcome.result == "failed: RuntimeError: 数据库不可用"
    assert "job explode failed" in caplog.text
    with app.app_context():
        run = db.session.get(JobRun, "explode")
        assert run.result == outcome.result
        assert run.finished_at >= run.started_at
