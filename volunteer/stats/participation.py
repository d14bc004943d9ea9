"""Who serves: party members' participation and the spread of their service (the Gini),
resident volunteers counted apart, per scope and per community (docs/design.md "Statistics").
Completions come from the member tallies by whole month or year, and from the orders for the
part of a month the period cuts."""

from datetime import date, timedelta
from itertools import groupby
from typing import NamedTuple

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.people.models import Member, MemberStatus, MemberType
from volunteer.stats.scope import Scope, local_midnight, today
from volunteer.stats.tallies import MemberTally

DONE = (OrderStatus.COMPLETED, OrderStatus.CLOSED)
MAX_IDLE_LISTED = 100


def gini(counts: list[int]) -> float | None:
    """Inequality of service across members: 0 when all served alike, towards 1 when a few
    did everything. None without members or without any service."""
    values = sorted(counts)
    n, total = len(values), sum(values)
    if n == 0 or total == 0:
        return None
    weighted = sum(rank * value for rank, value in enumerate(values, start=1))
    return round((2 * weighted) / (n * total) - (n + 1) / n, 4)


class Served(NamedTuple):
    """An active member of the scope and what they completed in the period."""

    community_id: int
    volunteer: bool  # a resident volunteer (居民志愿者), not a party member
    completions: int


def member_figures(scope: Scope, found: dict[int, Served] | None = None) -> dict:
    """Active party members, those who completed something in the period, the idle, and the
    spread (resident volunteers are counted apart: volunteer_figures)."""
    found = active_members(scope) if found is None else found
    members = {member_id: served for member_id, served in found.items() if not served.volunteer}
    idle = sorted(member_id for member_id, served in members.items() if not served.completions)
    listed = db.session.execute(
        sa.select(Member.id, User.display_name, Member.community_id)
        .join(User, User.id == Member.user_id)
        .where(Member.id.in_(idle[:MAX_IDLE_LISTED]))
        .order_by(Member.id)
    )
    return {
        "active": len(members),
        "participating": len(members) - len(idle),
        "idle": len(idle),
        "gini": gini([served.completions for served in members.values()]),
        "idle_members": [
            {"member_id": member_id, "display_name": name, "community_id": community_id}
            for member_id, name, community_id in listed
        ],
    }


def volunteer_figures(scope: Scope, found: dict[int, Served] | None = None) -> dict:
    """Resident volunteers (居民志愿者), apart from the party members: how many are active,
    how many completed something in the period, and how many orders they completed."""
    found = active_members(scope) if found is None else found
    counts = [served.completions for served in found.values() if served.volunteer]
    return {
        "active": len(counts),
        "participating": sum(1 for count in counts if count),
        "orders_completed": sum(counts),
    }


def active_members(scope: Scope) -> dict[int, Served]:
    """Every active member of the scope, party member or volunteer, with the orders they
    completed in the period: whole months (or years) from the member tallies in the same
    query, the days of a month the period cuts from the orders."""
    where = [Member.status == MemberStatus.ACTIVE]
    if scope.community_ids is not None:
        where.append(Member.community_id.in_(scope.community_ids))
    whole, cut = scope.months()
    rows = by_year(whole, today())
    tallied = (
        sa.and_(MemberTally.member_id == Member.id, MemberTally.month.in_(rows))
        if rows
        else sa.false()
    )
    volunteer = Member.member_type == MemberType.VOLUNTEER
    found = {
        member_id: Served(community_id, bool(is_volunteer), int(count))
        for member_id, community_id, is_volunteer, count in db.session.execute(
            sa.select(
                Member.id,
                Member.community_id,
                volunteer,
                sa.func.coalesce(sa.func.sum(MemberTally.completions), 0),
            )
            .outerjoin(MemberTally, tallied)
            .where(*where)
            .group_by(Member.id, Member.community_id, volunteer)
        )
    }
    for first, last in cut:
        rows_of_orders = db.session.execute(
            sa.select(Order.claimed_by_id, sa.func.count())
            .where(
                Order.claimed_by_id.in_(sa.select(Member.id).where(*where)),
                Order.status.in_(DONE),
                Order.completed_at >= local_midnight(first),
                Order.completed_at < local_midnight(last + timedelta(days=1)),
            )
            .group_by(Order.claimed_by_id)
        )
        for member_id, count in rows_of_orders:
            assert member_id is not None  # claimed by one of `found`
            served = found[member_id]
            found[member_id] = served._replace(completions=served.completions + count)
    return found


def by_year(months: list[str], today: date) -> list[str]:
    """The member tallies' rows for these whole months: a year's row ('YYYY') where the
    months are all of that year's completions — January to December, or to this month (the
    rest of the year lies in the future) — and the months' own rows otherwise."""
    rows: list[str] = []
    for year, group in groupby(months, key=lambda month: month[:4]):
        listed = list(group)
        through = 12 if int(year) < today.year else today.month if int(year) == today.year else 1
        if listed[0] == f"{year}-01" and int(listed[-1][5:]) >= through:
            rows.append(year)
        else:
            rows.extend(listed)
    return rows


def participation(scope: Scope, found: dict[int, Served] | None = None) -> dict[int, dict]:
    """Per community: its active party members, and how many of them completed an order in
    the period (from the member tallies, as `member_figures`)."""
    found = active_members(scope) if found is None else found
    result: dict[int, dict] = {}
    for served in found.values():
        if not served.volunteer:
            counts = result.setdefault(served.community_id, {"active": 0, "participating": 0})
            counts["active"] += 1
            counts["participating"] += int(served.completions > 0)
    for counts in result.values():
        counts["rate"] = round(counts["participating"] / counts["active"], 4)
    return result
