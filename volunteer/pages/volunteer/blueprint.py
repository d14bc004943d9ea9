"""The `volunteer` blueprint; its routes live in the modules beside this one."""

from flask import Blueprint

bp = Blueprint("volunteer", __name__, url_prefix="/volunteer")
