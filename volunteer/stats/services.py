"""Statistics (docs/design.md "Statistics"), computed in SQL over the caller's scope and period."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.organisations.models import Community, Street
from volunteer.stats import durations, tallies
from volunteer.stats.participation import (
    Served,
    active_members,
    member_figures,
    participation,
    volunteer_figures,
)
from volunteer.stats.scope import Scope, local_midnight, today
from volunteer.stats.sql import binary_rows, month_of, month_of_day
from volunteer.stats.tallies import OrderTally

SMALL_SAMPLE = 10
NOT_SERVED = (OrderStatus.REJECTED, OrderStatus.MERGED, OrderStatus.CANCELLED)


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
    table = OrderTally.__table__
    rows = binary_rows(
        sa.select(*(table.c[m] for m in durations.MEASURES)).where(*scope.tallies(""))
    )
    claim = durations.median(row[0] for row in rows)
    handling = durations.median(row[1] for row in rows)
    return {
        "median_claim_minutes": round(claim / 60, 1) if claim is not None else None,
        "median_handling_hours": round(handling / 3600, 2) if handling is not None else None,
    }


def by_community(scope: Scope, found: dict[int, Served] | None = None) -> list[dict]:
    """One row per community of the scope (those without orders too), by name: the figures
    summed from its tallies, and its members' participation (the street's comparison)."""
    select = sa.select(Community.id, Community.name).order_by(Community.name, Community.id)
    if scope.community_ids is not None:
        select = select.where(Community.id.in_(scope.community_ids))
    communities = db.session.execute(select).all()
    per_key = aggregates(scope, "community")
    members = participation(scope, found)
    return [
        {
            "key": community_id,
            "name": name,
            **per_key.get(community_id, EMPTY),
            "members": members.get(community_id, {"active": 0, "participating": 0, "rate": None}),
        }
        for community_id, name in communities
    ]


def statistics(actor: Actor, *, group_by: str | None = None, **params) -> dict:
    """GET /stats: the scope's orders, rates, times and member participation; grouped by
    community only for the street admin and the admin (the street's comparison)."""
    if group_by == "community" and not (actor.is_admin or actor.street_admin_of):
        raise Forbidden(_l("The comparison of communities is for street admins and admins."))
    scope = resolve_scope(actor, **params)
    found = active_members(scope)
    result = {
        "scope": scope.label,
        **order_figures(scope),
        **timing_figures(scope),
        "members": member_figures(scope, found),
        "volunteers": volunteer_figures(scope, found),
    }
    if group_by == "community":
        result["groups"] = by_community(scope, found)
    elif group_by is not None:
        result["groups"] = grouped(scope, group_by)
    return result
