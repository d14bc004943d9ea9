"""Which orders a caller may see and act on (load → check access → act)."""

from collections.abc import Iterable

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import QueryableAttribute, joinedload

from volunteer.auth.access import Actor, manages_community
from volunteer.auth.models import User
from volunteer.db import memo
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.orders.following import is_follower
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.organisations.models import Community
from volunteer.people.models import Member, MemberStatus
from volunteer.teams.models import TeamMembership


def in_team(member, team_id: int | None) -> bool:
    if team_id is None:
        return False
    return team_id in team_ids(member)


def team_ids(member) -> set[int]:
    """The member's teams, read once per transaction: a page that asks for each of its
    orders asks the database once. Any flush, commit or rollback forgets them
    (volunteer/db.py `memo`), so a change of membership is seen at once."""
    teams = memo(db.session).setdefault("team_ids", {})
    if member.id not in teams:
        teams[member.id] = set(
            db.session.scalars(
                sa.select(TeamMembership.team_id).where(TeamMembership.member_id == member.id)
            )
        )
    return teams[member.id]


def may_claim(member, order: Order) -> bool:
    """An active member eligible for the dispatch target (team, that member, or the pool)."""
    if member is None or member.status != MemberStatus.ACTIVE:
        return False
    if order.dispatch_member_id is not None:
        return order.dispatch_member_id == member.id
    if order.dispatch_team_id is not None:
        return in_team(member, order.dispatch_team_id)
    return order.dispatch_pool and member.community_id == order.community_id


def sees_order(actor: Actor, order: Order) -> bool:
    """Owner, managers, the grid's grid workers, the claimer, the members it is offered to,
    and its followers."""
    if actor.id in (order.owner_id, order.proxy_by_id):
        return True
    if manages_community(actor, order.community):
        return True
    if order.grid_id is not None and order.grid_id in actor.grid_worker_of:
        return True
    member = actor.member
    if member is not None and (
        order.claimed_by_id == member.id
        or (order.status == OrderStatus.DISPATCHED and may_claim(member, order))
    ):
        return True
    # A follower (关注) sees it too, with the contact data masked (orders/privacy.py).
    return is_follower(actor.id, order.id)


# What presenting an order reads besides its row, loaded with it in one statement (the
# claimer's name, not their user's role grants: those load if something asks).
PRESENTED = (
    joinedload(Order.photos),
    joinedload(Order.claimed_by).joinedload(Member.user).lazyload(User.grants),
)


# One order's page adds its voice notes (never shown in lists), in the same statement.
DETAILED = (*PRESENTED, joinedload(Order.voice_notes))


def access_order(actor: Actor, order_id: int) -> Order:
    """The order if the caller may see it, else 404."""
    order = db.session.get(Order, order_id, options=DETAILED)
    if order is None or not sees_order(actor, order):
        raise NotFound(_l("No such order."))
    return order


def access_for_claim(actor: Actor, order_id: int) -> Order:
    """For members: an order of their community (or offered to their team) is in scope, so
    that an ineligible member of the community hears 403 rather than 404."""
    order = db.session.get(Order, order_id)
    member = actor.active_member
    if order is None:
        raise NotFound(_l("No such order."))
    in_scope = sees_order(actor, order) or (
        member is not None
        and (member.community_id == order.community_id or in_team(member, order.dispatch_team_id))
    )
    if not in_scope:
        raise NotFound(_l("No such order."))
    return order


def manage_order(actor: Actor, order_id: int) -> Order:
    """An order the caller manages (secretary, street admin, admin): 404 outside scope,
    403 for those in scope who may only look."""
    order = access_for_claim(actor, order_id)
    if not manages_community(actor, order.community):
        raise Forbidden(_l("Only the community's secretary or the street admin may do this."))
    return order


def visible_orders(actor: Actor, *criteria: sa.ColumnElement[bool]) -> sa.Select:
    """Orders the caller may see: their own, their communities' and grids', the ones they hold
    or may claim — and that meet `criteria` (conditions on `Order`). One select, so lists
    paginate in the database.

    The ways of seeing an order are branches of a UNION of order ids, each answered from its
    own index (owner, proxy, community, claimer, dispatch target). An OR of them in one WHERE
    would make the database scan every order (SQLite) to count a page's total. The criteria
    go into every branch, so that a branch reads only what meets them from its index (the
    desk's triage tab: a community's open orders, not its whole history)."""
    ways = every_way(actor)
    if ways is None:
        return sa.select(Order).where(*criteria)
    branches = [sa.select(Order.id).where(way, *criteria) for way in ways]
    return sa.select(Order).where(Order.id.in_(sa.union(*branches)))


def first_visible(
    actor: Actor,
    criteria: list[sa.ColumnElement[bool]],
    columns: list,
    order_by: list,
    first: int | sa.BindParameter[int],
) -> sa.Subquery:
    """The id and `columns` of the first `first` orders, in the order `order_by` says, of
    those `visible_orders(actor, *criteria)` selects — and some after them: each way of
    seeing gives its own first ones, from its own index, and the union of those holds the
    first of all. A list's pages up to the requested one are read off it in the same order
    (on its columns), without visiting a big community's whole history or the thousand
    orders a secretary posted for residents, nor going back to the orders to sort."""
    ways = every_way(actor)
    # Only the admin (None) sees every order, never a caller whose list of ways is empty.
    conditions: list[sa.ColumnElement[bool]] = [sa.true()] if ways is None else ways
    branches = [
        sa.select(Order.id, *columns)
        .where(way, *criteria)
        .order_by(*order_by)
        .limit(first)
        .subquery()
        for way in conditions
    ]
    return sa.union(*(sa.select(*branch.c) for branch in branches)).subquery()


def visible_rows(
    actor: Actor, columns: list, criteria: list[sa.ColumnElement[bool]]
) -> sa.Subquery:
    """The `columns` of the orders `visible_orders(actor, *criteria)` selects, each order
    once (with its id), as a subquery to aggregate: the branches carry the columns
    themselves, so counting a community's orders by status reads its index alone instead
    of joining the ids back to every order. The managed communities' orders are apart from
    the other ways' (which leave them out), so that only the few others are deduplicated,
    not a big community's thousands."""
    ways = ways_of_seeing(actor)
    if ways is None:
        return sa.select(Order.id, *columns).where(*criteria).subquery()
    managed, others = ways
    if managed is None:
        branches = [sa.select(Order.id, *columns).where(way, *criteria) for way in others]
        return sa.union(*branches).subquery()
    rest = seen_otherwise(managed, others, columns, criteria)
    return sa.union_all(
        sa.select(Order.id, *columns).where(managed, *criteria), sa.select(*rest.c)
    ).subquery()


def seen_otherwise(
    managed: sa.ColumnElement[bool],
    others: list[sa.ColumnElement[bool]],
    columns: list,
    criteria: list[sa.ColumnElement[bool]],
) -> sa.Subquery:
    """The `columns` of the orders seen one of the `others` ways outside the managed
    communities, each once: the few a manager sees besides their communities' thousands."""
    branches = [sa.select(Order.id, *columns).where(way, ~managed, *criteria) for way in others]
    return sa.union(*branches).subquery()


def ways_of_seeing(
    actor: Actor,
) -> tuple[sa.ColumnElement[bool] | None, list[sa.ColumnElement[bool]]] | None:
    """The conditions on `Order` under which the caller sees an order: the communities they
    manage (secretary, street admin) as one condition or None, and the other ways, one
    condition each; None for the admin, who sees every order."""
    if actor.is_admin:
        return None
    member = actor.member
    others = [Order.owner_id == actor.id, Order.proxy_by_id == actor.id]
    if actor.grid_worker_of:
        others.append(Order.grid_id.in_(ordered(actor.grid_worker_of)))
    if member is not None:
        others.append(Order.claimed_by_id == member.id)
        if member.status == MemberStatus.ACTIVE:
            others.append(sa.and_(Order.status == OrderStatus.DISPATCHED, claimable_by(member)))
    return managed_by(actor, Order.community_id), others


def every_way(actor: Actor) -> list[sa.ColumnElement[bool]] | None:
    """`ways_of_seeing` as one list, the managed communities first; None for the admin."""
    ways = ways_of_seeing(actor)
    if ways is None:
        return None
    managed, others = ways
    return others if managed is None else [managed, *others]


def scope_key(actor: Actor) -> tuple:
    """Everything `ways_of_seeing` (and the list's "mine") reads of the caller: a statement
    built from them is the same for every caller with the same key (statements.py)."""
    member = actor.member
    return (
        actor.id,
        actor.is_admin,
        ordered(actor.grid_worker_of),
        None if member is None else (member.id, member.status, member.community_id),
        ordered(actor.secretary_of),
        ordered(actor.street_admin_of),
    )


def ordered(ids: Iterable[int | None]) -> tuple[int | None, ...]:
    """Ids in one order (a set's is not fixed), so that equal sets build equal statements."""
    return tuple(sorted(ids, key=lambda i: (i is None, i or 0)))


def managed_by(
    actor: Actor, community_id: QueryableAttribute[int]
) -> sa.ColumnElement[bool] | None:
    """`community_id` is one of the communities the caller manages (secretary, street
    admin); None if they manage none."""
    managed = []
    if actor.secretary_of:
        managed.append(community_id.in_(ordered(actor.secretary_of)))
    if actor.street_admin_of:
        streets = sa.select(Community.id).where(
            Community.street_id.in_(ordered(actor.street_admin_of))
        )
        managed.append(community_id.in_(streets))
    return sa.or_(*managed) if managed else None


def own_orders(actor: Actor, limit: int = 100) -> list[Order]:
    """What the caller posted as a resident (not 代办 for others), newest first."""
    return list(
        db.session.scalars(
            sa.select(Order)
            .where(Order.owner_id == actor.id)
            .order_by(Order.created_at.desc(), Order.id.desc())
            .limit(limit)
        )
    )


def claimable_by(member, status: str | None = None) -> sa.ColumnElement[bool]:
    """The SQL twin of may_claim() for the dispatch target.

    With `status`, every branch also requires it, so that the database answers each branch
    from its own index (target member, team or community, then status) instead of scanning
    all orders of that status in the district."""
    teams = sa.select(TeamMembership.team_id).where(TeamMembership.member_id == member.id)
    same = [Order.status == status] if status is not None else []
    if status is not None:
        # The member's few teams as a list: PostgreSQL cannot drive an index scan from a
        # subquery, and then reads every order of that status instead of the teams' ones.
        teams = sorted(team_ids(member))  # type: ignore[assignment]  # IN takes either
    # "No member/team target" as coalesce(…) = 0 (ids start at 1): the same test as IS NULL,
    # but no index can serve it, so SQLite does not read a branch through the huge
    # "target IS NULL" part of the member or team index.
    no_member = sa.func.coalesce(Order.dispatch_member_id, 0) == 0
    no_team = sa.func.coalesce(Order.dispatch_team_id, 0) == 0
    return sa.or_(
        sa.and_(Order.dispatch_member_id == member.id, *same),
        sa.and_(Order.dispatch_team_id.in_(teams), *same, no_member),
        sa.and_(
            Order.community_id == member.community_id,
            *same,
            no_member,
            no_team,
            Order.dispatch_pool.is_(True),
        ),
    )
