"""The statistics' tallies recounted from the orders (stats/tallies.py keeps them in step):
`volunteer stats rebuild`, the migrations that add counters, bulk loads that pass the ORM by."""

from typing import cast

import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.timing import zone
from volunteer.stats import durations
from volunteer.stats.sql import day_of, month_of_local, month_start
from volunteer.stats.tallies import (
    COUNTERS,
    DIMENSIONS,
    DONE,
    KEY_COLUMNS,
    MONTH,
    STATUSES,
    WATCHED,
    MemberTally,
    OrderTally,
    contribution,
    with_durations,
)


def counter_columns() -> list:
    """The counters' SQL over orders: what the tallies hold, computed from scratch."""
    done = sa.and_(Order.status.in_(DONE), Order.completed_at.is_not(None))
    timed = sa.and_(done, Order.due_at.is_not(None))
    flags = {
        **{status: Order.status == status for status in STATUSES},
        "rated_closed": Order.close_reason == "rated",
        "auto_closed": Order.close_reason == "auto_closed",
        "on_time": sa.and_(timed, Order.completed_at <= Order.due_at),
        "timed": timed,
        "rated": Order.score.is_not(None),
        "satisfied": Order.score >= 3,
        "first_rated": Order.first_score.is_not(None),
        "first_satisfied": Order.first_score >= 3,
    }
    columns = []
    for name in COUNTERS:
        if name == "total":
            columns.append(sa.func.count().label(name))
        elif name == "reworks":
            columns.append(sa.func.coalesce(sa.func.sum(Order.rework_count), 0).label(name))
        else:
            columns.append(sa.func.sum(sa.case((flags[name], 1), else_=0)).label(name))
    return columns


def rebuild(connection=None) -> int:
    """Recompute every tally from the orders; returns the number of rows written."""
    connection = connection or db.session.connection()
    table = OrderTally.__table__
    connection.execute(table.delete())
    for dimension, column in DIMENSIONS.items():
        day = day_of(Order.created_at, connection.dialect.name, zone().key)
        key = sa.func.coalesce(sa.cast(column, sa.String), "") if column is not None else None
        select = sa.select(
            sa.literal(dimension).label("dimension"),
            Order.community_id,
            day.label("day"),
            (sa.literal("") if key is None else key).label("key"),
            *counter_columns(),
        ).group_by(Order.community_id, day, *([key] if key is not None else []))
        connection.execute(table.insert().from_select([*KEY_COLUMNS, *COUNTERS], select))
    month = month_start(table.c.day, connection.dialect.name)
    connection.execute(
        table.insert().from_select(
            [*KEY_COLUMNS, *COUNTERS],
            sa.select(
                sa.literal(MONTH),
                table.c.community_id,
                month,
                sa.literal(""),
                *(sa.func.sum(table.c[name]) for name in COUNTERS),
            )
            .where(table.c.dimension == "")
            .group_by(table.c.community_id, month),
        )
    )
    rebuild_durations(connection)
    written = connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
    return written + rebuild_completions(connection)


def rebuild_completions(connection) -> int:
    """Count every member's completions per local month from the orders."""
    table = cast(sa.Table, MemberTally.__table__)
    connection.execute(table.delete())
    month = month_of_local(Order.completed_at, connection.dialect.name, zone().key)
    select = (
        sa.select(Order.claimed_by_id, month.label("month"), sa.func.count())
        .where(
            Order.status.in_(DONE),
            Order.completed_at.is_not(None),
            Order.claimed_by_id.is_not(None),
        )
        .group_by(Order.claimed_by_id, month)
    )
    connection.execute(table.insert().from_select(["member_id", "month", "completions"], select))
    year = sa.func.substr(table.c.month, 1, 4)
    connection.execute(
        table.insert().from_select(
            ["member_id", "month", "completions"],
            sa.select(table.c.member_id, year, sa.func.sum(table.c.completions)).group_by(
                table.c.member_id, year
            ),
        )
    )
    return connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def rebuild_durations(connection) -> None:
    """Fill the whole-community rows' duration lists (days and months) from the dispatched
    orders."""
    table = OrderTally.__table__
    columns = [Order.__table__.c[name] for name in WATCHED]
    found: dict = {}
    rows = connection.execute(
        sa.select(*columns)
        .where(Order.__table__.c.dispatched_at.is_not(None))
        .execution_options(yield_per=20_000)
    )
    for row in rows:
        values = dict(zip(WATCHED, row, strict=True))
        for key in with_durations(contribution(values)[0]):
            lists = found.setdefault(key, {measure: [] for measure in durations.MEASURES})
            for measure, value in durations.of_order(values).items():
                if value is not None:
                    lists[measure].append(value)
    if not found:
        return
    connection.execute(
        table.update()
        .where(
            table.c.dimension == sa.bindparam("k_dimension"),
            table.c.community_id == sa.bindparam("k_community_id"),
            table.c.day == sa.bindparam("k_day"),
            table.c.key == sa.bindparam("k_key"),
        )
        .values({m: sa.bindparam(f"v_{m}") for m in durations.MEASURES}),
        [
            {
                **{f"k_{name}": value for name, value in zip(KEY_COLUMNS, key, strict=True)},
                **{f"v_{m}": durations.pack(lists[m]) for m in durations.MEASURES},
            }
            for key, lists in found.items()
        ],
    )
