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
