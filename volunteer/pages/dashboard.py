"""The dashboard of the secretary and the street admin, and the public 公示 page."""

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask_login import login_required

from volunteer.activities.records import community_figures
from volunteer.auth.access import require_actor
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.orders.access import visible_orders
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.organisations.models import Community
from volunteer.stats import services as stats
from volunteer.teams.models import Team

bp = Blueprint("dashboard", __name__)

MIN_PUBLIC_COUNT = 3


@bp.route("/dashboard")
@login_required
def index():
    """Trends, the status funnel, teams, idle members and overdue orders of the caller's scope."""
    actor = require_actor()
    params = {
        key: request.args.get(key, type=int)
        for key in ("community_id", "street_id")
        if request.args.get(key, type=int)
    }
    try:
        figures = stats.statistics(actor, group_by="month", **params)
        teams = stats.grouped(stats.resolve_scope(actor, **params), "team")
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
        overdue=overdue,
        chart_data=chart_data(figures),
        activity_figures=activity_figures(stats.resolve_scope(actor, **params)),
    )


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
    """What the charts draw: the monthly trend and the status funnel."""
    months = figures.get("groups", [])
    by_status = figures["orders"]["by_status"]
    return {
        "months": [g["key"] for g in months],
        "orders": [g["orders"]["total"] for g in months],
        "completion": [g["completion_rate"] for g in months],
        "on_time": [g["on_time_rate"] for g in months],
        "satisfaction": [g["satisfaction_rate"] for g in months],
        "funnel": [
            {"status": status, "value": by_status.get(status, 0)}
            for status in (
                OrderStatus.SUBMITTED,
                OrderStatus.ACCEPTED,
                OrderStatus.DISPATCHED,
                OrderStatus.CLAIMED,
                OrderStatus.COMPLETED,
                OrderStatus.CLOSED,
            )
        ],
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
