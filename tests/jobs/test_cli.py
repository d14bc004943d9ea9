"""`volunteer jobs list`, `volunteer jobs run NAME`, `volunteer scheduler` and `volunteer up`."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from volunteer.extensions import db
from volunteer.jobs.lease import acquire, current_holder
from volunteer.jobs.schedule import JOBS


def test_jobs_list_shows_every_job_and_its_last_run(cli):
    assert cli("jobs", "run", "outbox").exit_code == 0

    result = cli("jobs", "list")

    assert result.exit_code == 0, result.output
    for job in JOBS:
        assert job.name in result.output
        assert job.schedule in result.output
        assert job.description in result.output
    blocks = {
        block.split()[0]: block for block in result.output.split("\n") if block and block[0] != " "
    }
    assert set(blocks) == {job.name for job in JOBS}
    lines = result.output.splitlines()
    outbox = lines.index(blocks["outbox"])
    assert lines[outbox + 2].strip().startswith("last run ")
    assert lines[outbox + 2].endswith(": SMTP not configured")
    auto_close = lines.index(blocks["auto-close"])
    assert lines[auto_close + 2].strip() == "never run"


def test_jobs_list_shows_a_schedule_changed_in_the_configuration(app, cli):
    app.config["JOB_SCHEDULES"] = {"retention": {"hour": 4}}

    result = cli("jobs", "list")

    assert "cron hour=4 minute=30" in result.output


def test_jobs_run_an_unknown_name_exits_2_and_lists_the_jobs(cli):
    result = cli("jobs", "run", "employer-report")

    assert result.exit_code == 2
    assert "no job 'employer-report'" in result.output
    for job in JOBS:
        assert job.name in result.output


def test_jobs_run_ignores_the_lease(app, cli):
    with app.app_context():
        assert acquire("another-machine")

    result = cli("jobs", "run", "retention")

    assert result.exit_code == 0, result.output
    assert result.output.startswith("retention: 0 orders erased")


def volunteer_executable() -> str:
    return str(Path(sys.executable).parent / "volunteer")


@pytest.mark.slow  # a scheduler process, started and stopped
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_scheduler_runs_in_the_foreground_holding_the_lease_until_stopped(
    app, database_url, tmp_path, stop
):
    env = {name: value for name, value in os.environ.items() if not name.startswith("VOLUNTEER_")}
    env.update(VOLUNTEER_DATABASE_URL=database_url, VOLUNTEER_SECRET_KEY="scheduler-test")
    process = subprocess.Popen(
        [volunteer_executable(), "scheduler"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 300  # however long a busy machine takes to start it
        with app.app_context():
            while current_holder() is None and time.monotonic() < deadline:
                assert process.poll() is None, process.stdout.read().decode()
                db.session.rollback()
                time.sleep(0.05)
            holder = current_holder()
        assert holder is not None and f":{process.pid}:" in holder
        process.send_signal(stop)
        output = process.communicate(timeout=300)[0].decode()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == 0, output
    assert "Scheduler stopped." in output
    with app.app_context():
        assert current_holder() is None


def test_up_starts_the_scheduler_before_serving_and_stops_it_after(app, district, cli, monkeypatch):
    seen = {}

    def serve(host, port, application, **options):
        """Instead of serving: wait for the scheduler's heartbeat to take the lease."""
        deadline = time.monotonic() + 120
        with application.app_context():
            while current_holder() is None and time.monotonic() < deadline:
                db.session.rollback()
                time.sleep(0.05)
            seen["holder"] = current_holder()

    monkeypatch.setattr("werkzeug.serving.run_simple", serve)
    monkeypatch.setattr("volunteer.cli.upgrade", lambda directory: None)
    monkeypatch.setattr("volunteer.cli.stop_on_sigterm", lambda: None)

    result = cli("up")

    assert result.exit_code == 0, result.output
    assert seen["holder"] is not None
    with app.app_context():
        assert current_holder() is None
