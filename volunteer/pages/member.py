"""Pages of the member role (being built)."""

from flask import Blueprint

bp = Blueprint("member", __name__)
