"""The scheduler lease: one holder at a time, taken over after expiry, on both databases."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.lease import TIME_TO_LIVE, acquire, current_holder, release
from volunteer.jobs.models import JobRun, SchedulerLease
from volunteer.jobs.runner import run_if_holder


def test_one_holder_at_a_time_and_the_other_takes_over_after_expiry(app, time_machine):
    with app.app_context():
        assert acquire("a") is True
        assert acquire("b") is False
        time_machine.move_to(utcnow() + TIME_TO_LIVE / 2)
        assert acquire("a") is True  # renewed: a full time to live from now
        time_machine.move_to(utcnow() + TIME_TO_LIVE - timedelta(seconds=5))
        assert acquire("b") is False
        assert current_holder() == "a"

        time_machine.move_to(utcnow() + timedelta(seconds=10))
        assert current_holder() is None
        assert acquire("b") is True
        assert acquire("a") is False
        assert current_holder() == "b"


def test_release_lets_the_next_one_in_at_once_but_only_the_holder_releases(app):
    with app.app_context():
        assert acquire("a") is True
        release("b")
        assert acquire("b") is False

        release("a")

        assert db.session.scalar(sa.select(sa.func.count()).select_from(SchedulerLease)) == 0
        assert acquire("b") is True


@pytest.mark.parametrize("lease_row", ["absent", "expired"])
def test_of_many_racing_for_the_lease_exactly_one_wins(app, lease_row):
    if lease_row == "expired":
        with app.app_context():
            db.session.add(
                SchedulerLease(name="scheduler", holder="gone", expires_at=utcnow() - timedelta(1))
            )
            db.session.commit()
    racers = 8
    start = threading.Barrier(racers)
    won = []

    def race(holder: str) -> None:
        with app.app_context():
            start.wait()
            if acquire(holder):
                won.append(holder)

    threads = [threading.Thread(target=race, args=(f"racer{i}",)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(won) == 1
    with app.app_context():
        assert current_holder() == won[0]


def test_a_scheduler_without_the_lease_skips_its_jobs(app):
    with app.app_context():
        assert acquire("other")

    assert run_if_holder(app, "auto-close", "me") is None

    with app.app_context():
        assert db.session.get(JobRun, "auto-close") is None
        release("other")
    outcome = run_if_holder(app, "auto-close", "me")
    assert outcome.ok and outcome.result == "0 unrated orders closed"
    with app.app_context():
        assert current_holder() == "me"
        assert db.session.get(JobRun, "auto-close").result == "0 unrated orders closed"
