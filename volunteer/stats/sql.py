"""SQL pieces that differ between SQLite and PostgreSQL: durations, months, medians."""

import sqlalchemy as sa

from volunteer.extensions import db


def dialect() -> str:
    return db.session.get_bind().dialect.name


def minutes_between(start, end) -> sa.ColumnElement:
    """end − start in minutes, computed by the database."""
    if dialect() == "postgresql":
        return sa.extract("epoch", end - start) / 60.0
    return (sa.func.julianday(end) - sa.func.julianday(start)) * 1440.0


def month_of(column, tz_offset_hours: int = 8) -> sa.ColumnElement:
    """'YYYY-MM' of a UTC timestamp in local time (China has no daylight saving)."""
    if dialect() == "postgresql":
        return sa.func.to_char(column + sa.text(f"interval '{tz_offset_hours} hours'"), "YYYY-MM")
    return sa.func.strftime("%Y-%m", column, f"+{tz_offset_hours} hours")


def median(values: sa.Select) -> float | None:
    """The median of a one-column select, in SQL: count, then read the middle one or two."""
    sub = values.subquery()
    column = sub.c[0]
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(sub).where(column.is_not(None))
    )
    if not count:
        return None
    middle = (
        sa.select(column)
        .where(column.is_not(None))
        .order_by(column)
        .offset((count - 1) // 2)
        .limit(2 if count % 2 == 0 else 1)
    )
    picked = [float(v) for v in db.session.scalars(middle)]
    return sum(picked) / len(picked)
