"""Who serves: party members' participation and the spread of their service (the Gini),
resident volunteers counted apart, per scope and per community (docs/design.md "Statistics").
Completions come from the member tallies by whole month, and from the orders for the part of
a month the period cuts."""

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.orders.timing import zone
from volunteer.people.models import Member, MemberStatus, MemberType
from volunteer.stats.scope import Scope
from volunteer.stats.tallies import MemberTally

DONE = (OrderStatus.COMPLETED, OrderStatus.CLOSED)
MAX_IDLE_LISTED = 100


def today() -> date:
    return utcnow().astimezone(zone()).date()


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), zone())


def gini(counts: list[int]) -> float | None:
    """Inequality of service across members: 0 when all served alike, towards 1 when a few
    did everything. None without members or without any service."""
    values = sorted(counts)
    n, total = len(values), sum(values)
    if n == 0 or total == 0:
        return None
    weighted = sum(rank * value for rank, value in enumerate(values, start=1))
    return round((2 * weighted) / (n * total) - (n + 1) / n, 4)


def member_figures(scope: Scope) -> dict:
    """Active party members, those who completed something in the period, the idle, and the
    spread (resident volunteers are counted apart: volunteer_figures)."""
    members = [Member.status == MemberStatus.ACTIVE, Member.member_type != MemberType.VOLUNTEER]
    if scope.community_ids is not None:
        members.append(Member.community_id.in_(scope.community_ids))
    active = db.session.scalars(sa.select(Member.id).where(*members).order_by(Member.id)).all()
    completions = completions_in(scope, sa.select(Member.id).where(*members))
    idle = [member_id for member_id in active if member_id not in completions]
    listed = db.session.scalars(
        sa.select(Member).where(Member.id.in_(idle[:MAX_IDLE_LISTED])).order_by(Member.id)
    ).unique()
    return {
        "active": len(active),
        "participating": len(completions),
        "idle": len(idle),
        "gini": gini(list(completions.values()) + [0] * len(idle)),
        "idle_members": [
            {"member_id": m.id, "display_name": m.display_name, "community_id": m.community_id}
            for m in listed
        ],
    }


def volunteer_figures(scope: Scope) -> dict:
    """Resident volunteers (居民志愿者), apart from the party members: how many are active,
    how many completed something in the period, and how many orders they completed."""
    volunteers = [Member.status == MemberStatus.ACTIVE, Member.member_type == MemberType.VOLUNTEER]
    if scope.community_ids is not None:
        volunteers.append(Member.community_id.in_(scope.community_ids))
    active = db.session.scalar(sa.select(sa.func.count(Member.id)).where(*volunteers)) or 0
    completions = completions_in(scope, sa.select(Member.id).where(*volunteers))
    return {
        "active": active,
        "participating": len(completions),
        "orders_completed": sum(completions.values()),
    }


def completions_in(scope: Scope, member_ids: sa.Select) -> dict[int, int]:
    """Completed orders per member in the period: whole months from the member tallies,
    the rest of a month cut by the period read from the orders."""
    whole, cut = months_of(scope.label["start"], scope.label["end"], today())
    counts: dict[int, int] = {}
    if whole:
        rows = db.session.execute(
            sa.select(MemberTally.member_id, sa.func.sum(MemberTally.completions))
            .where(MemberTally.member_id.in_(member_ids), MemberTally.month.in_(whole))
            .group_by(MemberTally.member_id)
        )
        for member_id, count in rows:
            counts[member_id] = counts.get(member_id, 0) + int(count)
    for first, last in cut:
        rows = db.session.execute(
            sa.select(Order.claimed_by_id, sa.func.count())
            .where(
                Order.claimed_by_id.in_(member_ids),
                Order.status.in_(DONE),
                Order.completed_at >= local_midnight(first),
                Order.completed_at < local_midnight(last + timedelta(days=1)),
            )
            .group_by(Order.claimed_by_id)
        )
        for member_id, count in rows:
            counts[member_id] = counts.get(member_id, 0) + count
    return {member_id: count for member_id, count in counts.items() if count}


def months_of(first: date, last: date, today: date) -> tuple[list[str], list[tuple]]:
    """The period's months as whole months ('YYYY-MM', read from tallies) and cut ones
    ((first day, last day) within the period). A month the period covers up to today is
    whole: nothing is completed in the future."""
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


def participation(scope: Scope) -> dict[int, dict]:
    """Per community: its active members, and how many of them completed an order in the
    period (from the member tallies, as `member_figures`)."""
    where = [Member.status == MemberStatus.ACTIVE, Member.member_type != MemberType.VOLUNTEER]
    if scope.community_ids is not None:
        where.append(Member.community_id.in_(scope.community_ids))
    home = dict(db.session.execute(sa.select(Member.id, Member.community_id).where(*where)).all())
    completions = completions_in(scope, sa.select(Member.id).where(*where))
    result: dict[int, dict] = {}
    for member_id, community_id in home.items():
        counts = result.setdefault(community_id, {"active": 0, "participating": 0})
        counts["active"] += 1
        counts["participating"] += int(member_id in completions)
    for counts in result.values():
        counts["rate"] = round(counts["participating"] / counts["active"], 4)
    return result
