"""The order list's filters, shared by GET /orders, the exports and the desk's pages."""

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from volunteer.auth.access import Actor
from volunteer.orders.access import first_visible, scope_key, visible_orders, visible_rows
from volunteer.orders.models import Order
from volunteer.orders.reading import page_rows_of
from volunteer.orders.search import matching
from volunteer.statements import built_once

# GET /orders?sort=: the column, and its direction by a leading "-"; the id breaks ties.
SORTS = ("created_at", "-created_at", "due_at", "-due_at")


def filtered_orders(actor: Actor, args: dict) -> sa.Select:
    """The caller's orders with the list filters of GET /orders applied (also for exports)."""
    select = visible_orders(actor, *order_criteria(actor, args))
    if args.get("q"):  # once, outside the visibility branches: the search index narrows it
        select = select.where(matching(actor, args["q"]))
    return select


# How many orders a caller sees with no filter, from counts kept in step with the orders:
# the statistics register their monthly tallies here (volunteer/stats/totals.py), which
# depend on the orders, not the other way round.
TOTALS: list[Callable[[Actor], int]] = []


def counted_elsewhere(total: Callable[[Actor], int]) -> Callable[[Actor], int]:
    """Register `total(actor)`: the list's unfiltered total is then taken from it instead
    of counting a big community's whole history."""
    TOTALS.append(total)
    return total


def filtered_count(actor: Actor, args: dict) -> sa.Select | int:
    """How many orders `filtered_orders` selects: with no filter, the registered total;
    else counted in the visibility branches alone (their ids from the indexes, not a visit
    to each order); a text query's, by counting the orders it selects."""
    if args.get("q"):
        return sa.select(sa.func.count()).select_from(filtered_orders(actor, args).subquery())
    count = built_once("count", list_key(actor, args), lambda: counted(actor, args))
    if count is not None:
        return count
    if TOTALS:
        return TOTALS[-1](actor)
    return sa.select(sa.func.count()).select_from(visible_rows(actor, [], []))


def counted(actor: Actor, args: dict) -> sa.Select | None:
    """The count of `filtered_orders`' orders in the visibility branches; None with no
    filter, when the registered total answers."""
    criteria = order_criteria(actor, args)
    if not criteria:
        return None
    return sa.select(sa.func.count()).select_from(visible_rows(actor, [], criteria))


def list_key(actor: Actor, args: dict) -> tuple | None:
    """What the list's statements are built from: the caller's ways of seeing orders and the
    filters (statements.py keeps them built); None when the filters read the clock (overdue:
    its "now" is bound in the statement), which no key holds."""
    if "overdue" in args:
        return None
    filters = ((name, tuple(v) if isinstance(v, list) else v) for name, v in args.items())
    return (scope_key(actor), tuple(sorted(filters)))


def order_criteria(actor: Actor, args: dict) -> list[Any]:
    """The list's filters but the text (`q`) as conditions on `Order`: status, kind,
    community, team, overdue, mine, and the desk's grid, category and urgency."""
    criteria: list[Any] = []
    if args.get("status"):
        criteria.append(Order.status.in_(args["status"]))
    if "kind" in args:
        criteria.append(Order.kind == args["kind"])
    if "community_id" in args:
        criteria.append(Order.community_id == args["community_id"])
    if "team_id" in args:
        criteria.append(Order.dispatch_team_id == args["team_id"])
    if "overdue" in args:
        criteria.append(Order.overdue if args["overdue"] else sa.not_(Order.overdue))
    if args.get("mine"):
        mine = [Order.owner_id == actor.id, Order.proxy_by_id == actor.id]
        if actor.member is not None:
            mine.append(Order.claimed_by_id == actor.member.id)
        criteria.append(sa.or_(*mine))
    if args.get("grid"):
        criteria.append(Order.grid == args["grid"])
    if args.get("grid_id"):
        criteria.append(Order.grid_id == args["grid_id"])
    if args.get("category"):
        criteria.append(Order.category == args["category"])
    if args.get("urgency"):
        criteria.append(Order.urgency == args["urgency"])
    return criteria


def sorted_orders(select: sa.Select, sort: str | None) -> sa.Select:
    """Order a list by `sort` (SORTS); none: newest first. Orders without a due time come
    last either way."""
    return select.order_by(*sort_columns(sort))


def sort_columns(sort: str | None, source: Any = Order) -> list:
    """The ORDER BY of `sort` on `source`'s columns (`Order`, or a subquery of its columns)."""
    if not sort:
        return [source.id.desc()]
    name = sort.lstrip("-")
    column = getattr(source, name)
    if sort.startswith("-"):
        return [column.is_(None), column.desc(), source.id.desc()]
    return [column.is_(None), column, source.id]


# A page of the list: its size and offset, and how many of the list's first orders are read
# (the pages up to the requested one) — given when the statement is run, so that one
# statement serves every page, and written into its SQL then (literal_execute): PostgreSQL
# plans a LIMIT it does not know for a tenth of the rows, and so never chose the prepared
# statement's generic plan, planning the page anew on every request.
SIZE = sa.bindparam("size", type_=sa.Integer, literal_execute=True)
OFFSET = sa.bindparam("offset", type_=sa.Integer, literal_execute=True)
FIRST = sa.bindparam("first", type_=sa.Integer, literal_execute=True)


def page_ids(actor: Actor, args: dict) -> sa.Select:
    """The ids of a page of `filtered_orders`, in the list's order. Read off the first
    orders of each way the caller sees orders (`first_visible`), so that a page costs the
    same in a community of 100 orders and of 100,000 — but for a text query, which narrows
    the branches' union afterwards (none may stop early)."""
    sort = args.get("sort")
    if args.get("q"):
        ids = filtered_orders(actor, args).with_only_columns(Order.id).order_by(*sort_columns(sort))
    else:
        carried = [getattr(Order, sort.lstrip("-"))] if sort else []
        criteria = order_criteria(actor, args)
        seen = first_visible(actor, criteria, carried, sort_columns(sort), FIRST)
        ids = sa.select(seen.c.id).order_by(*sort_columns(sort, seen.c))
    return ids.limit(SIZE).offset(OFFSET)


def listed_page(actor: Actor, args: dict) -> sa.Select:
    """The statement of a page of the list (`reading.page_rows_of`), kept per caller's scope
    and filters (statements.py) — but for a text query, whose narrowing through the search
    index reads more of the caller than `list_key` holds."""

    def build() -> sa.Select:
        return page_rows_of(page_ids(actor, args), sort_columns(args.get("sort")))

    if args.get("q"):
        return build()
    return built_once("list", list_key(actor, args), build)
