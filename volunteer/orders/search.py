"""Text search over orders (`GET /orders?q=`): title, description and address.

Chinese has no spaces and a secretary types two characters (维修, 漏水), so words are no
use and a trigram index misses them. Every order has one `order_search` row whose `terms`
are the character bigrams of its Chinese runs (single characters where a run has one) and
its Latin words and numbers, each field on its own, plus scope tokens (`c<community>`,
`s<street>`), space-separated. The database indexes the terms:

- SQLite: an FTS5 table over `order_search` (external content, kept in step by triggers),
  queried `c12 AND 维修 AND 修理`;
- PostgreSQL: a GIN index on `string_to_array(terms, ' ')`, queried with `@>` (and `&&` for
  the scope), so that it does not depend on the server's text-search parser or locale.

A query is cut the same way; every gram must be present. Grams can match where the query's
text is not contiguous, so a query of more than one gram is then checked with LIKE on the
few rows the index left. A query with nothing indexable (one Chinese character) is a LIKE
over the caller's scope.

The row also carries what the list's scope, status filter and sort need (`community_id`,
`status`, `created_at`) and the fields' text in lower case (`content`, for that LIKE), so
that `GET /orders?q=` answers a page and its exact total from `order_search` alone
(`listed_ids`, one statement: the total is a window count) instead of visiting `orders` for
each of the thousands of matches of a common word. On SQLite the caller's communities are
given as their `c` tokens, so a query without other filters is answered by FTS5 alone.

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
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.util import identity_key

from volunteer.auth.access import Actor
from volunteer.extensions import Model, db
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


def query_grams(q: str) -> tuple[list[str], bool]:
    """The grams every match must have, and whether they say it all: a query of one word
    that is one gram (two Chinese characters, or a Latin word or number) needs no LIKE
    check; anything longer does, since its grams may lie apart in the text."""
    grams = grams_of(q)
    grams = [gram for gram in grams if gram.isascii() or len(gram) == 2]
    words = q.lower().split()
    return grams, len(words) == 1 and grams == [words[0]]


def words_of(q: str) -> list[str]:
    """The query's space-separated words: each must appear in one of the fields."""
    return [word for word in q.split() if word][:10]


def like(word: str) -> sa.ColumnElement[bool]:
    pattern = like_pattern(word)
    return sa.or_(*(getattr(Order, name).ilike(pattern, escape="\\") for name in FIELDS))


def contains(word: str) -> sa.ColumnElement[bool]:
    """`like` on the index row's copy of the fields (lower case, one a line: a word has no
    space, so it cannot run from one field into the next)."""
    return OrderSearch.content.like(like_pattern(word.lower()), escape="\\")


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def content_of(*texts: str | None) -> str:
    return "\n".join((text or "").lower() for text in texts)


def scope_tokens(actor: Actor) -> list[str] | None:
    """The scope tokens that cover the communities the caller manages (None: everything for
    the admin; [] for callers who manage nothing: their few orders need no index)."""
    if actor.is_admin:
        return None
    tokens = [f"c{c}" for c in sorted(c for c in actor.secretary_of if c is not None)]
    tokens += [f"s{s}" for s in sorted(s for s in actor.street_admin_of if s is not None)]
    return tokens


def matching(actor: Actor, q: str) -> sa.ColumnElement[bool]:
    """The SQL condition on `Order` for the text `q`, narrowed through the index to what the
    caller manages. Combined with `visible_orders`, which still decides what is seen."""
    grams, exact = query_grams(q)
    words = words_of(q)
    checks = [like(word) for word in words]
    scope = scope_tokens(actor)
    if not grams or scope == []:
        return sa.and_(*checks) if checks else sa.true()
    candidates = index_select(grams, scope)
    found = Order.id.in_(candidates)
    return found if exact else sa.and_(found, *checks)


# GET /orders arguments that `order_search` answers by itself (the others need `orders`).
LISTED_ALONE = frozenset(("q", "status", "community_id", "sort"))
LISTED_SORTS = (None, "created_at", "-created_at")


def listed_ids(actor: Actor, args: dict) -> sa.Select | None:
    """The ids of what GET /orders lists for a text query, in the list's order, selected from
    `order_search` alone (so that its total is counted there too) — or None when the query,
    the filters or the sort need the orders table (`filtered_orders` then does it all).

    The same orders as `filtered_orders`: the index is narrowed to the communities the caller
    manages, all of which they see, so the other ways of seeing an order add nothing."""
    q = args.get("q")
    others = {k for k, v in args.items() if k not in LISTED_ALONE}
    others -= {k for k in ("mine", "grid", "category", "urgency") if not args.get(k)}
    if not q or others or args.get("sort") not in LISTED_SORTS:
        return None
    grams, exact = query_grams(q)
    scope = scope_tokens(actor)
    if not grams or scope == []:
        return None
    sort = args.get("sort")
    communities = None if actor.is_admin else managed(actor)
    if communities == []:  # a street without communities: the old plan finds nothing either
        return None
    if db.engine.dialect.name == "sqlite":
        # The communities' own tokens (kept with the order's community), so that the count
        # of a query without other filters is the full-text index's alone.
        scope = None if communities is None else [f"c{c}" for c in communities]
        bare = index_select(grams, scope)
        if bool(args.get("status")) or "community_id" in args or not exact or sort:
            select = sa.select(OrderSearch.order_id).where(OrderSearch.order_id.in_(bare))
        else:
            return sa.select(bare.subquery("matches").c.order_id).order_by(sa.desc("order_id"))
    else:
        select = index_select(grams, scope)
        if communities is not None:
            select = select.where(OrderSearch.community_id.in_(communities))
    if args.get("status"):
        select = select.where(OrderSearch.status.in_(args["status"]))
    if "community_id" in args:
        select = select.where(OrderSearch.community_id == args["community_id"])
    if not exact:  # the LIKE check, on the orders that hold every gram
        select = select.where(*(contains(word) for word in words_of(q)))
    # The matches found first and sorted after (OFFSET 0 keeps them apart): the total counts
    # them all anyway, and PostgreSQL would otherwise walk the whole primary key backwards to
    # avoid the sort when a word is common.
    found = (
        select.with_only_columns(OrderSearch.order_id, OrderSearch.created_at)
        .offset(0)
        .subquery("matches")
    )
    listed = sa.select(found.c.order_id)
    if sort == "created_at":
        return listed.order_by(found.c.created_at, found.c.order_id)
    if sort == "-created_at":
        return listed.order_by(found.c.created_at.desc(), found.c.order_id.desc())
    return listed.order_by(found.c.order_id.desc())


def managed(actor: Actor) -> list[int]:
    """The communities the caller manages, as of now (the street tokens narrow the index;
    this keeps a street's orders to its communities of today), in order."""
    communities = {c for c in actor.secretary_of if c is not None}
    streets = sorted(s for s in actor.street_admin_of if s is not None)
    if streets:
        of_streets = sa.select(Community.id).where(Community.street_id.in_(streets))
        communities.update(db.session.scalars(of_streets))
    return sorted(communities)


def index_select(grams: list[str], scope: list[str] | None) -> sa.Select:
    """The ids of the orders whose terms hold every gram, within the scope tokens (PostgreSQL:
    a select of `order_search`, for its other columns; SQLite: of the full-text index)."""
    if db.engine.dialect.name == "postgresql":
        terms = sa.func.string_to_array(OrderSearch.terms, sa.literal_column("' '"))
        conditions = [terms.op("@>")(sa.literal(grams, ARRAY(sa.Text)))]
        if scope:
            conditions.append(terms.op("&&")(sa.literal(scope, ARRAY(sa.Text))))
        return sa.select(OrderSearch.order_id).where(*conditions)
    expression = " AND ".join(fts_quote(gram) for gram in grams)
    if scope:
        expression = f"({' OR '.join(scope)}) AND {expression}"
    fts = sa.table(FTS_TABLE, sa.column("rowid"))
    return sa.select(fts.c.rowid.label("order_id")).where(
        sa.text(f"{FTS_TABLE} MATCH :fts").bindparams(fts=expression)
    )


def fts_quote(gram: str) -> str:
    return '"' + gram.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------------
# Keeping the index: the flush hook, and the rebuild after bulk loads.


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
    # The communities are usually in the session already (posting and access load them).
    in_session = (
        session.identity_map.get(identity_key(Community, community_id))
        for community_id in {order.community_id for order in changed}
    )
    streets = {c.id: c.street_id for c in in_session if c is not None}
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
