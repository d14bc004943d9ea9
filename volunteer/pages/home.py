"""The home page: what this is, and where each kind of user goes."""

import sqlalchemy as sa
from flask import Blueprint, render_template

from volunteer.extensions import db
from volunteer.organisations.models import Community

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    """Landing page: login or dashboard, the communities' public pages, the API docs."""
    communities = db.session.scalars(sa.select(Community).order_by(Community.id).limit(50))
    return render_template("home.html", communities=list(communities))
