"""Pages of the roster role (being built)."""

from flask import Blueprint

bp = Blueprint("roster", __name__)
