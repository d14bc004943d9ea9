"""The `member` blueprint; its routes live in the modules beside this one."""

from flask import Blueprint

bp = Blueprint("member", __name__, url_prefix="/member")
