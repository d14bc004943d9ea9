"""The home page: what this is, and where to go."""

from flask import Blueprint, render_template

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    """Landing page linking to the API documentation."""
    return render_template("home.html")
