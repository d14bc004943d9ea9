"""Pages of the desk role (being built)."""

from flask import Blueprint

bp = Blueprint("desk", __name__)
