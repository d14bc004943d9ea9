"""Registering as a resident of a community, with the API's schema and service."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from volunteer.auth import services as accounts
from volunteer.auth import sessions
from volunteer.auth.limits import auth_limit
from volunteer.auth.schemas import RegisterSchema
from volunteer.pages.forms import Form
from volunteer.pages.resident.blueprint import bp


@bp.route("/register", methods=["GET", "POST"])
@auth_limit
def register():
    """Register as a resident of a community (the API's schema and service), then log in."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = Form()
    if form.submitted:
        with form.handling():
            # The password as typed: the login page does not strip it either.
            password = form.get("password")
            data = form.load(
                RegisterSchema(),
                "username",
                "display_name",
                "community_id",
                "phone",
                coerce={"community_id": int},
                **({"password": password} if password else {}),
            )
            # A taken username or phone: the refusal names the field.
            user = accounts.register_resident(**data)
            sessions.log_in(user)
            flash(_("Welcome, %(name)s. You can post a request now.", name=user.display_name))
            return redirect(url_for("home.index"))
    communities = [
        (c.id, f"{c.name}（{c.street.name}）") for c in accounts.registrable_communities()
    ]
    return render_template(
        "pages/resident/register.html", form=form, communities=communities
    ), form.status
