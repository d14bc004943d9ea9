"""Pages of the resident role (being built)."""

from flask import Blueprint

bp = Blueprint("resident", __name__)
