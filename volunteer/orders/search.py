"""Text search over orders (`GET /orders?q=`): title, description and address.

Chinese has no spaces and a secretary types two characters (维修, 漏水), so words are no
use and a trigram index misses them. Every order has one `order_search` row whose `terms`
are the character bigrams of its Chinese runs (single characters where a run has one) and
its Latin words and numbers, each field on its own, plus scope tokens (`c<community>`,
`s<street>`), space-separated (volunteer/orders/search_index.py keeps them). The database
indexes the terms:

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
"""

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from volunteer.auth.access import Actor
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.search_index import FIELDS, FTS_TABLE, OrderSearch, grams_of
from volunteer.organisations.models import Community


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
