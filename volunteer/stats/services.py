"""Statistics (docs/design.md "Statistics"), computed in SQL over the caller's scope and period."""

from array import array
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.db import utcnow
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.orders.timing import zone
from volunteer.organisations.models import Community, Street
from volunteer.people.models import Member, MemberStatus, MemberType
from volunteer.stats import durations, tallies
from volunteer.stats.sql import month_of, month_of_day
from volunteer.stats.tallies import MemberTally, OrderTally

SMALL_SAMPLE = 10
NOT_SERVED = (OrderStatus.REJECTED, OrderStatus.MERGED, OrderStatus.CANCELLED)
DONE = (OrderStatus.COMPLETED, OrderStatus.CLOSED)
MAX_IDLE_LISTED = 100


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


def period(start: date | None, end: date | None) -> tuple[date, date]:
    """The requested days, by default this year up to today (local time)."""
    now = today()
    return start or date(now.year, 1, 1), end or now


def community_scope(community_id: int, start=None, end=None) -> Scope:
    """One community's figures without a caller (the public 公示 page)."""
    start, end = period(start, end)
    return Scope(
        community_ids=sa.select(Community.id).where(Community.id == community_id),
        start=local_midnight(start),
        end=local_midnight(end + timedelta(days=1)),
        label={"start": start, "end": end, "community_id": community_id},
    )


def resolve_scope(
    actor: Actor,
    *,
    community_id: int | None = None,
    street_id: int | None = None,
    start=None,
    end=None,
) -> Scope:
    """The caller's scope: a community, a street, or (admin) everything; 404 outside it."""
    if not (actor.is_admin or actor.secretary_of or actor.street_admin_of):
        raise Forbidden(_l("Statistics are for secretaries, street admins and admins."))
    start, end = period(start, end)
    label = {"start": start, "end": end}
    if community_id is not None:
        community = db.session.get(Community, community_id)
        if community is None or not manages_community(actor, community):
            raise NotFound(_l("No such community."))
        ids = sa.select(Community.id).where(Community.id == community_id)
        label["community_id"] = community_id
    elif street_id is not None:
        street = db.session.get(Street, street_id)
        if street is None or not (actor.is_admin or street_id in actor.street_admin_of):
            raise NotFound(_l("No such street."))
        ids = sa.select(Community.id).where(Community.street_id == street_id)
        label["street_id"] = street_id
    elif actor.is_admin:
        ids = None
    else:
        ids = sa.select(Community.id).where(
            sa.or_(
                Community.id.in_(actor.secretary_of),
                Community.street_id.in_(actor.street_admin_of),
            )
        )
    return Scope(
        community_ids=ids,
        start=local_midnight(start),
        end=local_midnight(end + timedelta(days=1)),
        label=label,
    )


def rate(numerator: int, denominator: int, sample: int | None = None) -> dict:
    """A rate with its count; a sample under 10 is flagged as small."""
    sample = denominator if sample is None else sample
    return {
        "value": round(numerator / denominator, 4) if denominator else None,
        "numerator": numerator,
        "count": denominator,
        "small_sample": sample < SMALL_SAMPLE,
    }


def aggregates(scope: Scope, by: str | None = None) -> dict:
    """Counts by status and the rate ingredients per value of a breakdown (or one group:
    None), summed from the tallies (stats/tallies.py) of the scope's days; the overdue counts
    depend on the clock and come from the scope's open orders."""
    dimension, key = tally_key(by)
    counters = [sa.func.sum(OrderTally.__table__.c[name]) for name in tallies.COUNTERS]
    where = scope.tallies(dimension)
    rows = db.session.execute(
        sa.select(*([key] if key is not None else []), *counters)
        .where(*where)
        .group_by(*([key] if key is not None else []))
    )
    late = overdue_counts(scope, by)
    result = {}
    width = len(tallies.STATUSES)
    for row in rows:
        group = group_value(by, row[0]) if key is not None else None
        values = [int(value or 0) for value in row[1 if key is not None else 0 :]]
        if values[width] == 0:
            continue  # no orders at all (an aggregate without GROUP BY still gives a row)
        by_status = dict(zip(tallies.STATUSES, values[:width], strict=True))
        result[group] = figures(by_status, [*values[width:], late.get(group, 0)])
    return result


def tally_key(by: str | None):
    """The tallies' dimension and the column to group by for a breakdown."""
    if by is None:
        return "", None
    if by == "month":
        return "", month_of_day(OrderTally.day)
    if by == "community":
        return "", OrderTally.community_id
    return by, OrderTally.key


def group_value(by: str | None, key):
    """A breakdown's value as the API shows it: team ids are numbers, none is null."""
    if by in (None, "month", "community"):
        return key
    if key == "":
        return None
    return int(key) if by == "team" else key


def overdue_counts(scope: Scope, by: str | None) -> dict:
    """Open orders past their due time, per breakdown value (only open orders are read)."""
    keys = [GROUPS[by]()] if by is not None else []
    rows = db.session.execute(
        sa.select(*keys, sa.func.count()).where(*scope.orders(Order.overdue)).group_by(*keys)
    )
    return {(row[0] if keys else None): row[-1] for row in rows}


def figures(by_status: dict, sums: list[int]) -> dict:
    """Counts and rates from the aggregated sums of one group."""
    (
        total,
        rated_closed,
        auto_closed,
        on_time,
        timed,
        rated,
        satisfied,
        first_rated,
        first_satisfied,
        reworks,
        overdue,
    ) = sums
    counts = {status.value: by_status.get(status.value, 0) for status in OrderStatus}
    completed = counts["completed"] + counts["closed"]
    served = total - sum(counts[status] for status in NOT_SERVED)
    rates = {
        "completion": rate(completed, served, rated),
        "on_time": rate(on_time, timed, rated),
        "satisfaction": rate(satisfied, rated),
        "first_time_satisfaction": rate(first_satisfied, first_rated),
    }
    return {
        "orders": {
            "total": total,
            "by_status": counts,
            "completed": completed,
            "closed_by": {"rated": rated_closed, "auto_closed": auto_closed},
        },
        "completion_rate": rates["completion"]["value"],
        "on_time_rate": rates["on_time"]["value"],
        "satisfaction_rate": rates["satisfaction"]["value"],
        "first_time_satisfaction_rate": rates["first_time_satisfaction"]["value"],
        "rework_count": reworks,
        "rated_count": rated,
        "small_sample": rated < SMALL_SAMPLE,
        "rates": rates,
        "overdue": overdue,
    }


EMPTY = figures({}, [0] * (len(tallies.SUMS) + 1))


def order_figures(scope: Scope) -> dict:
    return aggregates(scope).get(None, EMPTY)


GROUPS = {
    "category": lambda: Order.category,
    "team": lambda: Order.dispatch_team_id,
    "grid": lambda: Order.grid,
    "month": lambda: month_of(Order.created_at),
    "community": lambda: Order.community_id,
}


def grouped(scope: Scope, by: str) -> list[dict]:
    """The same figures per category, team, grid or month, in one grouped query each."""
    per_key = aggregates(scope, by)
    return [
        {"key": key, **value} for key, value in sorted(per_key.items(), key=lambda kv: str(kv[0]))
    ]


def timing_figures(scope: Scope) -> dict:
    """Median response (dispatch → claim) and handling (dispatch → completion) times of the
    scope's orders, from the duration lists of its tally rows (stats/durations.py)."""
    where = scope.tallies("")
    table = OrderTally.__table__
    found = {measure: array("i") for measure in durations.MEASURES}
    for row in db.session.execute(
        sa.select(*(table.c[m] for m in durations.MEASURES)).where(*where)
    ):
        for measure, blob in zip(durations.MEASURES, row, strict=True):
            found[measure].extend(durations.unpack(blob))
    claim = durations.median(found["claim_seconds"])
    handling = durations.median(found["handling_seconds"])
    return {
        "median_claim_minutes": round(claim / 60, 1) if claim is not None else None,
        "median_handling_hours": round(handling / 3600, 2) if handling is not None else None,
    }


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


def today() -> date:
    return utcnow().astimezone(zone()).date()


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), zone())


def by_community(scope: Scope) -> list[dict]:
    """One row per community of the scope (those without orders too), by name: the figures
    summed from its tallies, and its members' participation (the street's comparison)."""
    select = sa.select(Community.id, Community.name).order_by(Community.name, Community.id)
    if scope.community_ids is not None:
        select = select.where(Community.id.in_(scope.community_ids))
    communities = db.session.execute(select).all()
    per_key = aggregates(scope, "community")
    members = participation(scope)
    return [
        {
            "key": community_id,
            "name": name,
            **per_key.get(community_id, EMPTY),
            "members": members.get(community_id, {"active": 0, "participating": 0, "rate": None}),
        }
        for community_id, name in communities
    ]


def participation(scope: Scope) -> dict[int, dict]:
    """Per community: its active members, and how many of them completed an order in the
    period (from the member tallies, as `member_figures`)."""
    where = [Member.status == MemberStatus.ACTIVE]
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


def statistics(actor: Actor, *, group_by: str | None = None, **params) -> dict:
    """GET /stats: the scope's orders, rates, times and member participation; grouped by
    community only for the street admin and the admin (the street's comparison)."""
    if group_by == "community" and not (actor.is_admin or actor.street_admin_of):
        raise Forbidden(_l("The comparison of communities is for street admins and admins."))
    scope = resolve_scope(actor, **params)
    result = {
        "scope": scope.label,
        **order_figures(scope),
        **timing_figures(scope),
        "members": member_figures(scope),
        "volunteers": volunteer_figures(scope),
    }
    if group_by == "community":
        result["groups"] = by_community(scope)
    elif group_by is not None:
        result["groups"] = grouped(scope, group_by)
    return result
