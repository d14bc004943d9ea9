"""Model base class, the UTC-aware DateTime column type and the clock."""

import sqlite3
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, registry


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
    cursor.close()


@sa.event.listens_for(sa.Engine, "begin")
def sqlite_begin(connection):
    """SQLite: writing transactions take the write lock up front (BEGIN IMMEDIATE).

    A deferred transaction that reads and then writes fails at once with "database is
    locked" when another writer committed in between; taking the lock first makes
    concurrent writers queue behind the busy timeout instead, so that the loser of a race
    sees the winner's committed state and gets a clean 409. Page and API reads stay
    deferred, so they never wait for writers (WAL).
    """
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing() else "BEGIN")


def writing() -> bool:
    """Whether the current unit of work may write: any request but GET/HEAD, and all jobs."""
    from flask import has_request_context, request

    return not has_request_context() or request.method not in ("GET", "HEAD", "OPTIONS")
