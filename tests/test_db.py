"""The UTC-aware timestamp type and the SQLite connection settings."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from volunteer.auth.models import LoginFailure
from volunteer.extensions import db


def test_timestamps_come_back_aware_utc(app):
    shanghai = timezone(timedelta(hours=8))
    with app.app_context():
        db.session.add(LoginFailure(username="x", at=datetime(2026, 10, 1, 9, 0, tzinfo=shanghai)))
        db.session.commit()
        db.session.expire_all()
        at = db.session.scalar(sa.select(LoginFailure.at))
    assert at == datetime(2026, 10, 1, 1, 0, tzinfo=UTC)
    assert at.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused(app):
    with app.app_context():
        db.session.add(LoginFailure(username="x", at=datetime(2026, 10, 1, 9, 0)))
        with pytest.raises(sa.exc.StatementError, match="naive datetime"):
            db.session.flush()
        db.session.rollback()


def test_sqlite_runs_in_wal_with_a_busy_timeout(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_writers_queue_on_the_lock_file_and_let_go_at_commit(app):
    """A second writer waits for the first one's COMMIT (on the lock file, woken at once),
    then sees what it wrote; the lock is free again when the connection is returned."""
    import threading
    import time

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        engine = db.engine
    first_inside, order = threading.Event(), []

    def first():
        with engine.begin() as connection:  # outside a request: a writing transaction
            connection.execute(
                sa.insert(LoginFailure).values(username="first", at=datetime.now(UTC))
            )
            first_inside.set()
            time.sleep(0.3)
            order.append("first commits")

    def second():
        first_inside.wait()
        with engine.begin() as connection:
            order.append("second inside")
            seen = connection.execute(sa.select(sa.func.count()).select_from(LoginFailure)).scalar()
            connection.execute(
                sa.insert(LoginFailure).values(username="second", at=datetime.now(UTC))
            )
        order.append(seen)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert order == ["first commits", "second inside", 1]
    # The same thread taking a second writing connection while holding the lock falls back to
    # SQLite's busy wait instead of waiting for itself forever.
    with engine.begin() as outer:
        outer.execute(sa.insert(LoginFailure).values(username="outer", at=datetime.now(UTC)))
        inner = engine.connect()
        inner.connection.dbapi_connection.execute("PRAGMA busy_timeout=50")
        try:
            with pytest.raises(sa.exc.OperationalError, match="locked"), inner.begin():
                inner.execute(
                    sa.insert(LoginFailure).values(username="inner", at=datetime.now(UTC))
                )
        finally:
            inner.invalidate()  # not back into the pool with that short timeout
            inner.close()
