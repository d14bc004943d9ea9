"""Pages of the resident role: register, post a wish or a need, my requests, one request with
its timeline (全程跟踪), and rate / reopen / cancel; and 代办, the same form for a secretary
posting on a resident's behalf."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from volunteer import labels
from volunteer.auth import services as accounts
from volunteer.auth.access import require_actor
from volunteer.auth.api import auth_limit
from volunteer.auth.schemas import RegisterSchema
from volunteer.errors import Conflict, DomainError, Invalid
from volunteer.extensions import db
from volunteer.orders import closing
from volunteer.orders.access import access_order, own_orders
from volunteer.orders.presenter import present
from volunteer.orders.schemas import CancelSchema, RateSchema, ReasonSchema
from volunteer.orders.states import TRANSITIONS, Action

from .forms import Form, translated
from .posting import MB, posting_form

bp = Blueprint("resident", __name__)


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
            try:
                user = accounts.register_resident(**data)
            except Conflict as error:  # the only conflict: the name is taken
                raise Invalid("username", _("This username is taken.")) from error
            login_user(user)
            flash(_("Welcome, %(name)s. You can post a request now.", name=user.display_name))
            return redirect(url_for("home.index"))
    communities = [
        (c.id, f"{c.name}（{c.street.name}）") for c in accounts.registrable_communities()
    ]
    return render_template(
        "pages/resident/register.html", form=form, communities=communities
    ), form.status


@bp.route("/my/orders/new", methods=["GET", "POST"])
@login_required
def new_order():
    """Post a micro-wish or a service need, with up to three photos."""
    return posting_form(proxy=False)


@bp.route("/desk/orders/new", methods=["GET", "POST"])
@login_required
def proxy_order():
    """代办: the secretary posts for a named resident (who may have no account)."""
    return posting_form(proxy=True)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """More than the request limit at once: nothing could be read, so say what to do."""
    text = _(
        "Each photo may be at most %(each)d MB, all together %(all)d MB. "
        "Go back and choose fewer or smaller photos.",
        each=current_app.config["MAX_PHOTO_BYTES"] // MB,
        all=current_app.config["MAX_CONTENT_LENGTH"] // MB,
    )
    title = _("The photos are too large")
    return render_template("error.html", code=413, title=title, text=text), 413


# What the resident (or, for 代办, the secretary) may do to their own order.
RESIDENT_ACTIONS = (Action.RATE, Action.REOPEN, Action.CANCEL)


def actions_for(actor, order) -> list[str]:
    """The resident's actions that the order's state allows (TRANSITIONS), if it is theirs."""
    if not closing.speaks_for_resident(actor, order):
        return []
    return [action.value for action in RESIDENT_ACTIONS if order.status in TRANSITIONS[action][0]]


@bp.route("/my/orders")
@login_required
def orders():
    """My requests, newest first; those waiting for my rating on top."""
    actor = require_actor()
    mine = [
        {**present(order, actor), "actions": actions_for(actor, order)}
        for order in own_orders(actor)
    ]
    waiting = [order for order in mine if "rate" in order["actions"]]
    others = [order for order in mine if "rate" not in order["actions"]]
    return render_template("pages/resident/orders.html", waiting=waiting, others=others)


@bp.route("/my/orders/<id:order_id>")
@login_required
def order(order_id):
    """One request: its details, photos, the result, the timeline and what I may do now."""
    actor = require_actor()
    return render_order(actor, access_order(actor, order_id))


def render_order(actor, order, forms: dict | None = None):
    empty = Form(MultiDict())
    forms = {name: (forms or {}).get(name, empty) for name in ("rate", "reopen", "cancel")}
    return render_template(
        "pages/resident/order.html",
        order=present(order, actor, with_events=True),
        actions=actions_for(actor, order),
        forms=forms,
        scores=[(score, str(name)) for score, name in labels.SCORE_CHOICES],
    )


# The refusals a resident meets on a stale page, in their language (the services speak English).
REFUSALS = {
    "The rating window has passed.": _l("The time to send it back has passed."),
    "Only the resident who ordered may do this.": _l(
        "Only the resident who posted it may do this."
    ),
    "Only the resident who ordered may cancel.": _l(
        "Only the resident who posted it may cancel it."
    ),
    "Only the resident cancels; the secretary may reject instead.": _l(
        "Only the resident cancels; the secretary may reject instead."
    ),
}


def refusal(error: DomainError) -> str:
    """The resident's own wording where it has one (a request that has moved on is said
    plainly, whatever the state), else the shared translation."""
    if error.message in REFUSALS:
        return str(REFUSALS[error.message])
    if isinstance(error, Conflict):
        return _("This is no longer possible: the request has moved on. Here is where it is now.")
    return translated(error.message)


def act(order_id: int, name: str, schema, fields, service, done: str, coerce=None):
    """Run one of the resident's actions: the form's errors come back next to its fields
    (422); a refusal changes nothing and is flashed; success is flashed."""
    actor = require_actor()
    order = access_order(actor, order_id)  # 404 for anyone who may not see it
    form = Form()
    try:
        data = form.load(schema, *fields, coerce=coerce)
        service(actor, order.id, **data)
    except ValidationError:
        db.session.rollback()
        return render_order(actor, order, {name: form}), 422
    except DomainError as error:
        db.session.rollback()
        flash(refusal(error), "error")
    else:
        flash(done)
    return redirect(url_for(".order", order_id=order_id), 303)


@bp.route("/my/orders/<id:order_id>/rate", methods=["POST"])
@login_required
def rate(order_id):
    done = _("Thank you! Your rating closes the request.")
    return act(
        order_id,
        "rate",
        RateSchema(),
        ("score", "comment"),
        closing.rate_order,
        done,
        coerce={"score": int},
    )


@bp.route("/my/orders/<id:order_id>/reopen", methods=["POST"])
@login_required
def reopen(order_id):
    done = _("Sent back to the same volunteer to finish the work.")
    return act(order_id, "reopen", ReasonSchema(), ("reason",), closing.reopen_order, done)


@bp.route("/my/orders/<id:order_id>/cancel", methods=["POST"])
@login_required
def cancel(order_id):
    done = _("The request is cancelled.")
    return act(order_id, "cancel", CancelSchema(), ("reason",), closing.cancel_order, done)
