"""The `resident` blueprint; its routes live in the modules beside this one."""

from flask import Blueprint

bp = Blueprint("resident", __name__)
