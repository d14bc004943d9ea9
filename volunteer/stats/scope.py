"""Which orders and members a statistic covers: the communities, and the period both as
instants (for the orders) and as local days (for the tallies), cut into whole months and
the days at its edges."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from volunteer.db import utcnow
from volunteer.orders.models import Order
from volunteer.orders.timing import zone
from volunteer.stats.tallies import MONTH, OrderTally


def today() -> date:
    return utcnow().astimezone(zone()).date()


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), zone())


def months_of(first: date, last: date, today: date) -> tuple[list[str], list[tuple]]:
    """The period's months as whole months ('YYYY-MM', read from monthly tallies) and cut
    ones ((first day, last day) within the period). A month the period covers up to today is
    whole: nothing is created or completed in the future."""
    whole, cut = [], []
    month = date(first.year, first.month, 1)
    while month <= last:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        start, end = max(month, first), min(following - timedelta(days=1), last)
        if start == month and (end == following - timedelta(days=1) or last >= today):
            whole.append(f"{month:%Y-%m}")
        else:
            cut.append((start, end))
        month = following
    return whole, cut


def first_day(month: str) -> date:
    return date.fromisoformat(f"{month}-01")


@dataclass
class Scope:
    """Which orders and members the figures cover."""

    community_ids: sa.Select | None  # None: everything (admin)
    start: datetime
    end: datetime
    label: dict

    def months(self) -> tuple[list[str], list[tuple]]:
        return months_of(self.label["start"], self.label["end"], today())

    def tallies(self, dimension: str) -> list:
        """The scope's tally rows of one breakdown (stats/tallies.py). The whole community
        is read by month where the period covers one (a street's year: ~240 rows instead of
        ~7,000) and by day at the period's edges."""
        if dimension == "":
            whole, cut = self.months()
            parts = [
                sa.and_(OrderTally.dimension == "", OrderTally.day.between(first, last))
                for first, last in cut
            ]
            if whole:
                parts.append(
                    sa.and_(
                        OrderTally.dimension == MONTH,
                        OrderTally.day.in_([first_day(month) for month in whole]),
                    )
                )
            where = [sa.or_(sa.false(), *parts)]
        else:
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
