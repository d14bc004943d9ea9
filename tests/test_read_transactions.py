"""A read begins no transaction (db.py: `begin`): no BEGIN, COMMIT or ROLLBACK reaches the
database for a GET, on SQLite or PostgreSQL; a read that writes after all begins one at its
first write, which holds all its writes; a connection goes back to the pool as it was lent."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import Pool

from volunteer.auth.models import LoginFailure
from volunteer.extensions import db

TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END")


@pytest.fixture
def driver(app):
    """What reaches the database, per statement: its SQL as the driver sends it (SQLite:
    BEGIN IMMEDIATE included) and whether a transaction was open once it ran (PostgreSQL)."""
    with app.app_context():
        engine = db.engine
    seen: list[tuple[str, bool]] = []

    def traced(statement: str) -> None:
        seen.append((statement, False))

    def checkout(dbapi_connection, record, proxy):
        if engine.dialect.name == "sqlite":
            dbapi_connection.set_trace_callback(traced)

    def checkin(dbapi_connection, record):
        if engine.dialect.name == "sqlite":
            dbapi_connection.set_trace_callback(None)

    def executed(conn, cursor, statement, parameters, context, executemany):
        if engine.dialect.name == "postgresql":
            status = conn.connection.dbapi_connection.info.transaction_status
            seen.append((statement, status.name != "IDLE"))

    sa.event.listen(Pool, "checkout", checkout)
    sa.event.listen(Pool, "checkin", checkin)
    sa.event.listen(engine, "after_cursor_execute", executed)
    yield seen
    sa.event.remove(Pool, "checkout", checkout)
    sa.event.remove(Pool, "checkin", checkin)
    sa.event.remove(engine, "after_cursor_execute", executed)


def statements(seen) -> list[str]:
    return [" ".join(sql.split()).upper() for sql, _ in seen]


def test_a_read_sends_no_transaction_control(app, district, post_order, driver):
    order = post_order()
    driver.clear()
    for path in (f"/orders/{order['id']}", "/orders?page_size=20", "/stats"):
        assert district.api.secretary.get(path).status_code == 200
    sent = statements(driver)
    assert sent and all(sql.startswith(("SELECT", "WITH")) for sql in sent), sent
    assert not any(in_transaction for _, in_transaction in driver)


def test_a_refused_read_sends_none_either(app, district, driver):
    assert district.api.secretary.get("/orders/987654321").status_code == 404
    sent = statements(driver)
    assert sent and not any(sql.startswith(TRANSACTION_CONTROL) for sql in sent), sent
    assert not any(in_transaction for _, in_transaction in driver)


def failures() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(LoginFailure))


def write_two(app, *, keep: bool) -> None:
    """In a GET: a read, then two writes, then commit or roll back."""
    with app.test_request_context("/api/v1/orders", method="GET"):
        assert failures() == 0
        for name in ("first", "second"):
            db.session.add(LoginFailure(username=name, at=datetime.now(UTC)))
            db.session.flush()
        if keep:
            db.session.commit()
        else:
            db.session.rollback()
        db.session.remove()


def test_a_read_that_writes_begins_a_transaction_at_its_first_write(app, driver):
    write_two(app, keep=False)
    with app.app_context():
        assert failures() == 0  # both writes rolled back: they were one transaction
        dialect = db.engine.dialect.name
    sent = statements(driver)
    first_write = next(i for i, sql in enumerate(sent) if sql.startswith("INSERT"))
    if dialect == "sqlite":
        assert sent[first_write - 1] == "BEGIN IMMEDIATE", sent
        assert "BEGIN" not in sent[: first_write - 1]
    else:
        reads, writes = driver[:first_write], driver[first_write:]
        assert not any(in_transaction for _, in_transaction in reads)
        assert all(in_transaction for sql, in_transaction in writes if "INSERT" in sql.upper())

    driver.clear()
    write_two(app, keep=True)
    with app.app_context():
        assert failures() == 2


def test_a_connection_goes_back_to_the_pool_as_it_was_lent(app, district, post_order):
    """On PostgreSQL a read's connection runs in autocommit: it is set back before anyone
    else can take it, raw connections included."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite's driver sends BEGIN only when told to")
    order = post_order()
    returned: list[bool] = []

    def checkin(dbapi_connection, record):
        returned.append(dbapi_connection.autocommit)

    sa.event.listen(Pool, "checkin", checkin)
    try:
        assert district.api.secretary.get(f"/orders/{order['id']}").status_code == 200
    finally:
        sa.event.remove(Pool, "checkin", checkin)
    assert returned and not any(returned)
    with app.app_context():
        raw = db.engine.raw_connection()
        try:
            assert raw.dbapi_connection.autocommit is False
        finally:
            raw.close()


def test_an_engine_in_autocommit_of_its_own_stays_in_it(app):
    """An engine made with isolation_level="AUTOCOMMIT" (the two-node test's, a DBA's
    script) runs statements no transaction block may hold, in a request or not."""
    with app.app_context():
        url = db.engine.url
    if url.get_backend_name() != "postgresql":
        pytest.skip("PostgreSQL's autocommit")
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        for method in ("GET", "POST"):
            with app.test_request_context("/", method=method), engine.connect() as connection:
                connection.exec_driver_sql("DROP DATABASE IF EXISTS volunteer_never_made")
                assert connection.connection.dbapi_connection.autocommit is True
    finally:
        engine.dispose()
