"""Which orders and members a statistic covers: the communities, and the period both as
instants (for the orders) and as local days (for the tallies)."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from volunteer.orders.models import Order
from volunteer.stats.tallies import OrderTally


@dataclass
class Scope:
    """Which orders and members the figures cover."""

    community_ids: sa.Select | None  # None: everything (admin)
    start: datetime
    end: datetime
    label: dict

    def tallies(self, dimension: str) -> list:
        """The scope's tally rows of one breakdown (stats/tallies.py)."""
        where = [
            OrderTally.dimension == dimension,
            OrderTally.day >= self.label["start"],
            OrderTally.day <= self.label["end"],
        ]
        if self.community_ids is not None:
            where.append(OrderTally.community_id.in_(self.community_ids))
        return where

    def orders(self, *conditions) -> list:
        where = [Order.created_at >= self.start, Order.created_at < self.end, *conditions]
        if self.community_ids is not None:
            where.append(Order.community_id.in_(self.community_ids))
        return where
