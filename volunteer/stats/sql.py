"""SQL pieces that differ between SQLite and PostgreSQL: local days and months."""

from datetime import datetime
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from volunteer.extensions import db

if TYPE_CHECKING:
    import psycopg


def dialect() -> str:
    return db.session.get_bind().dialect.name


def month_of(column, tz_offset_hours: int = 8) -> sa.ColumnElement:
    """'YYYY-MM' of a UTC timestamp in local time (China has no daylight saving)."""
    if dialect() == "postgresql":
        return sa.func.to_char(column + sa.text(f"interval '{tz_offset_hours} hours'"), "YYYY-MM")
    return sa.func.strftime("%Y-%m", column, f"+{tz_offset_hours} hours")


def month_of_day(column) -> sa.ColumnElement:
    """'YYYY-MM' of a date column."""
    if dialect() == "postgresql":
        return sa.func.to_char(column, "YYYY-MM")
    return sa.func.strftime("%Y-%m", column)


def day_of(column, dialect_name: str, tz_name: str = "Asia/Shanghai") -> sa.ColumnElement:
    """The local date of a UTC timestamp (the zone's offset today: China keeps no daylight
    saving time)."""
    if dialect_name == "postgresql":
        return sa.cast(sa.func.timezone(tz_name, column), sa.Date)
    offset = datetime.now(ZoneInfo(tz_name)).utcoffset()
    assert offset is not None  # an aware time always has one
    hours = int(offset.total_seconds() // 3600)
    return sa.func.date(column, f"{hours:+d} hours")


def month_of_local(column, dialect_name: str, tz_name: str = "Asia/Shanghai") -> sa.ColumnElement:
    """'YYYY-MM' of a UTC timestamp in local time."""
    if dialect_name == "postgresql":
        return sa.func.to_char(sa.func.timezone(tz_name, column), "YYYY-MM")
    return sa.func.strftime("%Y-%m", day_of(column, dialect_name, tz_name))


def month_start(column, dialect_name: str) -> sa.ColumnElement:
    """The first day of a date column's month."""
    if dialect_name == "postgresql":
        return sa.cast(sa.func.date_trunc("month", column), sa.Date)
    return sa.func.date(column, "start of month")


def binary_rows(select: sa.Select) -> list:
    """The rows of a select, read from PostgreSQL in its binary format: bytea then arrives as
    bytes instead of hex text (a street's year of durations is ~2.4 MB, which psycopg took
    ~5 ms more to decode as text). Other engines run the select as usual."""
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        return list(connection.execute(select).all())
    compiled = select.compile(
        dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
    )
    raw = cast("psycopg.Connection", connection.connection.dbapi_connection)
    with raw.cursor(binary=True) as cursor:
        cursor.execute(str(compiled), compiled.params)
        return cursor.fetchall()
