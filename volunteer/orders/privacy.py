"""Who may see an order's contact data, and the masked form everyone else sees (PIPL)."""

import re
from datetime import timedelta

from flask import current_app

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.orders.states import OrderStatus
from volunteer.schemas import mask_phone

# Where a residential compound's name ends: 幸福里小区3栋2单元501 → 幸福里小区. The
# two-character markers are surer, so they are looked for first: the 里 of 幸福里 is part
# of a name, the 小区 after it ends the compound.
COMPOUND_END = (
    re.compile(r"(小区|花园|公寓|家园|新村|大院|社区)"),
    re.compile(r"(苑|园|里|庄|院|村|府|城|坊|弄|巷)"),
)


def mask_address(address: str | None) -> str | None:
    """The address cut to the residential compound, never the building or the door."""
    if not address:
        return address
    digit = re.search(r"\d", address)
    # Nothing from the first number on: that is the building, the unit or the door.
    head = address[: digit.start()] if digit else address
    for marker in COMPOUND_END:
        match = marker.search(head)
        if match:
            return head[: match.end()] + "****"
    if digit:
        return head + "****"
    return address[: max(1, min(4, len(address) // 2))] + "****"  # never the whole address


def mask_name(name: str | None) -> str | None:
    """王秀英 → 王**: the family name, enough for a volunteer to greet."""
    if not name:
        return name
    return name[0] + "*" * max(1, len(name) - 1)


def sees_contact(actor: Actor, order) -> bool:
    """Owner, the community's secretary, the street admin once escalated, and the claimer
    while holding the claim and for a week after completing it."""
    if actor is None:
        return False
    if actor.id in (order.owner_id, order.proxy_by_id):
        return True
    if order.community_id in actor.secretary_of:
        return True
    if order.escalated_at is not None and order.community.street_id in actor.street_admin_of:
        return True
    member = actor.member
    if member is None or order.claimed_by_id != member.id:
        return False
    if order.status == OrderStatus.CLAIMED:
        return True
    if (
        order.status in (OrderStatus.COMPLETED, OrderStatus.CLOSED)
        and order.completed_at is not None
    ):
        window = timedelta(days=current_app.config["CONTACT_VISIBLE_DAYS_AFTER_COMPLETION"])
        return utcnow() <= order.completed_at + window
    return False


def contact_for(actor: Actor, order) -> dict:
    """The order's contact block, masked unless the caller may see it."""
    contact = {
        "name": order.contact_name,
        "address": order.address,
        "phone": order.contact_phone,
        "masked": False,
    }
    if not sees_contact(actor, order):
        contact = {
            "name": mask_name(order.contact_name),
            "address": mask_address(order.address),
            "phone": mask_phone(order.contact_phone),
            "masked": True,
        }
    return contact
