"""`volunteer backup PATH` while the app writes (SQLite's online backup API), and
`volunteer restore PATH`: every order acknowledged before the backup is back, and /stats
read from the restored tallies equals a recount (`volunteer stats rebuild`)."""

import threading
import time

import pytest
import sqlalchemy as sa

from tests import conftest, factories
from tests.order_fixtures import order_body
from volunteer import create_app
from volunteer.auth.models import User
from volunteer.auth.services import issue_token
from volunteer.cli import main
from volunteer.extensions import db


def sqlite_app(path, tmp_path):
    app = create_app(conftest.test_config(f"sqlite:///{path}", tmp_path))
    app.config["REQUEST_LOG"] = False
    return app


@pytest.fixture
def live(tmp_path):
    """An app on its own SQLite file with the small district and two tokens."""
    app = sqlite_app(tmp_path / "live.sqlite3", tmp_path)
    with app.app_context():
        db.create_all()
        district = factories.district()
        db.session.flush()
        tokens = {
            "resident": issue_token(db.session.get(User, district.resident.id))[0],
            "secretary": issue_token(db.session.get(User, district.secretary.id))[0],
        }
        community = district.community.id
        db.session.commit()
    yield app, tokens, community
    with app.app_context():
        db.engine.dispose()


def stats(app, token, community) -> dict:
    response = app.test_client().get(
        f"/api/v1/stats?community_id={community}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200, response.json
    return response.json


def test_backup_under_write_load_then_restore(live, tmp_path):
    app, tokens, community = live
    acknowledged: list[int] = []
    stopping = threading.Event()

    def write() -> None:
        client = app.test_client()
        headers = {"Authorization": f"Bearer {tokens['resident']}"}
        while not stopping.is_set():
            response = client.post("/api/v1/orders", json=order_body(), headers=headers)
            assert response.status_code == 201, response.json
            acknowledged.append(response.json["id"])

    writers = [threading.Thread(target=write) for _ in range(2)]
    for writer in writers:
        writer.start()
    try:
        time.sleep(0.5)
        before_backup = set(acknowledged)
        backup = tmp_path / "backup.sqlite3"
        result = app.test_cli_runner().invoke(main, ["backup", str(backup)])
        assert result.exit_code == 0, result.output
        time.sleep(0.3)
    finally:
        stopping.set()
        for writer in writers:
            writer.join()
    assert len(before_backup) > 0 and len(acknowledged) > len(before_backup)

    restored = sqlite_app(tmp_path / "restored.sqlite3", tmp_path)
    result = restored.test_cli_runner().invoke(main, ["restore", str(backup), "--yes"])
    assert result.exit_code == 0, result.output
    with restored.app_context():
        orders = set(db.session.scalars(sa.text("SELECT id FROM orders")))
        db.session.remove()
    assert before_backup <= orders  # every order acknowledged before the backup
    assert orders <= set(acknowledged)  # and nothing that was not written
    kept = stats(restored, tokens["secretary"], community)
    assert kept["orders"]["by_status"]["submitted"] == len(orders)
    rebuilt = restored.test_cli_runner().invoke(main, ["stats", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert stats(restored, tokens["secretary"], community) == kept
    with restored.app_context():
        db.engine.dispose()


def test_backup_refuses_postgresql(runner, app):
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://x@127.0.0.1/y"
    result = runner.invoke(main, ["backup", "/tmp/nowhere.sqlite3"])
    assert result.exit_code == 1
    assert "pg_dump" in result.output


def test_restore_refuses_a_file_that_is_not_a_database(runner, tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    result = runner.invoke(main, ["restore", str(junk), "--yes"])
    assert result.exit_code != 0
