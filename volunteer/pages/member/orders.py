"""One order as I may see it, and what I may do with it: claim, decline, release, complete.

Which buttons show is read from the transition table and the access rules; the services
decide, and a refusal is shown without changing anything.
"""

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.datastructures import MultiDict

from volunteer import labels
from volunteer.auth.access import require_actor
from volunteer.errors import Conflict, Invalid
from volunteer.extensions import db
from volunteer.orders import appointments, photos, work
from volunteer.orders.access import access_order, may_claim, sees_order
from volunteer.orders.models import Order
from volunteer.orders.presenter import present
from volunteer.orders.schemas import (
    AppointmentSchema,
    CompleteSchema,
    EmptySchema,
    ReasonSchema,
)
from volunteer.orders.states import TRANSITIONS, Action, OrderStatus
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.member.blueprint import bp

ORDER = "<id:order_id>"
# The forms of the order page; each is blank unless it comes back with errors.
ORDER_ACTIONS = ("decline", "release", "complete", "photo", "propose_appointment")


def member_actions(actor, order) -> set[str]:
    """The actions to offer this member on this order."""
    possible = {action for action, (starts, _end) in TRANSITIONS.items() if order.status in starts}
    active = actor.active_member
    mine = actor.member is not None and order.claimed_by_id == actor.member.id
    actions = set()
    if Action.CLAIM in possible and may_claim(active, order):
        actions.add("claim")
    if Action.DECLINE in possible and active is not None and order.dispatch_member_id == active.id:
        actions.add("decline")
    if mine:
        actions.update(a.value for a in (Action.RELEASE, Action.COMPLETE) if a in possible)
        # Photos of the work: while holding it and once it is done (photos.add_photo).
        if Action.COMPLETE in possible or order.status == OrderStatus.COMPLETED:
            actions.add("photo")
        # 预约服务: confirm the resident's half-day, or propose another.
        if order.status == OrderStatus.CLAIMED and order.appointment_date is not None:
            if order.appointment_confirmed_at is None:
                actions.add("confirm_appointment")
            actions.add("propose_appointment")
    return actions


def show_order(actor, order_id: int, status: int = 200, **forms):
    """The order page; `forms` are those sent back with their errors."""
    order = access_order(actor, order_id)
    blank = Form(MultiDict())
    shown = present(order, actor, with_events=True)
    return render_template(
        "pages/member/order.html",
        order=shown,
        actions=member_actions(actor, order),
        forms={name: forms.get(name, blank) for name in ORDER_ACTIONS},
        work_photos=[p for p in shown["photos"] if p["stage"] == "completion"],
        max_photos=current_app.config["MAX_PHOTOS"],
        half_days=labels.named(labels.HALF_DAY_NAMES),
    ), status


def next_page(actor, order_id: int) -> str:
    """Back to the order while I may still see it, else to the pool."""
    order = db.session.get(Order, order_id)
    if order is not None and sees_order(actor, order):
        return url_for("member.order", order_id=order_id)
    return url_for("member.pool")


@bp.route(f"/orders/{ORDER}")
@login_required
def order(order_id):
    """The order with its timeline; the contact shows once I hold it."""
    return show_order(require_actor(), order_id)


@bp.route(f"/orders/{ORDER}/claim", methods=["POST"])
@login_required
def claim(order_id):
    """Take the order. Whoever is first wins; the others are told, and nothing changes."""
    actor = require_actor()

    def claim_now(_form):
        EmptySchema().load({})
        try:
            work.claim_order(actor, order_id)
        except (Conflict, StaleDataError) as error:
            message = _("Someone else took this order first, or it is no longer open.")
            raise Conflict(message) from error

    return act(
        claim_now,
        done=_("The order is yours. The resident's contact is shown below."),
        then=lambda: next_page(actor, order_id),
    )


def with_reason(order_id: int, name: str, service, success: str):
    """Decline or release: a reason is required; errors come back on the order page."""
    actor = require_actor()
    return act(
        lambda form: service(actor, order_id, **form.load(ReasonSchema(), "reason")),
        done=success,
        then=lambda: next_page(actor, order_id),
        again=lambda form: show_order(actor, order_id, form.status, **{name: form}),
        refusals_on_page=True,
    )


@bp.route(f"/orders/{ORDER}/decline", methods=["POST"])
@login_required
def decline(order_id):
    """Decline an offer made to me; it goes back to the secretary."""
    return with_reason(
        order_id, "decline", work.decline_order, _("You have declined. The secretary is told.")
    )


@bp.route(f"/orders/{ORDER}/release", methods=["POST"])
@login_required
def release(order_id):
    """Give the order back; it is offered again."""
    return with_reason(order_id, "release", work.release_order, _("You have given the order back."))


@bp.route(f"/orders/{ORDER}/appointment/confirm", methods=["POST"])
@login_required
def confirm_appointment(order_id):
    """Confirm the half-day the resident asked for; the resident is told."""
    actor = require_actor()
    return act(
        lambda _form: appointments.confirm_appointment(actor, order_id),
        done=_("Appointment confirmed. The resident is told."),
        then=lambda: next_page(actor, order_id),
    )


@bp.route(f"/orders/{ORDER}/appointment/propose", methods=["POST"])
@login_required
def propose_appointment(order_id):
    """Propose another half-day; the resident accepts it on their page."""
    actor = require_actor()
    return act(
        lambda form: appointments.propose_appointment(
            actor, order_id, **form.load(AppointmentSchema(), "date", "half_day")
        ),
        done=_("Proposed. The resident is asked to accept the new time."),
        then=lambda: next_page(actor, order_id),
        again=lambda form: show_order(actor, order_id, form.status, propose_appointment=form),
        refusals_on_page=True,
    )


def uploads():
    return [upload for upload in request.files.getlist("photo") if upload.filename]


@bp.route(f"/orders/{ORDER}/complete", methods=["POST"])
@login_required
def complete(order_id):
    """办结: what I did, the hours served (0.5 h steps), and up to three photos."""
    actor = require_actor()

    def perform(form):
        data = form.load(CompleteSchema(), "note", "hours")
        work.complete_order(actor, order_id, **data)
        for upload in uploads():
            photos.add_photo(actor, order_id, upload.read())

    return act(
        perform,
        done=_("Completed. The resident is asked to confirm and rate it."),
        then=url_for("member.order", order_id=order_id),
        again=lambda form: show_order(actor, order_id, form.status, complete=form),
        refusals_on_page=True,
    )


@bp.route(f"/orders/{ORDER}/photos", methods=["POST"])
@login_required
def add_photos(order_id):
    """Photos of the work, added after completing."""
    actor = require_actor()

    def perform(_form):
        if not uploads():
            raise Invalid("photo", _("Choose a photo first."))
        for upload in uploads():
            photos.add_photo(actor, order_id, upload.read())

    return act(
        perform,
        done=_("Photos added."),
        then=url_for("member.order", order_id=order_id),
        again=lambda form: show_order(actor, order_id, form.status, photo=form),
        refusals_on_page=True,
    )
