"""The order list's filters, shared by GET /orders, the exports and the desk's pages."""

import sqlalchemy as sa

from volunteer.auth.access import Actor
from volunteer.orders.access import visible_orders
from volunteer.orders.models import Order


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
    return select
