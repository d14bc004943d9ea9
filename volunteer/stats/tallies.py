"""Counters per community, local day and breakdown, kept in step with the orders.

GET /stats over a street reads ~200,000 orders; the same figures summed from these counters
read a few thousand rows. Every change of an order that the figures depend on (creation, each
transition, a deletion) goes through the ORM, and `keep_tallies` — an `after_flush` hook —
applies the difference between the order's old and new contribution in the same transaction,
so the counters are never ahead of or behind the orders. `stats/recount.py` recomputes them
all from the orders (`volunteer stats rebuild`, the migrations that add them, bulk loads).

The whole community is also counted per local month (dimension "month", on the month's first
day), so that a period's whole months read one row per community and month; those rows and
the daily ones keep the durations behind the median times (stats/durations.py).
`MemberTally` counts each member's completions per local month and per year (participation
and its spread). Overdue counts depend on the clock and are read from the open orders.
"""

import functools
from datetime import date
from typing import TYPE_CHECKING, cast

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from volunteer.db import utcnow
from volunteer.extensions import Model, db
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.orders.timing import zone
from volunteer.stats import durations

DONE = (OrderStatus.COMPLETED, OrderStatus.CLOSED)
STATUSES = tuple(status.value for status in OrderStatus)
# The rate ingredients (docs/design.md "Statistics"), in the order `services.figures` takes them.
SUMS = (
    "total",
    "rated_closed",
    "auto_closed",
    "on_time",
    "timed",
    "rated",
    "satisfied",
    # The first rating of each order (kept through a rework: 一次满意率) and the reworks.
    "first_rated",
    "first_satisfied",
    "reworks",
)
COUNTERS = STATUSES + SUMS
# Breakdowns: "" is the whole community; the others split it by one column of the order.
DIMENSIONS = {
    "": None,
    "category": Order.category,
    "team": Order.dispatch_team_id,
    "grid": Order.grid,
}
# The whole community per local month: `day` is the month's first day, `key` is "".
MONTH = "month"
# The columns an order's contribution is made of.
WATCHED = (
    "community_id",
    "created_at",
    "category",
    "dispatch_team_id",
    "grid",
    "status",
    "close_reason",
    "completed_at",
    "due_at",
    "score",
    "first_score",
    "rework_count",
    "dispatched_at",
    "claimed_at",
    "claimed_by_id",
)


class OrderTally(Model):
    """The counters of one community's orders created on one local day, in one breakdown
    (`dimension`, with `key` the breakdown's value: a category, a team id, a grid; "" for
    none)."""

    if TYPE_CHECKING:  # the key columns, for the checker (the table below is what maps)
        dimension: Mapped[str]
        community_id: Mapped[int]
        day: Mapped[date]
        key: Mapped[str]

    __table__ = sa.Table(
        "order_tallies",
        db.metadata,
        sa.Column("dimension", sa.String(10), primary_key=True),
        sa.Column(
            "community_id",
            sa.Integer,
            sa.ForeignKey("communities.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("key", sa.String(40), primary_key=True),
        *(sa.Column(name, sa.Integer, nullable=False, server_default="0") for name in COUNTERS),
        *(sa.Column(name, sa.LargeBinary) for name in durations.MEASURES),
    )


class MemberTally(Model):
    """How many orders one member completed in one local month ('YYYY-MM') or year ('YYYY'):
    participation and the Gini; a year's row spares summing its twelve months."""

    __tablename__ = "member_tallies"
    # A scope's members look up their row of the period by month: the index covers the
    # count too, so that PostgreSQL answers from the index alone.
    __table_args__ = (sa.Index("ix_member_tallies_month", "month", "member_id", "completions"),)

    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[str] = mapped_column(sa.String(7), primary_key=True)  # YYYY-MM or YYYY
    completions: Mapped[int] = mapped_column(default=0, server_default="0")


KEY_COLUMNS = ("dimension", "community_id", "day", "key")


def key_text(value) -> str:
    return "" if value is None else str(value)


def contribution(values: dict) -> tuple[tuple, dict]:
    """What one order adds: the day and breakdown keys, and its counters (docs/design.md
    "Statistics": rejected, merged and cancelled orders are counted but never completed)."""
    created = values["created_at"] or utcnow()
    day = created.astimezone(zone()).date()
    done = values["status"] in DONE and values["completed_at"] is not None
    due = values["due_at"]
    score = values["score"]
    counters = {status: int(values["status"] == status) for status in STATUSES}
    counters.update(
        total=1,
        rated_closed=int(values["close_reason"] == "rated"),
        auto_closed=int(values["close_reason"] == "auto_closed"),
        on_time=int(done and due is not None and values["completed_at"] <= due),
        timed=int(done and due is not None),
        rated=int(score is not None),
        satisfied=int(score is not None and score >= 3),
        first_rated=int(values["first_score"] is not None),
        first_satisfied=int(values["first_score"] is not None and values["first_score"] >= 3),
        reworks=values["rework_count"] or 0,
    )
    community_id = values["community_id"]
    keys = (
        *(
            (dimension, community_id, day, key_text(values[column.key]) if column else "")
            for dimension, column in DIMENSIONS.items()
        ),
        (MONTH, community_id, day.replace(day=1), ""),
    )
    return keys, counters


def with_durations(keys: tuple) -> tuple:
    """The rows among an order's that keep durations: its day's and its month's."""
    return keys[0], keys[-1]


def new_values(order: Order) -> dict:
    return {name: getattr(order, name) for name in WATCHED}


def completion_keys(values: dict) -> tuple:
    """(member, local month) and (member, year) of a completed order; none otherwise."""
    if values["status"] not in DONE or values["completed_at"] is None:
        return ()
    if values["claimed_by_id"] is None:
        return ()
    month = values["completed_at"].astimezone(zone()).strftime("%Y-%m")
    return (values["claimed_by_id"], month), (values["claimed_by_id"], month[:4])


class Changes:
    """What one flush changes in the tallies: order counters per row, durations moved in
    and out of the whole-community rows, completions per member and month."""

    def __init__(self):
        self.counters: dict = {}
        self.durations: dict = {}  # row key → measure → (removed, added)
        self.completions: dict = {}

    def count(self, values: dict, sign: int) -> None:
        """Count an order in (+1) or out (−1)."""
        keys, counters = contribution(values)
        for key in keys:
            row = self.counters.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for name, value in counters.items():
                row[name] += sign * value
        for measure, value in durations.of_order(values).items():
            if value is not None:
                for key in with_durations(keys):
                    moves = self.durations.setdefault(key, {})
                    removed, added = moves.setdefault(measure, ([], []))
                    (added if sign > 0 else removed).append(value)
        for member_period in completion_keys(values):
            self.completions[member_period] = self.completions.get(member_period, 0) + sign

    def apply(self, connection) -> None:
        """Write them. Rows go in key order in every transaction, so that two transactions
        never wait on each other; an order's upsert locks its row before its durations are
        read and rewritten."""
        dialect = connection.dialect.name
        rows = [
            {**dict(zip(KEY_COLUMNS, key, strict=True)), **counters}
            for key, counters in sorted(self.counters.items())
            if any(counters.values()) or key in self.durations
        ]
        if rows:  # one executemany of the cached statement (a new order touches four rows)
            statement = upsert_statement(dialect, OrderTally.__table__, tuple(rows[0]), KEY_COLUMNS)
            connection.execute(statement, rows)
        for key, measures in sorted(self.durations.items()):
            move_durations(connection, key, measures)
        for (member_id, month), change in sorted(self.completions.items()):
            if change:
                row = {"member_id": member_id, "month": month, "completions": change}
                connection.execute(
                    upsert(
                        dialect, cast(sa.Table, MemberTally.__table__), row, ("member_id", "month")
                    )
                )


@event.listens_for(Session, "before_flush")
def remember_old_values(session: Session, flush_context, instances) -> None:
    """Read, before the flush writes them, the stored values of the orders it changes.

    (Attribute history cannot be trusted for this: `flag_modified` and expired attributes
    leave it without the old value.)"""
    ids = [
        order.id
        for order in (*session.dirty, *session.deleted)
        if isinstance(order, Order) and order.id is not None
    ]
    if not ids:
        session.info.pop("tallied", None)
        return
    columns = [Order.__table__.c[name] for name in WATCHED]
    rows = session.connection().execute(
        sa.select(Order.__table__.c.id, *columns).where(Order.__table__.c.id.in_(ids))
    )
    session.info["tallied"] = {row[0]: dict(zip(WATCHED, row[1:], strict=True)) for row in rows}


@event.listens_for(Session, "after_flush")
def keep_tallies(session: Session, flush_context) -> None:
    """Apply what this flush changed in the orders to their tallies (same transaction)."""
    old = session.info.pop("tallied", None) or {}
    # Most flushes hold no order: changed or deleted ones are in `old` (before_flush above).
    if not old and not any(isinstance(instance, Order) for instance in session.new):
        return
    changes = Changes()
    for order in session.new:
        if isinstance(order, Order):
            changes.count(new_values(order), +1)
    for order in session.dirty:
        if isinstance(order, Order) and order.id in old:
            new = new_values(order)
            if new != old[order.id]:
                changes.count(old[order.id], -1)
                changes.count(new, +1)
    for order in session.deleted:
        if isinstance(order, Order) and order.id in old:
            changes.count(old[order.id], -1)
    changes.apply(session.connection())


def move_durations(connection, key: tuple, measures: dict) -> None:
    """Take the old durations out of a row's lists and put the new ones in (the row is
    locked: the upsert before this wrote it in this transaction)."""
    table = OrderTally.__table__
    where = [table.c[name] == value for name, value in zip(KEY_COLUMNS, key, strict=True)]
    current = connection.execute(
        sa.select(*(table.c[m] for m in durations.MEASURES)).where(*where)
    ).one()
    values = {}
    for measure, (removed, added) in measures.items():
        if sorted(removed) != sorted(added):
            values[measure] = durations.changed(current._mapping[measure], removed, added)
    if values:
        connection.execute(table.update().where(*where).values(**values))


def upsert(dialect: str, table: sa.Table, row: dict, keys: tuple):
    """INSERT the row, or add its counts to the existing one."""
    return upsert_statement(dialect, table, tuple(row), keys).values(**row)


@functools.cache
def upsert_statement(dialect: str, table: sa.Table, columns: tuple, keys: tuple):
    """The upsert of rows with these columns, built once (building it costs more than running
    it, and a flush that changes an order runs several)."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={
            name: table.c[name] + statement.excluded[name] for name in columns if name not in keys
        },
    )
