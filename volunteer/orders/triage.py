"""The branch's side (支部派单): accept, reject, merge, dispatch, escalate."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.errors import Forbidden, Invalid
from volunteer.extensions import db
from volunteer.notifications.services import notify, street_admins_of
from volunteer.orders import following
from volunteer.orders.access import manage_order
from volunteer.orders.models import Order
from volunteer.orders.states import OPEN, Action, OrderStatus
from volunteer.orders.timing import claim_due_for, due_for
from volunteer.orders.transitions import record, transition
from volunteer.organisations.models import Community
from volunteer.people.models import Member, MemberStatus
from volunteer.teams.models import Team, TeamMembership, TeamStatus


def street_handles(actor: Actor, order: Order) -> bool:
    """The street admin of the order's street (or the admin): may act across the street."""
    return actor.is_admin or order.community.street_id in actor.street_admin_of


def may_escalate(actor: Actor, order: Order) -> bool:
    """Escalating is the community secretary's call (the street does not escalate to itself)."""
    return actor.is_admin or order.community_id in actor.secretary_of


def require_street_for_escalated(actor: Actor, order: Order) -> None:
    """Once escalated, the street handles the order (小事不出社区，大事不出街道)."""
    if order.status == OrderStatus.ESCALATED and not street_handles(actor, order):
        raise Forbidden(_l("An escalated order is handled by the street."))


def accept_order(actor: Actor, order_id: int, *, category=None, urgency=None) -> Order:
    """Triage: the order is taken on, optionally re-categorised."""
    order = manage_order(actor, order_id)
    changes = {k: v for k, v in (("category", category), ("urgency", urgency)) if v is not None}
    transition(order, Action.ACCEPT, actor, **changes)
    db.session.flush()
    return order


def reject_order(actor: Actor, order_id: int, *, reason: str) -> Order:
    order = manage_order(actor, order_id)
    require_street_for_escalated(actor, order)
    transition(order, Action.REJECT, actor, reason, closed_at=utcnow())
    notify([order.owner_id], "rejected", f"您的“{order.title}”未被受理：{reason}", order)
    db.session.flush()
    return order


def merge_order(actor: Actor, order_id: int, *, into_order_id: int) -> Order:
    """A duplicate joins another open order of the same community: it closes as `merged`,
    the kept order's timeline notes it, and the duplicate's resident (and whoever followed
    the duplicate) follows the kept order from now on (orders/following.py)."""
    order = manage_order(actor, order_id)
    into = db.session.get(Order, into_order_id)
    if (
        into is None
        or into.id == order.id
        or into.community_id != order.community_id
        or into.status not in OPEN
    ):
        raise Invalid("into_order_id", _l("Not another open order of the same community."))
    transition(
        order,
        Action.MERGE,
        actor,
        f"并入工单 #{into.id}",
        merged_into_id=into.id,
        closed_at=utcnow(),
    )
    record(into, Action.ABSORB, actor, f"重复诉求 #{order.id} 并入本单")
    moving = [order.owner_id, *following.followers_of(order.id)]
    for user_id in moving:
        following.add_follower(into, user_id, merged_order_id=order.id)
    notify(
        [order.owner_id],
        "merged",
        f"您的“{order.title}”与邻居反映的同一件事已并入工单 #{into.id} 一并办理，"
        "之后的进展会通知您。",
        order,
    )
    db.session.flush()
    return order


def dispatch_target(
    actor: Actor, order: Order, *, team_id: int | None = None, member_id: int | None = None
) -> tuple:
    """Check the target: a team or member of the order's community (of the street, for the
    street admin); returns (team, member)."""
    street_wide = street_handles(actor, order)

    def reachable(community: Community) -> bool:
        if community.id == order.community_id:
            return True
        return street_wide and community.street_id == order.community.street_id

    if team_id is not None:
        team = db.session.get(Team, team_id)
        if team is None or not reachable(team.community) or team.status != TeamStatus.ACTIVE:
            raise Invalid("team_id", _l("Not an active team this order can be dispatched to."))
        return team, None
    if member_id is not None:
        member = db.session.get(Member, member_id)
        if (
            member is None
            or member.status != MemberStatus.ACTIVE
            or not reachable(member.community)
        ):
            raise Invalid("member_id", _l("Not an active member this order can be offered to."))
        if member.is_volunteer:
            # 居民志愿者 take orders from the pool; only their pairing's visits are offered to
            # them in person (by the pairing-visits job).
            raise Invalid("member_id", _l("A resident volunteer takes orders from the pool."))
        return None, member
    return None, None


def dispatch_order(
    actor: Actor,
    order_id: int,
    *,
    team_id: int | None = None,
    member_id: int | None = None,
    pool=False,
    due_at=None,
) -> Order:
    """Offer the order to a team, one member, or the community's pool, with a time limit."""
    order = manage_order(actor, order_id)
    require_street_for_escalated(actor, order)
    team, member = dispatch_target(actor, order, team_id=team_id, member_id=member_id)
    if due_at is not None and due_at <= utcnow():
        raise Invalid("due_at", _l("The due time must lie in the future."))
    offer(order, actor, team=team, member=member, due_at=due_at)
    return order


def dispatchable_teams(actor: Actor, order: Order) -> list[Team]:
    """The active teams `dispatch_target` accepts for this order: its community's, and for
    the street admin every community's of the street (the chooser of the dispatch form)."""
    select = sa.select(Team).join(Community, Community.id == Team.community_id)
    if street_handles(actor, order):
        select = select.where(Community.street_id == order.community.street_id)
    else:
        select = select.where(Team.community_id == order.community_id)
    return list(
        db.session.scalars(
            select.where(Team.status == TeamStatus.ACTIVE).order_by(
                Team.community_id != order.community_id, Team.community_id, Team.id
            )
        )
    )


def offer(
    order: Order,
    actor: Actor | None,
    *,
    team: Team | None = None,
    member: Member | None = None,
    due_at=None,
) -> None:
    """Dispatch (an offer, never an assignment): set the target and the clocks, tell them.

    `actor` is None when the system dispatches (auto-dispatch); no target means the pool.
    """
    now = utcnow()
    if team is not None:
        target = f"派至{team.name}"
    elif member is not None:
        target = f"派给{member.display_name}"
    else:
        target = "派入社区接单池"
    transition(
        order,
        Action.DISPATCH,
        actor,
        target if actor is not None else f"自动派单：{target}",
        dispatch_team_id=team.id if team else None,
        dispatch_member_id=member.id if member else None,
        dispatch_pool=team is None and member is None,
        dispatched_at=now,
        claim_due_at=claim_due_for(now),
        due_at=due_at or due_for(order, now),
        claim_reminded_at=None,
        due_reminded_at=None,
        supervised_at=None,
        street_supervised_at=None,
    )
    notify(offered_to(team, member), "dispatched", f"新工单待接：{order.title}", order)
    db.session.flush()


def offered_to(team: Team | None, member: Member | None) -> list[int]:
    """The people a dispatch is announced to (the pool is browsed, not announced)."""
    if member is not None:
        return [member.user_id]
    if team is None:
        return []
    return list(
        db.session.scalars(
            db.select(Member.user_id)
            .join(TeamMembership, TeamMembership.member_id == Member.id)
            .where(TeamMembership.team_id == team.id, Member.status == MemberStatus.ACTIVE)
        )
    )


def escalate_order(actor: Actor, order_id: int, *, reason: str) -> Order:
    """What the community cannot handle goes to the street."""
    order = manage_order(actor, order_id)
    if not may_escalate(actor, order):
        raise Forbidden(_l("The community's secretary escalates its orders."))
    transition(order, Action.ESCALATE, actor, reason, escalated_at=utcnow())
    notify(street_admins_of(order.community_id), "escalated", f"社区上报：{order.title}", order)
    db.session.flush()
    return order
