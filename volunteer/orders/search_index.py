"""The search index of orders (`order_search`, volunteer/orders/search.py queries it): its
rows, how an order's text becomes terms, the flush hook that keeps the rows in step with the
orders, the rebuild after bulk loads, and the engine's own index over the terms.

A row holds the character bigrams of the order's Chinese runs (single characters where a run
has one) and its Latin words and numbers, each field on its own, plus scope tokens
(`c<community>`, `s<street>`), space-separated; and copies of what the list's scope, status
filter and sort need (`community_id`, `status`, `created_at`) with the fields' text in lower
case (`content`). The database indexes the terms:

- SQLite: an FTS5 table over `order_search` (external content, kept in step by triggers);
- PostgreSQL: a GIN index on `string_to_array(terms, ' ')`, so that it does not depend on the
  server's text-search parser or locale.

The row is written by a flush hook in the same transaction as the order (`keep_index`: the
whole row when the text or community changes, the status when it changes); `rebuild` fills
it after bulk loads (on PostgreSQL a street's rows together, for the pages a street's count
reads), and migration 0023 fills the columns it added.
"""

import re
from collections.abc import Callable
from datetime import datetime
from typing import cast

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.util import identity_key

from volunteer.extensions import Model
from volunteer.orders.models import Order
from volunteer.organisations.models import Community

RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
FIELDS = ("title", "description", "address")
FTS_TABLE = "order_search_fts"
PG_INDEX = "ix_order_search_terms"


class OrderSearch(Model):
    """The search terms of one order (its text's grams and its scope tokens)."""

    __tablename__ = "order_search"

    order_id: Mapped[int] = mapped_column(
        sa.ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    # Copies of the order's, for the list's scope, status filter and sort (`listed_ids`).
    community_id: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(12))
    created_at: Mapped[datetime]
    terms: Mapped[str] = mapped_column(sa.Text)
    # The searched fields in lower case, one a line: a longer query's words are checked here
    # (LIKE), beside the terms, not in the wide `orders` rows.
    content: Mapped[str] = mapped_column(sa.Text)


def search_table() -> sa.Table:
    return cast(sa.Table, OrderSearch.__table__)


def grams_of(text: str | None) -> list[str]:
    """Bigrams of the Chinese runs (a one-character run as itself), Latin words and numbers
    whole; lower case, in order, without repeats."""
    found: dict[str, None] = {}
    for run in RUNS.findall((text or "").lower()):
        if run.isascii() or len(run) == 1:
            found[run] = None
        else:
            for i in range(len(run) - 1):
                found[run[i : i + 2]] = None
    return list(found)


def terms_of(community_id: int, street_id: int, *texts: str | None) -> str:
    """The `terms` of an order: scope tokens, then the grams of each field."""
    found: dict[str, None] = {f"c{community_id}": None, f"s{street_id}": None}
    for text in texts:
        found.update(dict.fromkeys(grams_of(text)))
    return " ".join(found)


def content_of(*texts: str | None) -> str:
    return "\n".join((text or "").lower() for text in texts)


# ---------------------------------------------------------------------------------------------
# Keeping the index: the flush hook, and the rebuild after bulk loads.


STREETS = "volunteer.community_streets"


def note_street(session: Session, community_id: int, street_id: int) -> None:
    """The street of a community read in this transaction without loading the community:
    the index's rows need it. Forgotten when the transaction ends."""
    session.info.setdefault(STREETS, {})[community_id] = street_id


@event.listens_for(Session, "after_transaction_end")
def forget_streets(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(STREETS, None)


@event.listens_for(Session, "after_flush")
def keep_index(session: Session, flush_context) -> None:
    """Write the row of the orders this flush created or whose text or community changed, and
    the status of those whose status changed (same transaction as the order; the retention
    job's erasure of the address included)."""
    changed = [o for o in session.new if isinstance(o, Order)]
    moved: list[Order] = []
    for order in session.dirty:
        if isinstance(order, Order):
            state = sa.inspect(order)
            if any(state.attrs[name].history.has_changes() for name in (*FIELDS, "community_id")):
                changed.append(order)
            elif state.attrs.status.history.has_changes():
                moved.append(order)
    connection = session.connection() if changed or moved else None
    if moved:
        table = search_table()
        connection.execute(  # type: ignore[union-attr]
            table.update()
            .where(table.c.order_id == sa.bindparam("id"))
            .values(status=sa.bindparam("new_status")),
            [{"id": order.id, "new_status": str(order.status)} for order in moved],
        )
    if not changed:
        return
    assert connection is not None
    # The communities are usually in the session already (access loads them; posting notes
    # the street it read: note_street).
    in_session = (
        session.identity_map.get(identity_key(Community, community_id))
        for community_id in {order.community_id for order in changed}
    )
    streets = {c.id: c.street_id for c in in_session if c is not None}
    streets |= session.info.get(STREETS, {})
    missing = {order.community_id for order in changed} - set(streets)
    if missing:
        streets.update(
            connection.execute(
                sa.select(Community.id, Community.street_id).where(Community.id.in_(missing))
            ).all()
        )
    rows = [
        row_of(
            order.id,
            order.community_id,
            streets[order.community_id],
            str(order.status),
            order.created_at,
            order.title,
            order.description,
            order.address,
        )
        for order in changed
    ]
    table = search_table()
    existing = [order.id for order in changed if order not in session.new]
    if existing:  # a new order has no terms yet
        connection.execute(table.delete().where(table.c.order_id.in_(existing)))
    connection.execute(table.insert(), rows)


def row_of(order_id, community_id, street_id, status, created_at, *texts) -> dict:
    return {
        "order_id": order_id,
        "community_id": community_id,
        "status": status,
        "created_at": created_at,
        "terms": terms_of(community_id, street_id, *texts),
        "content": content_of(*texts),
    }


def rebuild(connection, batch: int = 20_000) -> int:
    """Recompute every order's row (after a bulk load by SQL); the count. The index is dropped
    first and built once at the end: much faster than keeping it up row by row.

    PostgreSQL takes the rows by COPY, community by community and a street's communities
    together: a street's rows then share the table's pages, so that counting a common word
    over a street reads a fifth of the table, not nearly all of it. (Orders posted later are
    added at the end; a rebuild gathers them again.) SQLite keeps its rows in id order."""
    table = search_table()
    orders = Order.__table__
    drop_index(connection)
    connection.execute(table.delete())
    streets = dict(connection.execute(sa.select(Community.id, Community.street_id)).all())
    select = sa.select(
        orders.c.id,
        orders.c.community_id,
        orders.c.status,
        orders.c.created_at,
        orders.c.title,
        orders.c.description,
        orders.c.address,
    ).order_by(orders.c.id)
    postgresql = connection.dialect.name == "postgresql"
    write = copier(connection) if postgresql else None
    # Each group of orders (a community's; all of them on SQLite) in batches by id.
    groups = (
        [orders.c.community_id == c for c in sorted(streets, key=lambda c: (streets[c], c))]
        if postgresql
        else [sa.true()]
    )
    written = 0
    for group in groups:
        last = 0
        while True:
            rows = connection.execute(select.where(group, orders.c.id > last).limit(batch)).all()
            if not rows:
                break
            values = [row_of(i, c, streets[c], str(s), at, *texts) for i, c, s, at, *texts in rows]
            if write is not None:
                write(values)
            else:
                connection.execute(table.insert(), values)
            written += len(rows)
            last = rows[-1][0]
    create_index(connection)
    if postgresql:
        connection.exec_driver_sql("ANALYZE order_search")
    else:
        connection.exec_driver_sql(
            "INSERT INTO order_search_fts(order_search_fts) VALUES ('rebuild')"
        )
    return written


def copier(connection) -> Callable[[list[dict]], None]:
    """Write rows into order_search by COPY (PostgreSQL; the psycopg 3 driver)."""
    names = [column.name for column in search_table().columns]
    statement = f"COPY order_search ({', '.join(names)}) FROM STDIN"

    def write(rows: list[dict]) -> None:
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])

    return write


# ---------------------------------------------------------------------------------------------
# The index itself: created with the table (tests, create_all), and by the migration.

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS order_search_fts USING fts5(terms, content='order_search', "
    "content_rowid='order_id', tokenize='unicode61', detail='none')",
    "CREATE TRIGGER IF NOT EXISTS order_search_ai AFTER INSERT ON order_search BEGIN "
    "INSERT INTO order_search_fts(rowid, terms) VALUES (new.order_id, new.terms); END",
    "CREATE TRIGGER IF NOT EXISTS order_search_ad AFTER DELETE ON order_search BEGIN "
    "INSERT INTO order_search_fts(order_search_fts, rowid, terms) VALUES ('delete', old.order_id, "
    "old.terms); END",
    # Of the terms only: a status change leaves the full-text index alone.
    "CREATE TRIGGER IF NOT EXISTS order_search_au AFTER UPDATE OF terms ON order_search BEGIN "
    "INSERT INTO order_search_fts(order_search_fts, rowid, terms) VALUES ('delete', old.order_id, "
    "old.terms); INSERT INTO order_search_fts(rowid, terms) VALUES (new.order_id, new.terms); END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS order_search_ai",
    "DROP TRIGGER IF EXISTS order_search_ad",
    "DROP TRIGGER IF EXISTS order_search_au",
    "DROP TABLE IF EXISTS order_search_fts",
)
POSTGRESQL_DDL = (
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON order_search "
    "USING gin (string_to_array(terms, ' '))",
)


def create_index(connection) -> None:
    """The engine's index over `order_search` (FTS5 and its triggers, or the GIN index)."""
    statements = SQLITE_DDL if connection.dialect.name == "sqlite" else POSTGRESQL_DDL
    for statement in statements:
        connection.exec_driver_sql(statement)


def drop_index(connection) -> None:
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            connection.exec_driver_sql(statement)
    else:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_INDEX}")


def is_index_object(name: str | None) -> bool:
    """Tables and indexes of the search index that the models do not declare (FTS5's shadow
    tables, the GIN expression index): migrations' autogenerate leaves them alone."""
    return name is not None and (name.startswith(FTS_TABLE) or name == PG_INDEX)


@event.listens_for(OrderSearch.__table__, "after_create")
def _created(table, connection, **kwargs) -> None:
    create_index(connection)


@event.listens_for(OrderSearch.__table__, "before_drop")
def _dropping(table, connection, **kwargs) -> None:
    drop_index(connection)
