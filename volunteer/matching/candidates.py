"""Narrowing candidates in SQL: the eligible teams and members and their aggregates,
fetched for the candidates only (by indexes), never for the whole district."""

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.organisations.models import Community
from volunteer.people.models import Member, MemberStatus, SkillGram
from volunteer.teams.models import Team, TeamMembership, TeamStatus

# Enough to rank from; the skilled come first when there are more (cost grows with this, not
# with the district).
MAX_MEMBER_CANDIDATES = 120
MIN_MEMBER_CANDIDATES = 30


@dataclass
class History:
    """A member's service history, aggregated in one grouped query."""

    open_claims: int = 0
    completed: int = 0
    on_time: int = 0
    rated: int = 0
    score_sum: float = 0.0
    this_period: int = 0


def scope_communities(order: Order) -> list[int]:
    """The order's community, or every community of its street once escalated."""
    if order.escalated_at is None:
        return [order.community_id]
    return list(
        db.session.scalars(
            sa.select(Community.id).where(Community.street_id == order.community.street_id)
        )
    )


def teams_in(community_ids: list[int]) -> list[Team]:
    return list(
        db.session.scalars(
            sa.select(Team)
            .where(Team.community_id.in_(community_ids), Team.status == TeamStatus.ACTIVE)
            .order_by(Team.id)
        )
    )


def team_open_orders(team_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        sa.select(Order.dispatch_team_id, sa.func.count())
        .where(
            Order.dispatch_team_id.in_(team_ids),
            Order.status.in_((OrderStatus.DISPATCHED, OrderStatus.CLAIMED)),
        )
        .group_by(Order.dispatch_team_id)
    )
    return dict(rows.all())  # type: ignore[arg-type]  # no NULL team: the IN filter


def member_candidates(
    community_ids: list[int], serving_team_ids: list[int], grams: AbstractSet[str]
):
    """Active members in a team serving the category or with a skill touching the text.

    Rows with the few columns scoring reads (id, community_id, grid, skills, display_name),
    not Member entities: loading up to 300 members with their eagerly loaded user, grants,
    community and employer cost far more than the query itself."""
    in_serving_team = sa.select(TeamMembership.member_id).where(
        TeamMembership.team_id.in_(serving_team_ids)
    )
    with_skill = sa.select(SkillGram.member_id).where(
        SkillGram.community_id.in_(community_ids), SkillGram.gram.in_(sorted(grams))
    )
    # The name by primary key per candidate: a join let PostgreSQL hash all users first.
    display_name = sa.select(User.display_name).where(User.id == Member.user_id)
    active_here = sa.select(
        Member.id,
        Member.community_id,
        Member.grid,
        Member.grid_id,
        Member.skills,
        Member.member_type,
        display_name.scalar_subquery().label("display_name"),
    ).where(Member.community_id.in_(community_ids), Member.status == MemberStatus.ACTIVE)
    fitting = (
        active_here.where(sa.or_(Member.id.in_(in_serving_team), Member.id.in_(with_skill)))
        .order_by(sa.case((Member.id.in_(with_skill), 0), else_=1), Member.id)
        .limit(MAX_MEMBER_CANDIDATES)
    )
    rows = list(db.session.execute(fitting))
    if len(rows) < MIN_MEMBER_CANDIDATES:
        # Few fit: the community's other active members still deserve a place (fairness).
        others = (
            active_here.where(Member.id.not_in([row.id for row in rows] or [0]))
            .order_by(Member.id)
            .limit(MIN_MEMBER_CANDIDATES - len(rows))
        )
        rows += list(db.session.execute(others))
    return rows


def team_categories_of(member_ids: list[int]) -> dict[int, set[str]]:
    """The categories each member's active teams serve."""
    rows = db.session.execute(
        sa.select(TeamMembership.member_id, Team.categories)
        .join(Team, Team.id == TeamMembership.team_id)
        .where(TeamMembership.member_id.in_(member_ids), Team.status == TeamStatus.ACTIVE)
    )
    served: dict[int, set[str]] = {}
    for member_id, categories in rows:
        served.setdefault(member_id, set()).update(categories or ())
    return served


def histories(member_ids: list[int], period_start: datetime) -> dict[int, History]:
    """Open claims, completions, on-time, ratings and this period's completions per member."""
    if not member_ids:
        return {}
    done = Order.completed_at.is_not(None)
    rows = db.session.execute(
        sa.select(
            Order.claimed_by_id,
            sa.func.sum(sa.case((Order.status == OrderStatus.CLAIMED, 1), else_=0)),
            sa.func.sum(sa.case((done, 1), else_=0)),
            sa.func.sum(sa.case((sa.and_(done, Order.completed_at <= Order.due_at), 1), else_=0)),
            sa.func.count(Order.score),
            sa.func.coalesce(sa.func.sum(Order.score), 0),
            sa.func.sum(sa.case((Order.completed_at >= period_start, 1), else_=0)),
        )
        .where(Order.claimed_by_id.in_(member_ids))
        .group_by(Order.claimed_by_id)
    )
    return {
        row[0]: History(
            open_claims=int(row[1] or 0),
            completed=int(row[2] or 0),
            on_time=int(row[3] or 0),
            rated=int(row[4] or 0),
            score_sum=float(row[5] or 0),
            this_period=int(row[6] or 0),
        )
        for row in rows
    }
