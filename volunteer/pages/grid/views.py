"""The grid worker's page and the 代办 form."""

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from volunteer.auth.access import require_actor
from volunteer.extensions import db
from volunteer.orders.creation import worker_grids
from volunteer.orders.models import Order
from volunteer.orders.presenter import present
from volunteer.orders.states import OPEN
from volunteer.pages.posting import posting_form

bp = Blueprint("grid", __name__, url_prefix="/grid")

SHOWN = 50


@bp.before_request
def grid_workers_only():
    if not current_user.is_authenticated:
        return redirect(url_for("session.login", next=request.full_path))
    if not require_actor().grid_worker_of:
        abort(403)
    return None


@bp.route("/")
def home():
    """My grids; what I filed (首问负责), open first; the grid's other open requests."""
    actor = require_actor()
    grids = worker_grids(actor)
    grid_ids = [grid.id for grid in grids]
    filed = db.session.scalars(
        sa.select(Order)
        .where(Order.first_contact_id == actor.id)
        .order_by(Order.status.in_(OPEN).desc(), Order.id.desc())
        .limit(SHOWN)
    )
    others = db.session.scalars(
        sa.select(Order)
        .where(
            Order.grid_id.in_(grid_ids),
            Order.status.in_(OPEN),
            sa.func.coalesce(Order.first_contact_id, 0) != actor.id,
        )
        .order_by(Order.id.desc())
        .limit(SHOWN)
    )
    return render_template(
        "pages/grid/home.html",
        grids=grids,
        filed=[present(order, actor) for order in filed],
        others=[present(order, actor) for order in others],
    )


@bp.route("/orders/new", methods=["GET", "POST"])
def new_order():
    """代办: file a request for a resident of my grid (who may have no phone or account)."""
    return posting_form(proxy=True)
