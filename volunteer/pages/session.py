"""Logging in and out of the pages, the language switch and the elder-friendly mode."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user
from marshmallow import ValidationError

from volunteer.auth import services
from volunteer.auth.api import auth_limit
from volunteer.auth.schemas import LoginSchema
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.pages.local_paths import local_path
from volunteer.security import delete_cookie, set_cookie

bp = Blueprint("session", __name__)

YEAR = 365 * 24 * 3600


def safe_next(default: str = "/") -> str:
    """Only local paths: never redirect off-site (else the start page)."""
    return local_path(request.values.get("next")) or default


@bp.route("/login", methods=["GET", "POST"])
@auth_limit
def login():
    """Log in with the same credentials and lockout as the API."""
    errors: dict = {}
    if request.method == "POST":
        try:
            data = LoginSchema().load(
                {
                    "username": request.form.get("username", ""),
                    "password": request.form.get("password", ""),
                }
            )
            user = services.authenticate(data["username"], data["password"])
        except ValidationError as error:
            errors = error.messages
        except DomainError as error:
            db.session.rollback()
            errors = {
                "password": [
                    _("Wrong username or password.") if error.code == 401 else error.message
                ]
            }
        else:
            login_user(user)
            flash(_("Welcome, %(name)s.", name=user.display_name))
            return redirect(safe_next(url_for("home.index")))
    status = 200 if not errors else 422
    return render_template("pages/login.html", errors=errors, form=request.form), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You have logged out."))
    return redirect(url_for("home.index"))


@bp.route("/lang/<any(zh, en):code>")
def language(code):
    """Switch the language (remembered for a year)."""
    response = redirect(safe_next())
    set_cookie(response, "lang", code, max_age=YEAR)
    return response


@bp.route("/elder")
def elder():
    """Toggle the elder-friendly mode (适老化): larger text, higher contrast."""
    response = redirect(safe_next())
    if request.cookies.get("elder") == "1":
        delete_cookie(response, "elder")
    else:
        set_cookie(response, "elder", "1", max_age=YEAR)
    return response
