"""Pages of the resident role: register, post a wish or a need, my requests, one request with
its timeline (全程跟踪), and rate / reopen / cancel; and 代办, the same form for a secretary
posting on a resident's behalf."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
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
from volunteer.errors import Conflict, DomainError, Forbidden, Invalid
from volunteer.extensions import db
from volunteer.orders import closing, creation, photos
from volunteer.orders.access import access_order, own_orders
from volunteer.orders.presenter import present
from volunteer.orders.schemas import CancelSchema, OrderCreateSchema, RateSchema, ReasonSchema
from volunteer.orders.states import TRANSITIONS, Action

from .forms import Form

bp = Blueprint("resident", __name__)

MB = 1024 * 1024


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


# The fields of the posting form that go to OrderCreateSchema as they are.
ORDER_FIELDS = (
    "kind",
    "title",
    "description",
    "category",
    "community_id",
    "address",
    "contact_phone",
    "urgency",
    "preferred_time",
)


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


def posting_form(*, proxy: bool):
    """The one posting form: parse, create the order with its photos (all or nothing),
    then show it; on a problem the form comes back with everything typed (photos aside)."""
    actor = require_actor()
    communities = creation.posting_communities(actor, proxy=proxy)
    if not communities:
        raise Forbidden("No community to post in.")
    form = Form()
    if not form.submitted:
        form = Form(MultiDict({"kind": "need", "urgency": "normal", "contact_phone": ""}))
        if not proxy:
            form.data["contact_phone"] = actor.phone or ""
    shown = {*ORDER_FIELDS, "photo"} | ({"on_behalf_name", "on_behalf_phone"} if proxy else set())
    if len(communities) == 1:
        shown.discard("community_id")
    if form.submitted:
        with form.handling():
            data = load_order(form, communities, proxy=proxy)
            uploads = [upload for upload in request.files.getlist("photo") if upload.filename]
            order = creation.create_order(actor, **data)
            attach_photos(actor, order, uploads)
            if proxy:
                flash(_("Posted for %(name)s.", name=order.contact_name))
                return redirect(after_proxy(order))
            flash(_("Your request is posted. Follow each step here."))
            return redirect(url_for(".order", order_id=order.id))
        stray_errors_to_problem(form, shown)
    return render_template(
        "pages/resident/order_form.html",
        form=form,
        proxy=proxy,
        communities=[(c.id, c.name) for c in communities] if len(communities) > 1 else [],
        kinds=labels.named(labels.KIND_NAMES),
        categories=labels.named(labels.CATEGORY_NAMES),
        urgencies=labels.named(labels.URGENCY_NAMES),
        photos_lost=bool(form.errors or form.problem)
        and any(upload.filename for upload in request.files.getlist("photo")),
        max_photos=current_app.config["MAX_PHOTOS"],
        max_photo_mb=current_app.config["MAX_PHOTO_BYTES"] // MB,
    ), form.status


def load_order(form: Form, communities, *, proxy: bool) -> dict:
    """The form as OrderCreateSchema takes it: the only community unless one was chosen,
    and for 代办 the resident as `on_behalf_of` (its errors go next to its two fields)."""
    fixed = {}
    if not form.get("community_id") and len(communities) == 1:
        fixed["community_id"] = communities[0].id
    if proxy:
        resident = {"name": form.get("on_behalf_name"), "phone": form.get("on_behalf_phone")}
        fixed["on_behalf_of"] = {key: value.strip() for key, value in resident.items() if value}
    try:
        return form.load(OrderCreateSchema(), *ORDER_FIELDS, coerce={"community_id": int}, **fixed)
    except ValidationError as error:
        nested = error.messages.get("on_behalf_of") if isinstance(error.messages, dict) else None
        if isinstance(nested, dict):
            del form.errors["on_behalf_of"]
            for key, problems in nested.items():
                form.errors[f"on_behalf_{key}"] = problems
        raise


def attach_photos(actor, order, uploads) -> None:
    """The order's photos, all or none; a refused one is named next to the photo field."""
    try:
        photos.add_photos(actor, order.id, [upload.read() for upload in uploads])
    except DomainError as error:
        name = uploads[error.upload_index].filename
        if isinstance(error, photos.PayloadTooLarge):
            mb = current_app.config["MAX_PHOTO_BYTES"] // MB
            problem = _("“%(name)s” is larger than %(mb)d MB.", name=name, mb=mb)
        elif isinstance(error, Conflict):
            problem = _("At most %(count)d photos.", count=current_app.config["MAX_PHOTOS"])
        elif isinstance(error, Invalid):
            problem = _("“%(name)s” is not a JPEG, PNG or WebP photo.", name=name)
        else:
            raise
        raise Invalid("photo", problem) from error


def stray_errors_to_problem(form: Form, shown: set[str]) -> None:
    """A refusal about a field the form does not show is said above the form."""
    stray = [problem for name in set(form.errors) - shown for problem in form.errors.pop(name)]
    if stray:
        form.problem = " ".join([form.problem or "", *stray]).strip()


def after_proxy(order) -> str:
    """The secretary's desk page of the order once it exists, else the start page."""
    if "desk.order" in current_app.view_functions:
        return url_for("desk.order", order_id=order.id)
    return url_for("home.index")


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


@bp.route("/my/orders/<int:order_id>")
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
    if error.message in REFUSALS:
        return str(REFUSALS[error.message])
    if isinstance(error, Conflict):
        return _("This is no longer possible: the request has moved on. Here is where it is now.")
    return error.message


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


@bp.route("/my/orders/<int:order_id>/rate", methods=["POST"])
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


@bp.route("/my/orders/<int:order_id>/reopen", methods=["POST"])
@login_required
def reopen(order_id):
    done = _("Sent back to the same volunteer to finish the work.")
    return act(order_id, "reopen", ReasonSchema(), ("reason",), closing.reopen_order, done)


@bp.route("/my/orders/<int:order_id>/cancel", methods=["POST"])
@login_required
def cancel(order_id):
    done = _("The request is cancelled.")
    return act(order_id, "cancel", CancelSchema(), ("reason",), closing.cancel_order, done)
