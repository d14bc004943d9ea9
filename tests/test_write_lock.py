"""SQLite's write lock taken at a view's first write (db.lock_at_first_write: POST /orders),
and the answer built after its COMMIT (db.commit_keeping_objects)."""

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import Pool

from tests.order_fixtures import order_body
from volunteer.auth.models import LoginFailure
from volunteer.extensions import db
from volunteer.orders.models import Order


@pytest.fixture
def sqlite_engine(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        return db.engine


@pytest.fixture
def traced(sqlite_engine):
    """Every statement SQLite runs, as the driver sends it (BEGIN IMMEDIATE included)."""
    statements: list[str] = []

    def checkout(dbapi_connection, record, proxy):
        dbapi_connection.set_trace_callback(statements.append)

    def checkin(dbapi_connection, record):
        dbapi_connection.set_trace_callback(None)

    sa.event.listen(Pool, "checkout", checkout)
    sa.event.listen(Pool, "checkin", checkin)
    yield statements
    sa.event.remove(Pool, "checkout", checkout)
    sa.event.remove(Pool, "checkin", checkin)


def verb(statement: str) -> str:
    return statement.split(None, 1)[0].upper()


def test_a_post_of_an_order_reads_unlocked_and_locks_for_its_writes(district, traced):
    response = district.api.resident.post("/orders", json=order_body())
    assert response.status_code == 201
    began = traced.index("BEGIN IMMEDIATE")
    assert began > 0 and {verb(s) for s in traced[:began]} == {"SELECT"}
    assert verb(traced[began + 1]) == "INSERT"
    assert "BEGIN" not in traced  # no deferred transaction whose snapshot could go stale
    assert traced.index("COMMIT") > began
    # Built after the COMMIT from what it wrote: the answer is the order as stored.
    stored = district.api.resident.get(f"/orders/{response.json['id']}").json
    assert response.json == stored


def test_another_view_still_locks_at_its_first_statement(district, traced):
    order = district.api.resident.post("/orders", json=order_body()).json
    traced.clear()
    response = district.api.resident.post(
        f"/orders/{order['id']}/cancel", json={"reason": "不需要了"}
    )
    assert response.status_code == 200, response.json
    assert traced[0] == "BEGIN IMMEDIATE"


def test_reads_before_the_first_write_do_not_wait_for_another_writer(app, district, sqlite_engine):
    """While another process's request holds the write lock, a POST /orders refused on what
    it read answers at once; one that writes waits for the lock and then succeeds."""
    holding, release, done = threading.Event(), threading.Event(), threading.Event()

    def writer():
        with sqlite_engine.begin() as connection:  # outside a request: locks at once
            connection.execute(sa.insert(LoginFailure).values(username="x", at=datetime.now(UTC)))
            holding.set()
            release.wait(10)
        done.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(10)
        elsewhere = order_body(community_id=district.other_community)
        assert district.api.resident.post("/orders", json=elsewhere).status_code == 404
        assert not done.is_set()  # answered while the lock was held
        release.set()
        assert district.api.resident.post("/orders", json=order_body()).status_code == 201
    finally:
        release.set()
        thread.join(10)


def test_a_locking_read_begins_the_writes(app, sqlite_engine, traced):
    """In such a view a SELECT … FOR UPDATE (SQLite's SQL drops the FOR UPDATE) takes the
    lock like a write; a plain SELECT begins nothing."""
    with app.test_request_context("/api/v1/orders", method="POST"):
        db.session.execute(sa.select(Order.id).limit(1))
        assert traced == [traced[0]] and verb(traced[0]) == "SELECT"
        db.session.execute(sa.select(Order.id).limit(1).with_for_update())
        assert traced[1] == "BEGIN IMMEDIATE" and verb(traced[2]) == "SELECT"
        db.session.rollback()
        db.session.remove()
