"""Pages of the employer role (being built)."""

from flask import Blueprint

bp = Blueprint("employer", __name__)
