"""The desk (支部派单): the secretary's inbox and order page with every triage action, the
overdue board, the follow-ups (回访 → 重办), the street's queue of escalated orders, and 代办
(posting for a resident, with the resident's posting form).

Each action validates with the API's schema and calls the API's service; a refusal changes
nothing and is shown on the page.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from volunteer.auth.access import require_actor
from volunteer.db import utcnow
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.labels import CATEGORY_NAMES, KIND_NAMES, STATUS_NAMES, URGENCY_NAMES, named
from volunteer.notifications.models import FollowUp, Outcome
from volunteer.notifications.schemas import FollowUpDoneSchema
from volunteer.notifications.services import follow_ups_of, latest_follow_up
from volunteer.orders import triage, work
from volunteer.orders.access import manage_order
from volunteer.orders.bulk import act_on_orders
from volunteer.orders.follow_ups import finish_follow_up
from volunteer.orders.models import Order
from volunteer.orders.presenter import present
from volunteer.orders.queries import filtered_orders
from volunteer.orders.schemas import AcceptSchema, MergeSchema, ReasonSchema
from volunteer.orders.states import Action, OrderStatus
from volunteer.pages.actions import act
from volunteer.pages.desk import context, views
from volunteer.pages.desk import forms as desk_forms
from volunteer.pages.forms import Form
from volunteer.pages.paging import page_of
from volunteer.pages.posting import posting_form, too_large
from volunteer.people import employer_requests

bp = Blueprint("desk", __name__, url_prefix="/desk")
bp.register_error_handler(RequestEntityTooLarge, too_large)

PAGE_SIZE = 50

# What waits for the branch: new orders, and accepted ones not yet dispatched (or declined).
TRIAGE_STATUSES = [OrderStatus.SUBMITTED, OrderStatus.ACCEPTED]


@bp.before_request
def desk_roles_only():
    """The desk is for secretaries, street admins and the admin; others hear 403."""
    if not current_user.is_authenticated:
        return redirect(url_for("session.login", next=request.full_path))
    actor = require_actor()
    if not (actor.is_admin or actor.secretary_of or actor.street_admin_of):
        abort(403)
    return None


@bp.route("")
def inbox():
    """The inbox: tabs with counts (to triage, new, accepted, waiting, overdue, all), text
    search and filters in the query string, urgent and oldest first unless sorted; the orders
    can be chosen for one bulk action."""
    actor = require_actor()
    try:
        view = views.read_view(request.args)
    except ValidationError:
        abort(400)
    pager = page_of(views.view_select(actor, view), PAGE_SIZE)
    orders = pager.items
    return render_template(
        "pages/desk/inbox.html",
        orders=orders,
        pager=pager,
        view=view,
        view_args=views.view_args(view),
        view_query=views.view_query(view),
        tab=view.get("tab", "triage"),
        tabs=[(key, label) for key, (label, _filters) in views.TABS.items()],
        counts=views.tab_counts(actor, view),
        communities=context.community_names(orders),
        holders=context.holders(orders),
        filters=Form(MultiDict(views.view_args(view))),
        several=context.several_communities(actor),
        choices={
            "status": named(STATUS_NAMES),
            "category": named(CATEGORY_NAMES),
            "kind": named(KIND_NAMES),
            "urgency": named(URGENCY_NAMES),
            "sort": context.sort_choices(),
            "grid": context.grid_choices(actor),
            "team_id": context.team_choices(actor),
        },
        bulk_targets=context.bulk_targets(actor),
        now=utcnow(),
    )


@bp.route("/bulk", methods=["POST"])
def bulk():
    """The inbox's chosen orders: accept, dispatch (to a team or the pool) or reject with
    one reason, each on its own (POST /orders/bulk's service); back to the same view."""
    actor = require_actor()
    view = views.view_posted(request.form)
    back = url_for("desk.inbox", **views.view_args(view))
    data = desk_forms.load_bulk(request.form)
    if data is None:
        return redirect(back)
    result = act_on_orders(actor, **data)
    if result["done"]:
        flash(_("%(count)s orders done.", count=len(result["done"])))
    for refusal in result["refused"]:
        flash(f"#{refusal['order_id']}: {refusal['message']}", "error")
    return redirect(back)


@bp.route("/orders/new", methods=["GET", "POST"])
def proxy_order():
    """代办: the secretary posts for a named resident (who may have no account)."""
    return posting_form(proxy=True)


@bp.route("/orders/<id:order_id>", endpoint="order")
def order_page(order_id, forms=None):
    """One order, one screen: its facts and photos, the ranked recommendations with the best
    chosen, 受理并派单, the other actions; previous and next in the view it was opened from."""
    actor = require_actor()
    record = manage_order(actor, order_id)
    view = views.view_from_form(request.args)
    actions = context.allowed_actions(actor, record)
    blank = Form(MultiDict({"category": record.category, "urgency": record.urgency}))
    follow_up = latest_follow_up(record.id)
    previous, following = views.neighbours(actor, view, record.id)
    args = views.view_args(view)
    return render_template(
        "pages/desk/order.html",
        follow_up=follow_up if follow_up is not None and follow_up.done_at is None else None,
        order=present(record, actor, with_events=True),
        community=record.community,
        holder=context.holders([record]).get(record.id),
        actions=actions,
        back=url_for("desk.escalated")
        if record.status == OrderStatus.ESCALATED and not args
        else url_for("desk.inbox", **args),
        view_args=args,
        view_query=views.view_query(view),
        previous=url_for("desk.order", order_id=previous, **args) if previous else None,
        following=url_for("desk.order", order_id=following, **args) if following else None,
        forms={action: (forms or {}).get(action, blank) for action in actions},
        chooser=context.dispatch_chooser(actor, record) if "dispatch" in actions else None,
        merge_choices=context.merge_choices(actor, record) if "merge" in actions else [],
        categories=named(CATEGORY_NAMES),
        urgencies=named(URGENCY_NAMES),
        now=utcnow(),
    ), (422 if forms else 200)


def order_action(order_id: int, action: str, perform, done: str, advance: bool = True):
    """Run one action's form (`act`): invalid fields come back on the order page next to
    them (422); a refusal is flashed. Done, the next order of the view the page was opened
    from opens (`advance`; the inbox when none is left), else the same order again. An order
    outside the caller's scope is a plain 404 (403 in scope but not theirs)."""
    actor = require_actor()
    manage_order(actor, order_id)  # 404 outside the scope, 403 in it but not theirs
    view = views.view_posted(request.form)
    args = views.view_args(view)
    here = url_for("desk.order", order_id=order_id, **args)
    following = views.neighbours(actor, view, order_id)[1] if advance else None
    succeeded: list[bool] = []

    def run(form):
        perform(actor, form)
        succeeded.append(True)

    def then() -> str:
        if not advance or not succeeded:
            return here
        if following is None:
            return url_for("desk.inbox", **args)
        return url_for("desk.order", order_id=following, **args)

    return act(
        run,
        done=done,
        then=then,
        again=lambda form: order_page(order_id, forms={action: form}),
    )


@bp.route("/orders/<id:order_id>/accept", methods=["POST"])
def accept(order_id):
    def perform(actor, form):
        data = form.load(AcceptSchema(), "category", "urgency")
        triage.accept_order(actor, order_id, **data)

    return order_action(order_id, "accept", perform, _("Accepted. Now dispatch it."), advance=False)


@bp.route("/orders/<id:order_id>/dispatch", methods=["POST"])
def dispatch(order_id):
    def perform(actor, form):
        triage.dispatch_order(actor, order_id, **desk_forms.load_dispatch(form))

    return order_action(
        order_id, "dispatch", perform, _("Dispatched. The order waits to be claimed.")
    )


@bp.route("/orders/<id:order_id>/merge", methods=["POST"])
def merge(order_id):
    def perform(actor, form):
        data = form.load(MergeSchema(), "into_order_id", coerce={"into_order_id": int})
        triage.merge_order(actor, order_id, **data)

    return order_action(order_id, "merge", perform, _("Merged into the other order."))


def reason(form, action: str) -> dict:
    """The reason of reject, escalate or release: posted as `<action>_reason`, because the
    three forms share the page and each input needs its own id."""
    return desk_forms.load_renamed(form, ReasonSchema(), {"reason": f"{action}_reason"})


@bp.route("/orders/<id:order_id>/reject", methods=["POST"])
def reject(order_id):
    def perform(actor, form):
        triage.reject_order(actor, order_id, **reason(form, "reject"))

    return order_action(order_id, "reject", perform, _("Rejected. The resident is told why."))


@bp.route("/orders/<id:order_id>/escalate", methods=["POST"])
def escalate(order_id):
    def perform(actor, form):
        triage.escalate_order(actor, order_id, **reason(form, "escalate"))

    return order_action(order_id, "escalate", perform, _("Escalated to the street."))


@bp.route("/orders/<id:order_id>/release", methods=["POST"])
def release(order_id):
    def perform(actor, form):
        work.release_order(actor, order_id, **reason(form, "release"))

    return order_action(
        order_id, "release", perform, _("Released. Dispatch it again."), advance=False
    )


@bp.route("/overdue")
def overdue():
    """Open orders past their time limit, most late first."""
    actor = require_actor()
    pager = page_of(
        filtered_orders(actor, {"overdue": True}).order_by(Order.due_at, Order.id), PAGE_SIZE
    )
    orders = pager.items
    return render_template(
        "pages/desk/overdue.html",
        orders=orders,
        pager=pager,
        several=context.several_communities(actor),
        communities=context.community_names(orders),
        holders=context.holders(orders),
        actions={order.id: context.allowed_actions(actor, order) for order in orders},
        now=utcnow(),
    )


@bp.route("/follow-ups")
def follow_ups(failed: tuple[int, Form] | None = None):
    """回访: the open follow-ups after low ratings, oldest first, each with the resident's
    complaint, the contact, the order's timeline and the form to record the call."""
    actor = require_actor()
    pager = page_of(
        follow_ups_of(actor, done=False).order_by(None).order_by(FollowUp.id), PAGE_SIZE
    )
    items = pager.items
    orders = {order.id: order for order in context.orders_by_id([i.order_id for i in items])}
    return render_template(
        "pages/desk/follow_ups.html",
        items=[(item, present(orders[item.order_id], actor, with_events=True)) for item in items],
        pager=pager,
        several=context.several_communities(actor),
        communities=context.community_names(orders.values()),
        claimers=context.last_claimers(orders.values()),
        outcomes=[(o.value, o.label) for o in Outcome],
        failed=failed,
        blank=Form(MultiDict()),
    ), (422 if failed else 200)


@bp.route("/follow-ups/<id:follow_up_id>/done", methods=["POST"])
def follow_up_done(follow_up_id):
    """Record the call-back (回访) with its outcome; 重办 sends the order back to the inbox."""

    def perform(form):
        fields = {"outcome": f"outcome_{follow_up_id}", "note": f"note_{follow_up_id}"}
        data = desk_forms.load_renamed(form, FollowUpDoneSchema(), fields)
        try:
            finish_follow_up(require_actor(), follow_up_id, **data)
        except NotFound:
            abort(404)  # outside the caller's scope: 404 as everywhere, not a flash
        except Forbidden:
            abort(403)
        if data["outcome"] == Outcome.REWORK:
            flash(_("Sent back to be redone: dispatch it again."))

    return act(
        perform,
        done=_("Follow-up recorded."),
        then=url_for("desk.follow_ups"),
        again=lambda form: follow_ups(failed=(follow_up_id, form)),
    )


@bp.route("/escalated")
def escalated():
    """The street's queue: escalated orders, and overdue orders the street supervises (督办)."""
    actor = require_actor()
    pager = page_of(
        filtered_orders(actor, {"status": [OrderStatus.ESCALATED]}).order_by(
            Order.escalated_at, Order.id
        ),
        PAGE_SIZE,
    )
    orders = pager.items
    supervised = db.session.scalars(
        filtered_orders(actor, {"overdue": True})
        .where(Order.street_supervised_at.is_not(None))
        .order_by(Order.due_at, Order.id)
        .limit(100)
    ).all()
    shown = [*orders, *supervised]
    return render_template(
        "pages/desk/escalated.html",
        orders=orders,
        pager=pager,
        supervised=supervised,
        communities=context.community_names(shown),
        holders=context.holders(shown),
        reasons=context.last_notes(orders, Action.ESCALATE),
        now=utcnow(),
        employer_requests=employer_requests.open_requests(actor),
    )
