"""Posting an order: a resident for themself, or a secretary on a resident's behalf (代办)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value

from volunteer.auth.access import Actor, sees_community
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.orders.appointments import book
from volunteer.orders.auto_dispatch import auto_dispatch
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.states import Action, OrderStatus
from volunteer.organisations.models import Community


def posting_community(actor: Actor, community_id: int | None, *, proxy: bool) -> Community:
    """The community the order goes to: the caller's own, or for 代办 the secretary's."""
    residences = {grant.community_id for grant in actor.grants_of(Role.RESIDENT)}
    if community_id is None:
        own = residences | actor.secretary_of
        if len(own) != 1:
            raise Invalid("community_id", _l("Name the community."))
        community_id = next(iter(own))
    community = db.session.get(Community, community_id)
    if community is None or not sees_community(actor, community):
        raise NotFound(_l("No such community."))
    if proxy and community_id not in actor.secretary_of:
        raise Forbidden(_l("Only the community's secretary posts on a resident's behalf."))
    if not proxy and community_id not in residences:
        if community_id in actor.secretary_of:
            raise Invalid("on_behalf_of", _l("A secretary posts for a named resident (代办)."))
        raise Forbidden(_l("Only the community's residents post orders here."))
    return community


def posting_communities(actor: Actor, *, proxy: bool) -> list[Community]:
    """The communities `posting_community` accepts from this caller, by name (the chooser of
    the posting form): where they live, or for 代办 where they are the secretary."""
    if proxy:
        ids = actor.secretary_of
    else:
        ids = {grant.community_id for grant in actor.grants_of(Role.RESIDENT)}
    communities = (db.session.get(Community, community_id) for community_id in ids)
    return sorted(
        (c for c in communities if c is not None and sees_community(actor, c)),
        key=lambda c: (c.name, c.id),
    )


def create_order(
    actor: Actor,
    *,
    on_behalf_of=None,
    community_id: int | None = None,
    contact_phone=None,
    appointment=None,
    **fields,
) -> Order:
    """A new order in `submitted`, with its `submit` event."""
    community = posting_community(actor, community_id, proxy=on_behalf_of is not None)
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
    book(order, appointment)
    order.status = OrderStatus.SUBMITTED
    # A new order has no photos yet: known without asking the database.
    set_committed_value(order, "photos", [])
    set_committed_value(order, "voice_notes", [])
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
    auto_dispatch(order)
    return order
