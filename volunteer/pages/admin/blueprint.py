"""The `admin` blueprint; its routes live in the modules beside this one."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
