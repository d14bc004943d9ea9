"""Migration 0010: phones repeated among users before they were unique stay with the first
user who registered them; the others lose theirs, and the unique constraint holds."""

import flask_migrate
import pytest
import sqlalchemy as sa

from tests.test_migrations import empty_app, empty_database_url, keep_logging  # noqa: F401
from volunteer.extensions import db

pytestmark = pytest.mark.slow


def insert_user(connection, user_id: int, phone: str | None) -> None:
    connection.execute(
        sa.text(
            "INSERT INTO users (id, username, password_hash, display_name, phone, active,"
            " created_at) VALUES (:id, :username, 'x', '居民', :phone, true, :at)"
        ),
        {"id": user_id, "username": f"user{user_id}", "phone": phone, "at": "2026-01-01"},
    )


def test_repeated_phones_stay_with_the_first_user(empty_app):  # noqa: F811
    flask_migrate.upgrade(revision="0009")
    with db.engine.begin() as connection:
        for user_id, phone in [(1, "13800138000"), (2, "13800138000"), (3, None), (4, None)]:
            insert_user(connection, user_id, phone)
        insert_user(connection, 5, "13800138000")
        insert_user(connection, 6, "13900139000")
        # A row that points at a user: rebuilding the users table must not trip over it.
        connection.execute(
            sa.text(
                "INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at)"
                " VALUES (1, 'h', :at, :at)"
            ),
            {"at": "2026-01-01"},
        )

    flask_migrate.upgrade()

    with db.engine.begin() as connection:
        phones = dict(connection.execute(sa.text("SELECT id, phone FROM users ORDER BY id")).all())
        assert phones == {1: "13800138000", 2: None, 3: None, 4: None, 5: None, 6: "13900139000"}
        # Rebuilding users with foreign keys on would have cascaded into (or refused) its rows.
        assert connection.execute(sa.text("SELECT user_id FROM api_tokens")).all() == [(1,)]
        with pytest.raises(sa.exc.IntegrityError):
            insert_user(connection, 7, "13900139000")
