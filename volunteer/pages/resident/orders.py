"""The resident's requests: post a wish or a need, my requests, one request with its timeline
(全程跟踪), and rate / reopen / cancel. (代办, the same posting form for a secretary posting on
a resident's behalf, is the desk's: `desk/orders.py`.)"""

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from volunteer import labels
from volunteer.auth.access import require_actor
from volunteer.errors import Conflict, DomainError
from volunteer.i18n import localised
from volunteer.notifications.services import latest_follow_up
from volunteer.orders import appointments, closing, following
from volunteer.orders.access import access_order, own_orders
from volunteer.orders.presenter import present
from volunteer.orders.schemas import CancelSchema, RateSchema, ReasonSchema
from volunteer.orders.states import TRANSITIONS, Action, OrderStatus
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.posting import posting_form, too_large
from volunteer.pages.resident.blueprint import bp


@bp.route("/my/orders/new", methods=["GET", "POST"])
@login_required
def new_order():
    """Post a micro-wish or a service need, with up to three photos."""
    return posting_form(proxy=False)


bp.register_error_handler(RequestEntityTooLarge, too_large)


# Scores that open a follow-up (回访), as posted by the rating form.
LOW_SCORES = {str(score) for score in range(1, closing.LOW_SCORE + 1)}

# What the resident (or, for 代办, the secretary) may do to their own order.
RESIDENT_ACTIONS = (Action.RATE, Action.REOPEN, Action.CANCEL)


def actions_for(actor, order) -> list[str]:
    """The resident's actions that the order's state allows (TRANSITIONS), if it is theirs;
    and accepting another half-day when the claimer proposed one (预约服务)."""
    if not closing.speaks_for_resident(actor, order):
        return []
    actions = [
        action.value for action in RESIDENT_ACTIONS if order.status in TRANSITIONS[action][0]
    ]
    if order.appointment_proposed_date is not None and order.status == OrderStatus.CLAIMED:
        actions.append("accept_appointment")
    return actions


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
    followed = [present(order, actor) for order in following.followed_orders(actor)]
    return render_template(
        "pages/resident/orders.html", waiting=waiting, others=others, followed=followed
    )


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
        # A neighbour's request the caller follows (关注): no contact data, no actions.
        follower=actor.id not in (order.owner_id, order.proxy_by_id)
        and following.is_follower(actor.id, order.id),
        follow_up=latest_follow_up(order.id),
        forms=forms,
        scores=[(score, str(name)) for score, name in labels.SCORE_CHOICES],
    )


def refusal(actor, order, name: str, error: DomainError) -> str:
    """A request that has moved on (the action no longer fits its state) is said plainly,
    whatever the state; other refusals as the service words them."""
    if isinstance(error, Conflict) and name not in actions_for(actor, order):
        return _("This is no longer possible: the request has moved on. Here is where it is now.")
    return localised(error.message)


def resident_action(order_id: int, name: str, schema, fields, service, done: str, coerce=None):
    """Run one of the resident's actions (`act`): the form's errors come back next to its
    fields (422); a refusal changes nothing and is flashed, in the resident's words."""
    actor = require_actor()
    order = access_order(actor, order_id)  # 404 for anyone who may not see it

    def perform(form):
        data = form.load(schema, *fields, coerce=coerce)
        service(actor, order.id, **data)

    return act(
        perform,
        done=done,
        then=url_for(".order", order_id=order_id),
        again=lambda form: (render_order(actor, order, {name: form}), 422),
        refusal=lambda error: refusal(actor, order, name, error),
        code=303,
    )


@bp.route("/my/orders/<id:order_id>/rate", methods=["POST"])
@login_required
def rate(order_id):
    done = _("Thank you! Your rating closes the request.")
    if request.form.get("score", "").strip() in LOW_SCORES:
        done = _("Thank you for telling us. The branch will call you back.")
    return resident_action(
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
    return resident_action(
        order_id, "reopen", ReasonSchema(), ("reason",), closing.reopen_order, done
    )


@bp.route("/my/orders/<id:order_id>/appointment/accept", methods=["POST"])
@login_required
def accept_appointment(order_id):
    """Take the volunteer's proposed half-day (预约服务)."""
    actor = require_actor()
    return act(
        lambda _form: appointments.accept_proposal(actor, order_id),
        done=_("The new time is agreed. The volunteer is told."),
        then=url_for("resident.order", order_id=order_id),
    )


@bp.route("/my/orders/<id:order_id>/cancel", methods=["POST"])
@login_required
def cancel(order_id):
    done = _("The request is cancelled.")
    return resident_action(
        order_id, "cancel", CancelSchema(), ("reason",), closing.cancel_order, done
    )
