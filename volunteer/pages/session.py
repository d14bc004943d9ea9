"""Logging in and out of the pages, changing one's password, the language switch and the
elder-friendly mode."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from marshmallow import ValidationError

from volunteer.auth import recovery, services, sessions
from volunteer.auth.limits import auth_limit
from volunteer.auth.schemas import LoginSchema, PasswordChangeSchema, PasswordResetSchema
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.pages.local_paths import local_path
from volunteer.security import delete_cookie, set_cookie

from .forms import Form

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
            sessions.log_in(user)
            flash(_("Welcome, %(name)s.", name=user.display_name))
            return redirect(safe_next(url_for("home.index")))
    status = 200 if not errors else 422
    return render_template("pages/login.html", errors=errors, form=request.form), status


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out: the login session ends on the server, so a saved cookie opens nothing."""
    sessions.log_out()
    flash(_("You have logged out."))
    return redirect(url_for("home.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@auth_limit
def change_password():
    """Change one's password (the API's rules); every session ends, so log in again."""
    form = Form()
    if form.submitted:
        with form.handling():
            # The passwords as typed, like the login page: never stripped.
            data = form.load(
                PasswordChangeSchema(),
                **{
                    name: form.get(name)
                    for name in ("current_password", "new_password")
                    if form.get(name)
                },
            )
            services.change_password(
                current_user._get_current_object(),
                data["current_password"],
                data["new_password"],
            )
            sessions.log_out()
            flash(_("Your password is changed. Please log in with the new one."))
            return redirect(url_for("session.login"))
        form.errors.pop("password", None)  # the same message stands at new_password
    return render_template("pages/password.html", form=form), form.status


@bp.route("/forgot-password", methods=["GET", "POST"])
@auth_limit
def forgot_password():
    """忘记密码: set a new password with the code the community's desk gives (the API's rules)."""
    form = Form()
    if form.submitted:
        with form.handling():
            # The password as typed, like the login page: never stripped.
            new_password = form.get("new_password")
            data = form.load(
                PasswordResetSchema(),
                "login",
                "code",
                **({"new_password": new_password} if new_password else {}),
            )
            recovery.reset_password(data["login"], data["code"], data["new_password"])
            flash(_("Your password is changed. Please log in with the new one."))
            return redirect(url_for("session.login"))
        form.errors.pop("password", None)  # the same message stands at new_password
    return render_template("pages/forgot_password.html", form=form), form.status


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
