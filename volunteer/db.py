"""Model base class, the UTC-aware DateTime column type and the clock."""

import os
import re
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, ORMExecuteState, Session, registry
from sqlalchemy.pool import Pool

try:
    import fcntl
except ImportError:  # not on POSIX: SQLite's own busy wait alone
    fcntl = None  # type: ignore[assignment]


def utcnow() -> datetime:
    """The current time, timezone-aware UTC (the one clock every model and service reads)."""
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite keeps no offset, so naive values read back are UTC by construction; naive values
    are refused on the way in so that local times can never slip into the database.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with constraint names that Alembic can alter on SQLite and PostgreSQL."""

    registry = registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime},
    )


@sa.event.listens_for(sa.Engine, "connect")
def sqlite_pragmas(dbapi_connection, connection_record):
    """SQLite: WAL so readers never block the writer, a busy timeout, and foreign keys on."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event below issue BEGIN itself (the pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A 64 MiB page cache per connection: with the default 2 MiB, every request re-read a big
    # database's index pages from the file (a memory map instead slowed the writes and did
    # not speed the reads: tests/bench/RESULTS.md).
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


@sa.event.listens_for(sa.Engine, "begin")
def begin(connection):
    """How a transaction begins (docs/design.md, "Requests and transactions").

    A read — a GET, HEAD or OPTIONS request — begins nothing: each of its statements runs on
    its own and sees what is committed when it runs (READ COMMITTED, which is what a
    PostgreSQL transaction gave it anyway), with no BEGIN and no COMMIT or ROLLBACK sent: two
    round trips fewer on PostgreSQL, whose driver then keeps its prepared statements (it
    forgets them at every ROLLBACK). Should a read write after all, its first write begins
    the transaction, which holds every write of the request (`first_write`).

    On SQLite a writing transaction takes the write lock up front (BEGIN IMMEDIATE): a
    deferred transaction that reads and then writes fails at once with "database is locked"
    when another writer committed in between; taking the lock first makes concurrent
    writers queue instead, so that the loser of a race sees the winner's committed state and
    gets a clean 409. A view marked `lock_at_first_write` takes it later, at its first
    write, as a read does: its reads before that run each on its own, and the lock is held
    for the writes alone.
    """
    dialect = connection.dialect.name
    if dialect == "postgresql":
        late = not writing() and read_in_autocommit(connection)
    elif dialect == "sqlite":
        late = not writing() or locks_at_first_write()
        if not late:
            take_write_lock(connection)
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        return
    if late:
        connection.info[LATE] = True  # see `first_write`


# Marks a pooled PostgreSQL connection this module put in autocommit for a read, to be taken
# out of it at the read's first write and when it goes back to the pool.
READ_AUTOCOMMIT = "volunteer.read_autocommit"


def read_in_autocommit(connection) -> bool:
    """Put a PostgreSQL connection in autocommit for a read; False when it was already, by
    its engine's own choice (isolation_level="AUTOCOMMIT": its writes are its business)."""
    dbapi_connection = connection.connection.dbapi_connection
    info = connection.info
    if dbapi_connection.autocommit and not info.get(READ_AUTOCOMMIT):
        return False
    dbapi_connection.autocommit = info[READ_AUTOCOMMIT] = True
    return True


def out_of_autocommit(dbapi_connection, info: dict) -> None:
    if info.pop(READ_AUTOCOMMIT, False) and dbapi_connection is not None:
        dbapi_connection.autocommit = False  # psycopg sends BEGIN before the next statement


LATE = "volunteer.begin_at_first_write"
# What begins the writes of a transaction begun late: any statement but a plain SELECT
# (a SELECT … FOR UPDATE too, below: SQLite's SQL drops the FOR UPDATE).
WRITES = re.compile(r"\s*(?!SELECT\b)", re.IGNORECASE)


@sa.event.listens_for(sa.Engine, "before_cursor_execute")
def first_write(conn, cursor, statement, parameters, context, executemany) -> None:
    if not conn.info.get(LATE):
        return
    compiled = getattr(context, "compiled", None)
    locking = getattr(getattr(compiled, "statement", None), "_for_update_arg", None)
    postgresql = conn.dialect.name == "postgresql"
    # A server-side cursor (yield_per: the exports) is declared in a transaction block only.
    streams = postgresql and context is not None and context.execution_options.get("stream_results")
    if WRITES.match(statement) or locking is not None or streams:
        del conn.info[LATE]
        if postgresql:
            out_of_autocommit(conn.connection.dbapi_connection, conn.info)
        else:
            take_write_lock(conn)
            conn.connection.dbapi_connection.execute("BEGIN IMMEDIATE")


@sa.event.listens_for(sa.Engine, "commit")
@sa.event.listens_for(sa.Engine, "rollback")
def transaction_over(conn) -> None:
    """A transaction begun late that never wrote: nothing to end (its statements committed
    each on its own)."""
    conn.info.pop(LATE, None)


def lock_at_first_write(view: Callable) -> Callable:
    """Mark a view whose reads before its first write need no write lock: each sees what is
    committed when it runs, as on PostgreSQL (READ COMMITTED), and whatever the view writes
    from them stays right if another request wrote in between (inserts, conditional updates,
    unique constraints). On SQLite its lock is then held for its writes alone (docs/design.md,
    "Requests and transactions")."""
    view.lock_at_first_write = True  # type: ignore[attr-defined]
    return view


def locks_at_first_write() -> bool:
    from flask import current_app, has_request_context, request

    if not has_request_context() or request.endpoint is None:
        return False
    view = current_app.view_functions.get(request.endpoint)
    return bool(getattr(view, "lock_at_first_write", False))


# SQLite writers queue on a lock file next to the database (flock) before BEGIN IMMEDIATE.
# SQLite's own wait for its write lock is a poll that sleeps longer each time (1, 2, 5 … 100
# ms): under steady writes from several processes a waiter keeps sleeping while the others
# take turns, and POSTs waited over a second at the 99th percentile. A blocking flock wakes
# the next writer the moment the lock is free, in arrival order. The lock is let go when the
# connection returns to the pool (after its COMMIT or ROLLBACK), and when a process dies.
_held = threading.local()


def take_write_lock(connection) -> None:
    path = connection.engine.url.database
    if fcntl is None or not path or path == ":memory:" or path.startswith("file:"):
        return
    info = connection.connection.info  # lives as long as the DBAPI connection
    if info.get("write_locked") or getattr(_held, "count", 0):
        # This connection holds it already, or this thread does through another connection
        # (waiting for itself would never end): SQLite's own busy wait decides.
        return
    descriptor = info.get("write_lock_fd")
    if descriptor is None:
        descriptor = info["write_lock_fd"] = os.open(path + "-writelock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    info["write_locked"] = True
    _held.count = getattr(_held, "count", 0) + 1


def release_write_lock(info: dict) -> None:
    if info.pop("write_locked", False):
        fcntl.flock(info["write_lock_fd"], fcntl.LOCK_UN)
        _held.count = max(0, getattr(_held, "count", 1) - 1)


@sa.event.listens_for(Pool, "checkin")
def write_lock_returned(dbapi_connection, connection_record) -> None:
    if connection_record is not None:
        connection_record.info.pop(LATE, None)
        release_write_lock(connection_record.info)
        # Out of a read's autocommit: its next user may take it without a "begin" (a raw
        # connection) and expects it in transactions, as it was lent.
        out_of_autocommit(dbapi_connection, connection_record.info)


@sa.event.listens_for(Pool, "close")
def write_lock_closed(dbapi_connection, connection_record) -> None:
    release_write_lock(connection_record.info)
    descriptor = connection_record.info.pop("write_lock_fd", None)
    if descriptor is not None:
        os.close(descriptor)


def writing() -> bool:
    """Whether the current unit of work may write: any request but GET/HEAD, and all jobs."""
    from flask import has_request_context, request

    return not has_request_context() or request.method not in ("GET", "HEAD", "OPTIONS")


def memo(session) -> dict:
    """What the session's transaction has read and may keep until it writes: answers asked
    for many times per request (a member's teams for every order of a page). Every flush,
    write statement, commit and rollback empties it, so nothing kept here outlives a change."""
    return session.info.setdefault("memo", {})


@sa.event.listens_for(Session, "after_flush")
def flushed(session, flush_context) -> None:
    """Remember that this transaction wrote (see `wrote`), and forget the memo."""
    session.info["wrote"] = True
    session.info.pop("memo", None)


@sa.event.listens_for(Session, "do_orm_execute")
def executed(state: ORMExecuteState) -> None:
    """A statement run through the session that is not a SELECT counts as a write (bulk
    INSERT/UPDATE/DELETE, text())."""
    if not state.is_select:
        state.session.info["wrote"] = True
        state.session.info.pop("memo", None)


def wrote(session) -> bool:
    """Whether the session's transaction changed anything, or holds changes not flushed yet:
    only then does the request's end need a COMMIT (a read ends with the session's close)."""
    return bool(session.info.get("wrote") or session.new or session.dirty or session.deleted)


def commit_keeping_objects(session: Session) -> None:
    """Commit now and keep the session's objects as they are (not expired): a write whose
    answer is built from what it wrote lets go of SQLite's write lock (and PostgreSQL's row
    locks) before building it, without loading again what it holds."""
    keep, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = keep


@sa.event.listens_for(Session, "after_transaction_end")
def transaction_ended(session, transaction) -> None:
    """A savepoint's end (a bulk action's order by order) keeps `wrote`: only the outermost
    transaction's commit or rollback settles it."""
    session.info.pop("memo", None)
    if transaction.parent is None:
        session.info.pop("wrote", None)
