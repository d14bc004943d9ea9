"""The order list's filters, shared by GET /orders, the exports and the desk's pages."""

import sqlalchemy as sa

from volunteer.auth.access import Actor
from volunteer.orders.access import visible_orders
from volunteer.orders.models import Order
from volunteer.orders.search import matching

# GET /orders?sort=: the column, and its direction by a leading "-"; the id breaks ties.
SORTS = ("created_at", "-created_at", "due_at", "-due_at")


def filtered_orders(actor: Actor, args: dict) -> sa.Select:
    """The caller's orders with the list filters of GET /orders applied (also for exports)."""
    select = visible_orders(actor)
    if args.get("status"):
        select = select.where(Order.status.in_(args["status"]))
    if "kind" in args:
        select = select.where(Order.kind == args["kind"])
    if "community_id" in args:
        select = select.where(Order.community_id == args["community_id"])
    if "team_id" in args:
        select = select.where(Order.dispatch_team_id == args["team_id"])
    if "overdue" in args:
        select = select.where(Order.overdue if args["overdue"] else sa.not_(Order.overdue))
    if args.get("mine"):
        mine = [Order.owner_id == actor.id, Order.proxy_by_id == actor.id]
        if actor.member is not None:
            mine.append(Order.claimed_by_id == actor.member.id)
        select = select.where(sa.or_(*mine))
    return desk_filters(actor, select, args)


def desk_filters(actor: Actor, select: sa.Select, args: dict) -> sa.Select:
    """The desk's filters (#11): text, grid, category, urgency."""
    if args.get("q"):
        select = select.where(matching(actor, args["q"]))
    if args.get("grid"):
        select = select.where(Order.grid == args["grid"])
    if args.get("grid_id"):
        select = select.where(Order.grid_id == args["grid_id"])
    if args.get("category"):
        select = select.where(Order.category == args["category"])
    if args.get("urgency"):
        select = select.where(Order.urgency == args["urgency"])
    return select


def sorted_orders(select: sa.Select, sort: str | None) -> sa.Select:
    """Order a list by `sort` (SORTS); none: newest first. Orders without a due time come
    last either way."""
    if not sort:
        return select.order_by(Order.id.desc())
    name = sort.lstrip("-")
    column = getattr(Order, name)
    if sort.startswith("-"):
        return select.order_by(column.is_(None), column.desc(), Order.id.desc())
    return select.order_by(column.is_(None), column, Order.id)
