"""The dashboard of the secretary and the street admin, and the public 公示 page."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.activities.records import community_figures
from volunteer.auth.access import require_actor
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.orders.access import visible_orders
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.organisations.models import Community, Street
from volunteer.pages import comparison
from volunteer.stats import services as stats
from volunteer.teams.models import Team

bp = Blueprint("dashboard", __name__)

MIN_PUBLIC_COUNT = 3


@bp.route("/dashboard")
@login_required
def index():
    """统计: the figures of the caller's scope over a date range (`from`, `to` in the URL),
    the statuses as one bar, teams, idle members, overdue orders, the exports, and for the
    street admin the comparison of its communities."""
    actor = require_actor()
    params = scope_params()
    try:
        figures = stats.statistics(actor, group_by="month", **params)
        scope = stats.resolve_scope(actor, **params)
        teams = stats.grouped(scope, "team")
        compared = (
            stats.by_community(scope)
            if (actor.is_admin or actor.street_admin_of) and "community_id" not in params
            else None
        )
    except DomainError as error:
        abort(error.code)
    team_names = {
        team_id: (name, community)
        for team_id, name, community in db.session.execute(
            sa.select(Team.id, Team.name, Community.name)
            .join(Community, Community.id == Team.community_id)
            .where(Team.id.in_([g["key"] for g in teams if g["key"]]))
        )
    }
    overdue = db.session.scalars(
        visible_orders(actor).where(Order.overdue).order_by(Order.due_at).limit(20)
    ).all()
    period = {"from": figures["scope"]["start"], "to": figures["scope"]["end"]}
    return render_template(
        "pages/dashboard.html",
        figures=figures,
        teams=[
            {**g, "name": team_names[g["key"]][0], "community": team_names[g["key"]][1]}
            for g in teams
            if g["key"] in team_names
        ],
        communities=choosable_communities(actor),
        chosen=params.get("community_id"),
        scope_name=scope_name(params),
        period=period,
        ranges=quick_ranges(stats.today()),
        query={**{k: v for k, v in params.items() if k in ("community_id", "street_id")}, **period},
        status_bar=status_bar(figures),
        balance=balance(figures["members"]["gini"]),
        comparison=comparison_table(compared, request.args.get("sort")) if compared else None,
        overdue=overdue,
        chart_data=chart_data(figures),
        activity_figures=activity_figures(stats.resolve_scope(actor, **params)),
    )


def scope_params() -> dict:
    """The community, street and date range asked for in the URL (a bad date is ignored;
    dates given the wrong way round are swapped)."""
    params: dict = {
        key: request.args.get(key, type=int)
        for key in ("community_id", "street_id")
        if request.args.get(key, type=int)
    }
    for key, name in (("start", "from"), ("end", "to")):
        try:
            params[key] = date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            continue
    if "start" in params and "end" in params and params["start"] > params["end"]:
        params["start"], params["end"] = params["end"], params["start"]
    return params


def scope_name(params: dict) -> str | None:
    """The chosen community's or street's name for the heading."""
    if "community_id" in params:
        community = db.session.get(Community, params["community_id"])
        return community.name if community is not None else None
    if "street_id" in params:
        street = db.session.get(Street, params["street_id"])
        return street.name if street is not None else None
    return None


def quick_ranges(today: date) -> list[tuple[str, date, date]]:
    """This month, last month, this year: one click each."""
    month_start = today.replace(day=1)
    last_month_end = month_start - timedelta(days=1)
    return [
        (_("This month"), month_start, today),
        (_("Last month"), last_month_end.replace(day=1), last_month_end),
        (_("This year"), today.replace(month=1, day=1), today),
    ]


# Every status, in the order an order passes them, then the ends that are not a service.
BAR_ORDER = (
    OrderStatus.SUBMITTED,
    OrderStatus.ACCEPTED,
    OrderStatus.DISPATCHED,
    OrderStatus.ESCALATED,
    OrderStatus.CLAIMED,
    OrderStatus.COMPLETED,
    OrderStatus.CLOSED,
    OrderStatus.REJECTED,
    OrderStatus.MERGED,
    OrderStatus.CANCELLED,
)


def status_bar(figures: dict) -> dict:
    """The orders by status as one bar whose parts add up to the total: every status, the
    ends that are not a service (rejected, merged, cancelled) and escalation included. (The
    former funnel showed six statuses, so its bars summed to less than the total.)"""
    total = figures["orders"]["total"]
    by_status = figures["orders"]["by_status"]
    parts, x = [], 0.0
    for status in BAR_ORDER:
        value = by_status.get(status, 0)
        if not value:
            continue
        width = 100 * value / total
        parts.append({"status": str(status), "count": value, "x": round(x, 3), "width": width})
        x += width
    return {"total": total, "parts": parts, "sum": sum(p["count"] for p in parts)}


def balance(gini: float | None) -> float | None:
    """服务分布均衡度: 1 − Gini of completions per member, so that more is better."""
    return None if gini is None else round(1 - gini, 4)


def comparison_table(rows: list[dict], sort: str | None) -> dict:
    """The street's communities as the comparison table shows them, sorted as asked."""
    column, descending = comparison.parse_sort(sort)
    return {
        "columns": comparison.COLUMNS,
        "rows": comparison.sort_rows(rows, column, descending),
        "sorted_by": column,
        "descending": descending,
        "next_sort": {
            c.key: comparison.next_sort(c, column, descending) for c in comparison.COLUMNS
        },
    }


def activity_figures(scope) -> dict:
    """Activities held, attendances and their hours in the dashboard's scope and period."""
    communities = (
        scope.community_ids if scope.community_ids is not None else sa.select(Community.id)
    )
    return community_figures(communities, scope.start, scope.end)


def choosable_communities(actor) -> list:
    """The communities a street admin (or admin) can narrow the dashboard to."""
    if not (actor.is_admin or actor.street_admin_of):
        return []
    select = sa.select(Community).order_by(Community.id)
    if not actor.is_admin:
        select = select.where(Community.street_id.in_(actor.street_admin_of))
    return list(db.session.scalars(select))


def chart_data(figures: dict) -> dict:
    """What the trend chart draws, month by month."""
    months = figures.get("groups", [])
    return {
        "months": [g["key"] for g in months],
        "orders": [g["orders"]["total"] for g in months],
        "completion": [g["completion_rate"] for g in months],
        "on_time": [g["on_time_rate"] for g in months],
        "satisfaction": [g["satisfaction_rate"] for g in months],
    }


@bp.route("/public/communities/<id:community_id>")
def public(community_id):
    """公示: a community's anonymised figures for everyone; no names, no single order."""
    community = db.session.get(Community, community_id)
    if community is None:
        abort(404)
    scope = stats.community_scope(community_id)
    figures = stats.order_figures(scope)
    months = stats.grouped(scope, "month")
    members = stats.member_figures(scope)
    categories = [
        g for g in stats.grouped(scope, "category") if g["orders"]["total"] >= MIN_PUBLIC_COUNT
    ]
    return render_template(
        "pages/public.html",
        community=community,
        figures=figures,
        months=[g for g in months if g["orders"]["total"] >= MIN_PUBLIC_COUNT],
        categories=categories,
        members={"active": members["active"], "participating": members["participating"]},
        minimum=MIN_PUBLIC_COUNT,
    )
