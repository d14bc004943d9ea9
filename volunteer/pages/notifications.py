"""Everyone's notifications: newest first, each with a link to its order as the reader works
on it, mark one or all read (the bell in the header counts the unread)."""

import sqlalchemy as sa
from flask import Blueprint, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from volunteer.auth.access import require_actor
from volunteer.extensions import db
from volunteer.notifications import services
from volunteer.orders.access import sees_order
from volunteer.orders.models import Order
from volunteer.pages.actions import act
from volunteer.pages.paging import page_of

bp = Blueprint("notices", __name__, url_prefix="/notifications")

PAGE_SIZE = 20

# What is said to a member about an order they were offered, hold or did.
MEMBER_KINDS = frozenset({"dispatched", "rated", "reopened", "remind_claim", "remind_due"})


def order_page(user, kind: str, order: Order | None) -> str | None:
    """The page of the order for the reader's role in it: the member's, the resident's (who
    posted it) or the desk's (who manages its community)."""
    if order is None:
        return None
    member = user.member
    if kind in MEMBER_KINDS and member is not None and sees_order(user, order):
        return url_for("member.order", order_id=order.id)
    if kind == "appointment" and member is not None and order.claimed_by_id == member.id:
        return url_for("member.order", order_id=order.id)
    if order.owner_id == user.id or kind == "followed" or order.first_contact_id == user.id:
        # A followed order (关注) opens as the resident reads it, contact data left out; the
        # grid worker's (首问负责) as the resident reads it, with the contact they took down.
        return url_for("resident.order", order_id=order.id)
    if user.is_admin or user.secretary_of or user.street_admin_of:
        return url_for("desk.order", order_id=order.id)
    if member is not None and sees_order(user, order):
        return url_for("member.order", order_id=order.id)
    return None


@bp.route("")
@login_required
def index():
    actor = require_actor()
    pager = page_of(services.notifications_of(actor), PAGE_SIZE)
    order_ids = {n.order_id for n in pager.items if n.order_id is not None}
    orders = {
        order.id: order
        for order in db.session.scalars(sa.select(Order).where(Order.id.in_(order_ids)))
    }
    links = {n.id: order_page(actor, n.kind, orders.get(n.order_id)) for n in pager.items}
    return render_template(
        "pages/notifications.html", notifications=pager.items, pager=pager, links=links
    )


@bp.route("/<id:notification_id>/read", methods=["POST"])
@login_required
def read(notification_id):
    """Mark one read, back to the list. Another's notification is not found (404), as in the API."""
    services.mark_read(require_actor(), notification_id)
    return redirect(url_for("notices.index"))


@bp.route("/read-all", methods=["POST"])
@login_required
def read_all():
    return act(
        lambda form: services.mark_all_read(require_actor()),
        done=_l("All notifications marked as read."),
        then=url_for("notices.index"),
    )
