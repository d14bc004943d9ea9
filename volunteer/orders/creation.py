"""Posting an order: a resident for themself, or a secretary or the grid's grid worker on a
resident's behalf (代办); a grid worker who files one is its first-contact owner (首问负责)."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value

from volunteer.auth.access import Actor, sees_community
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.orders.appointments import book
from volunteer.orders.auto_dispatch import auto_dispatch, rule_for
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.reading import Place
from volunteer.orders.search_index import note_street
from volunteer.orders.states import Action, OrderStatus
from volunteer.organisations.grids import grid_in
from volunteer.organisations.models import Community, Grid


def worker_grids(actor: Actor) -> list[Grid]:
    """The grids in use the caller walks as a grid worker (网格员)."""
    grids = (db.session.get(Grid, grid_id) for grid_id in sorted(actor.grid_worker_of))
    return [grid for grid in grids if grid is not None and grid.active]


def proxy_communities(actor: Actor) -> set[int | None]:
    """Where the caller files for others: as secretary, or in their grids as grid worker."""
    return set(actor.secretary_of) | {grid.community_id for grid in worker_grids(actor)}


# A community as posting needs it: its id and street, by one statement built once (the
# mapped community, with its street joined, was ~6 % of a create).
PLACE = sa.select(Community.__table__.c.id, Community.__table__.c.street_id).where(
    Community.__table__.c.id == sa.bindparam("community_id")
)


def posting_community(actor: Actor, community_id: int | None, *, proxy: bool) -> Place:
    """The community the order goes to (its id and street): the caller's own, or for 代办
    the secretary's or the grid worker's."""
    residences = {grant.community_id for grant in actor.grants_of(Role.RESIDENT)}
    filing = proxy_communities(actor) if proxy else set(actor.secretary_of)
    if community_id is None:
        own = residences | filing
        if len(own) != 1:
            raise Invalid("community_id", _l("Name the community."))
        community_id = next(iter(own))
    row = db.session.connection().execute(PLACE, {"community_id": community_id}).one_or_none()
    community = Place(*row) if row is not None else None
    if community is None or not (sees_community(actor, community) or community_id in filing):
        raise NotFound(_l("No such community."))
    if proxy and community_id not in filing:
        raise Forbidden(
            _l("Only the community's secretary or grid worker posts on a resident's behalf.")
        )
    if not proxy and community_id not in residences:
        if community_id in actor.secretary_of:
            raise Invalid("on_behalf_of", _l("A secretary posts for a named resident (代办)."))
        raise Forbidden(_l("Only the community's residents post orders here."))
    return community


def posting_communities(actor: Actor, *, proxy: bool) -> list[Community]:
    """The communities `posting_community` accepts from this caller, by name (the chooser of
    the posting form): where they live, or for 代办 where they are the secretary or walk a
    grid."""
    if proxy:
        ids = proxy_communities(actor)
    else:
        ids = {grant.community_id for grant in actor.grants_of(Role.RESIDENT)}
    communities = (db.session.get(Community, community_id) for community_id in ids)
    return sorted(
        (c for c in communities if c is not None and (proxy or sees_community(actor, c))),
        key=lambda c: (c.name, c.id),
    )


def last_grid(actor: Actor) -> str | None:
    """The grid of the caller's last request that named one (the posting form's default)."""
    return db.session.scalar(
        sa.select(Order.grid)
        .where(Order.owner_id == actor.id, Order.grid_id.is_not(None))
        .order_by(Order.id.desc())
        .limit(1)
    )


def filing_grid(actor: Actor, community: Place, grid: Grid | None, *, proxy: bool):
    """The grid an order is filed in: the one named; for 代办 by a grid worker (not the
    community's secretary), one of their own grids (their only one here when none is named)."""
    if not proxy or community.id in actor.secretary_of:
        return grid
    mine = [g for g in worker_grids(actor) if g.community_id == community.id]
    if grid is None and len(mine) == 1:
        return mine[0]
    if grid not in mine:
        raise Invalid("grid_id", _l("A grid worker files in their own grid."))
    return grid


def create_order(
    actor: Actor,
    *,
    on_behalf_of=None,
    community_id: int | None = None,
    contact_phone=None,
    appointment=None,
    grid_id: int | None = None,
    grid: str | None = None,
    **fields,
) -> Order:
    """A new order in `submitted`, with its `submit` event."""
    proxy = on_behalf_of is not None
    community = posting_community(actor, community_id, proxy=proxy)
    note_street(db.session(), community.id, community.street_id)  # for the search index's row
    named = grid_in(community.id, grid_id=grid_id, name=grid)
    filed_in = filing_grid(actor, community, named, proxy=proxy)
    if on_behalf_of is not None:
        order = Order(
            proxy_by_id=actor.id,
            contact_name=on_behalf_of["name"],
            contact_phone=on_behalf_of["phone"],
        )
    else:
        order = Order(
            owner_id=actor.id,
            contact_name=actor.display_name,
            contact_phone=contact_phone or actor.phone,
        )
    for name, value in fields.items():
        setattr(order, name, value)
    order.community_id = community.id
    if filed_in is not None:
        order.grid_id, order.grid = filed_in.id, filed_in.name
        if proxy and filed_in.id in actor.grid_worker_of:
            order.first_contact_id = actor.id
    book(order, appointment)
    order.status = OrderStatus.SUBMITTED
    # A new order has no photos yet and no events but those added here (appended to the
    # collection as they are made): known without asking the database.
    set_committed_value(order, "photos", [])
    set_committed_value(order, "voice_notes", [])
    set_committed_value(order, "events", [])
    # Read before anything is written: on SQLite the write lock is taken at the first write
    # (POST /orders: db.lock_at_first_write) and held for the writes alone.
    rule_team = rule_for(community.id, order.category)
    # Posted when its first event happened (not a moment later, when the flush runs).
    order.created_at = now = utcnow()
    db.session.add(order)
    # The order and its first event in one flush (one pass of the tallies' hooks).
    db.session.add(
        OrderEvent(
            order=order,
            at=now,
            actor_id=actor.id,
            action=Action.SUBMIT,
            from_status=None,
            to_status=order.status,
        )
    )
    db.session.flush()
    auto_dispatch(order, rule_team)
    return order
