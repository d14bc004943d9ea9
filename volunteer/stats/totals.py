"""How many orders a caller sees, of every status, without counting a big community's whole
history: the desk's "all" tab and the order list's total when nothing filters it."""

import sqlalchemy as sa

from volunteer.auth.access import Actor
from volunteer.extensions import db
from volunteer.orders.access import (
    managed_by,
    scope_key,
    seen_otherwise,
    visible_rows,
    ways_of_seeing,
)
from volunteer.orders.queries import counted_elsewhere
from volunteer.statements import built_once
from volunteer.stats.tallies import MONTH, OrderTally


@counted_elsewhere
def seen_total(actor: Actor) -> int:
    """Those of the communities the caller manages summed from the tallies of their months
    (stats/tallies.py, kept in step with the orders in the same transaction), the few seen
    another way counted from the orders."""
    total = built_once("seen_total", scope_key(actor), lambda: counting(actor))
    return int(db.session.connection().scalar(total) or 0)


def counting(actor: Actor) -> sa.Select:
    """The statement of `seen_total`."""
    tallied = sa.select(sa.func.coalesce(sa.func.sum(OrderTally.__table__.c.total), 0)).where(
        OrderTally.dimension == MONTH
    )
    ways = ways_of_seeing(actor)
    if ways is None:  # the admin: every order
        return tallied
    managed, others = ways
    communities = managed_by(actor, OrderTally.community_id)
    if managed is None or communities is None:
        return sa.select(sa.func.count()).select_from(visible_rows(actor, [], []))
    outside = seen_otherwise(managed, others, [], [])
    return sa.select(
        tallied.where(communities).scalar_subquery()
        + sa.select(sa.func.count()).select_from(outside).scalar_subquery()
    )
