"""Recommendations for dispatch and a member's pool, ranked with reasons."""

from datetime import datetime, time

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.errors import Forbidden
from volunteer.extensions import db
from volunteer.matching import candidates, scoring
from volunteer.matching.reasons import render
from volunteer.matching.scoring import Reason
from volunteer.orders.access import PRESENTED, claimable_by, manage_order
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.orders.timing import zone
from volunteer.organisations.models import Community
from volunteer.people.models import MemberType
from volunteer.teams.services import active_member_counts

MAX_TEAMS = 20
MAX_MEMBERS = 20
MAX_POOL = 200


def quarter_start(now: datetime) -> datetime:
    """The start of the current quarter, local time: the fairness period."""
    local = now.astimezone(zone()).date()
    first_month = 3 * ((local.month - 1) // 3) + 1
    return datetime.combine(local.replace(month=first_month, day=1), time(0), zone())


def weights() -> dict[str, float]:
    return {**scoring.DEFAULT_WEIGHTS, **current_app.config.get("MATCHING_WEIGHTS", {})}


def order_text(order: Order) -> str:
    return f"{order.title} {order.description}"


def ranked(entries: list[dict]) -> list[dict]:
    """Best first; ties broken by id so the order is stable."""
    return sorted(entries, key=lambda entry: (-entry["score"], entry["id"]))


def recommend(actor: Actor, order_id: int) -> dict:
    """Teams and members for a triaged order, each with a score and its reasons."""
    order = manage_order(actor, order_id)
    community_ids = candidates.scope_communities(order)
    street_id = order.community.street_id
    text = order_text(order)
    w = weights()

    teams = candidates.teams_in(community_ids)
    if len(community_ids) > 1:
        # Street-wide (escalated): of the other communities' teams only those serving the
        # category are worth a look; their aggregates are what costs.
        teams = [
            team
            for team in teams
            if team.community_id == order.community_id or order.category in (team.categories or ())
        ]
    team_ids = [team.id for team in teams]
    staffed = active_member_counts(team_ids)
    open_orders = candidates.team_open_orders(team_ids)
    team_entries = []
    for team in teams:
        parts = [
            scoring.category_fit(order.category, team.categories or []),
            scoring.skill_fit(text, [team.name, team.description or ""]),
            scoring.proximity(
                order_grid=None,
                order_community=order.community_id,
                order_street=street_id,
                grid=None,
                community=team.community_id,
                street=street_id,
            ),
            scoring.staffing(staffed.get(team.id, 0)),
            scoring.load(open_orders.get(team.id, 0)),
        ]
        team_entries.append(
            {"id": team.id, "team": team, "parts": parts, "score": scoring.total(parts, w)}
        )

    serving = [team.id for team in teams if order.category in (team.categories or [])]
    members = candidates.member_candidates(community_ids, serving, scoring.grams(text))
    member_ids = [member.id for member in members]
    served = candidates.team_categories_of(member_ids)
    history = candidates.histories(member_ids, quarter_start(utcnow()))
    member_entries = []
    for member in members:
        past = history.get(member.id, candidates.History())
        parts = [
            scoring.category_fit(order.category, sorted(served.get(member.id, ()))),
            scoring.skill_fit(text, member.skills or []),
            scoring.proximity(
                order_grid=order.grid_id,
                order_community=order.community_id,
                order_street=street_id,
                grid=member.grid_id,
                grid_name=member.grid,
                community=member.community_id,
                street=street_id,
            ),
            scoring.load(past.open_claims),
            scoring.reliability(
                completed=past.completed,
                on_time=past.on_time,
                rated=past.rated,
                score_sum=past.score_sum,
            ),
            scoring.fairness(past.this_period),
        ]
        member_entries.append(
            {"id": member.id, "member": member, "parts": parts, "score": scoring.total(parts, w)}
        )

    return {
        "order_id": order.id,
        "teams": [
            {
                "team_id": entry["id"],
                "name": entry["team"].name,
                "community_id": entry["team"].community_id,
                "score": entry["score"],
                "reasons": [render(r) for r in scoring.reasons(entry["parts"])],
            }
            for entry in ranked(team_entries)[:MAX_TEAMS]
        ],
        "members": [
            {
                "member_id": entry["id"],
                "display_name": entry["member"].display_name,
                "community_id": entry["member"].community_id,
                "volunteer": entry["member"].member_type == MemberType.VOLUNTEER,
                "score": entry["score"],
                # A resident volunteer (居民志愿者) is reached through the pool, never in person.
                "reasons": [
                    render(r)
                    for r in volunteer_mark(entry["member"]) + scoring.reasons(entry["parts"])
                ],
            }
            for entry in ranked(member_entries)[:MAX_MEMBERS]
        ],
    }


def volunteer_mark(member) -> list[Reason]:
    return [Reason("resident_volunteer")] if member.member_type == MemberType.VOLUNTEER else []


def pool(actor: Actor) -> list[tuple[int, float, list[Reason]]]:
    """The orders the caller (an active member) may claim now, best first, as
    (order id, score, reasons unrendered): the caller loads and renders only the page it
    shows. Ranking reads plain columns, not whole orders."""
    member = actor.active_member
    if member is None:
        raise Forbidden(_l("The pool is for active members."))
    select = (
        sa.select(
            Order.id,
            Order.title,
            Order.description,
            Order.category,
            Order.grid_id,
            Order.urgency,
            Order.community_id,
            Order.dispatch_member_id,
            Order.due_at,
            Community.street_id,
        )
        .join(Community, Community.id == Order.community_id)
        .where(claimable_by(member, OrderStatus.DISPATCHED))
        .order_by(
            (Order.dispatch_member_id == member.id).desc(),
            (Order.urgency == "urgent").desc(),
            Order.due_at.asc(),
            Order.id.asc(),
        )
        .limit(MAX_POOL)
    )
    served = sorted(candidates.team_categories_of([member.id]).get(member.id, ()))
    skills = member.skills or []
    home_street = member.community.street_id
    w = weights()
    entries = []
    for row in db.session.execute(select):
        parts = [
            scoring.directness(row.dispatch_member_id == member.id),
            scoring.urgency(row.urgency == "urgent"),
            scoring.category_fit(row.category, served),
            scoring.skill_fit(f"{row.title} {row.description}", skills),
            scoring.proximity(
                order_grid=row.grid_id,
                order_community=row.community_id,
                order_street=row.street_id,
                grid=member.grid_id,
                grid_name=member.grid,
                community=member.community_id,
                street=home_street,
            ),
        ]
        entries.append(
            {
                "id": row.id,
                "parts": parts,
                "score": scoring.total(parts, w),
                "rank": pool_rank(row, member.id),
            }
        )
    entries.sort(key=lambda entry: (entry["rank"], -entry["score"], entry["id"]))
    return [(entry["id"], entry["score"], scoring.reasons(entry["parts"])) for entry in entries]


def pool_rank(row, member_id: int) -> tuple:
    """What orders the pool before the match score: the offers made to me, then urgent orders
    above normal ones, and within the same urgency the earlier due time first (API.md)."""
    due = row.due_at
    return (
        row.dispatch_member_id != member_id,
        row.urgency != "urgent",
        due is None,
        due.timestamp() if due is not None else 0.0,
    )


def pool_page(
    actor: Actor, page: int = 1, size: int = 20
) -> tuple[int, list[tuple[Order, float, list]]]:
    """One page of the caller's pool as loaded orders, best first: (how many in all,
    [(order, score, reasons)]). Only the page's orders are loaded."""
    entries = pool(actor)
    start = (max(page, 1) - 1) * size
    shown = entries[start : start + size]
    orders = {
        order.id: order
        for order in db.session.scalars(
            sa.select(Order)
            .where(Order.id.in_([order_id for order_id, _, _ in shown]))
            .options(*PRESENTED)
        ).unique()
    }
    return len(entries), [(orders[order_id], score, reasons) for order_id, score, reasons in shown]
