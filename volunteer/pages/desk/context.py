"""What the desk pages show besides the orders themselves: who holds each order, the actions
an order's state allows, the dispatch chooser with its reasons.

Nothing here decides anything: states come from `orders/states.py`, the role checks and the
reachable teams from `orders/triage.py`, the ranking from `matching/services.py`.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from volunteer.extensions import db
from volunteer.matching.services import recommend
from volunteer.orders import triage
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.queries import filtered_orders
from volunteer.orders.states import OPEN, TRANSITIONS, Action, OrderStatus
from volunteer.organisations.models import Community
from volunteer.people.models import Member
from volunteer.teams.models import Team, TeamStatus

# The actions of the desk, in the order the page offers them.
DESK_ACTIONS = (
    Action.ACCEPT,
    Action.DISPATCH,
    Action.MERGE,
    Action.REJECT,
    Action.ESCALATE,
    Action.RELEASE,
)


def holders(orders) -> dict[int, str]:
    """Who holds each order now: the claimer, else the team, member or pool it is offered to."""
    team_ids = {o.dispatch_team_id for o in orders if o.dispatch_team_id}
    member_ids = {o.dispatch_member_id for o in orders if o.dispatch_member_id}
    member_ids |= {o.claimed_by_id for o in orders if o.claimed_by_id}
    teams = dict(
        db.session.execute(sa.select(Team.id, Team.name).where(Team.id.in_(team_ids))).all()
    )
    members = {
        member.id: member.display_name
        for member in db.session.scalars(sa.select(Member).where(Member.id.in_(member_ids)))
    }
    names = {}
    for order in orders:
        if order.claimed_by_id:
            names[order.id] = _("claimed by %(name)s", name=members.get(order.claimed_by_id))
        elif order.status != OrderStatus.DISPATCHED:
            continue  # an offer only holds while the order waits to be claimed
        elif order.dispatch_member_id:
            names[order.id] = _("offered to %(name)s", name=members.get(order.dispatch_member_id))
        elif order.dispatch_team_id:
            names[order.id] = teams.get(order.dispatch_team_id, "")
        elif order.dispatch_pool:
            names[order.id] = _("community pool")
    return names


def orders_by_id(ids) -> list[Order]:
    return list(db.session.scalars(sa.select(Order).where(Order.id.in_(list(ids)))))


def last_claimers(orders) -> dict[int, str]:
    """The name of the member who served each order (for the follow-ups)."""
    ids = {order.claimed_by_id for order in orders if order.claimed_by_id}
    names = {
        m.id: m.display_name
        for m in db.session.scalars(sa.select(Member).where(Member.id.in_(ids)))
    }
    return {
        order.id: names[order.claimed_by_id] for order in orders if order.claimed_by_id in names
    }


def several_communities(actor) -> bool:
    """Whether the caller's lists need a community column."""
    return actor.is_admin or bool(actor.street_admin_of) or len(actor.secretary_of) > 1


def community_names(orders) -> dict[int, str]:
    ids = {order.community_id for order in orders}
    select = sa.select(Community.id, Community.name).where(Community.id.in_(ids))
    return dict(db.session.execute(select).all())


def last_notes(orders, action: Action) -> dict[int, str | None]:
    """The note of each order's latest event of `action` (e.g. why it was escalated)."""
    rows = db.session.execute(
        sa.select(OrderEvent.order_id, OrderEvent.note)
        .where(OrderEvent.order_id.in_([o.id for o in orders]), OrderEvent.action == action.value)
        .order_by(OrderEvent.id)
    )
    return {order_id: note for order_id, note in rows}


def allowed_actions(actor, order) -> list[str]:
    """The desk actions the order's state allows this caller (the services still decide)."""
    actions = [a for a in DESK_ACTIONS if order.status in TRANSITIONS[a][0]]
    if order.status == OrderStatus.ESCALATED and not triage.street_handles(actor, order):
        actions = []  # the street handles it now
    if not triage.may_escalate(actor, order):
        actions = [a for a in actions if a != Action.ESCALATE]
    return [action.value for action in actions]


def dispatch_chooser(actor, order) -> dict:
    """The recommended teams and members with score and reasons, best first, then the other
    teams this caller may dispatch to (for the street admin: every team of the street)."""
    recommended = recommend(actor, order.id)
    teams = triage.dispatchable_teams(actor, order)
    by_id = {team.id: team for team in teams}
    ranked = [entry for entry in recommended["teams"] if entry["team_id"] in by_id]
    shown = {entry["team_id"] for entry in ranked}
    names = {team.community_id: team.community.name for team in teams}
    team_rows = [
        {
            "id": entry["team_id"],
            "name": entry["name"],
            "community": names.get(entry["community_id"], ""),
            "score": entry["score"],
            "reasons": entry["reasons"],
        }
        for entry in ranked
    ] + [
        {
            "id": team.id,
            "name": team.name,
            "community": names[team.community_id],
            "score": None,
            "reasons": [],
        }
        for team in teams
        if team.id not in shown
    ]
    return {
        "teams": team_rows,
        "members": recommended["members"],
        "street_wide": triage.street_handles(actor, order),
    }


def merge_choices(actor, order) -> list[tuple[int, str]]:
    """The other open orders of the same community, newest first: where a duplicate may go."""
    select = (
        filtered_orders(
            actor, {"status": [s.value for s in OPEN], "community_id": order.community_id}
        )
        .where(Order.id != order.id)
        .order_by(Order.id.desc())
        .limit(100)
    )
    return [(other.id, f"#{other.id} {other.title}") for other in db.session.scalars(select)]


def managed_communities(actor) -> list[Community]:
    """The communities whose orders the caller manages (the admin: all), by name."""
    select = sa.select(Community).order_by(Community.street_id, Community.id)
    if not actor.is_admin:
        select = select.where(
            sa.or_(
                Community.id.in_(actor.secretary_of),
                Community.street_id.in_(actor.street_admin_of),
            )
        )
    return list(db.session.scalars(select))


def sort_choices() -> list[tuple[str, str]]:
    return [
        ("due_at", _("Due soonest first")),
        ("-due_at", _("Due latest first")),
        ("created_at", _("Oldest first")),
        ("-created_at", _("Newest first")),
    ]


def grid_choices(actor) -> list[tuple[str, str]]:
    """The grids of the caller's communities (a grid is a label on orders)."""
    names = {grid for c in managed_communities(actor) for grid in (c.grids or [])}
    return [(name, name) for name in sorted(names)]


def team_choices(actor) -> list[tuple[str, str]]:
    """The active teams of the caller's communities (with the community when several)."""
    communities = {c.id: c.name for c in managed_communities(actor)}
    teams = db.session.scalars(
        sa.select(Team)
        .where(Team.community_id.in_(list(communities)), Team.status == TeamStatus.ACTIVE)
        .order_by(Team.community_id, Team.id)
    ).all()
    several = len(communities) > 1
    return [
        (str(t.id), f"{communities[t.community_id]} · {t.name}" if several else t.name)
        for t in teams
    ]


def bulk_targets(actor) -> list[tuple[str, str]]:
    """Where the inbox's chosen orders may be dispatched: a team, or each one's pool."""
    return [("pool", _("The community pool"))] + [
        (f"team:{value}", label) for value, label in team_choices(actor)
    ]
