"""The surveyor's call list and the call form (phone-sized)."""

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from volunteer.auth.access import require_actor
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.organisations.models import Community
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.satisfaction import Satisfaction
from volunteer.surveys.models import ItemStatus, Sample, SampleItem
from volunteer.surveys.samples import answer_item, view_item
from volunteer.surveys.schemas import AnswerSchema

bp = Blueprint("surveyor", __name__, url_prefix="/surveyor")

YES_NO = {"yes": True, "no": False}


@bp.before_request
def surveyors_only():
    if not current_user.is_authenticated:
        return redirect(url_for("session.login", next=request.full_path))
    if not require_actor().surveyor_of:
        abort(403)
    return None


@bp.route("/")
def calls():
    """The open sampled orders of my streets, oldest month first; the answered below."""
    actor = require_actor()
    rows = db.session.execute(
        sa.select(SampleItem, Order.title, Community.name, Sample.month)
        .join(Sample, Sample.id == SampleItem.sample_id)
        .join(Order, Order.id == SampleItem.order_id)
        .join(Community, Community.id == SampleItem.community_id)
        .where(Sample.street_id.in_(actor.surveyor_of))
        .order_by(SampleItem.status.desc(), Sample.month, SampleItem.id)
        .limit(200)
    ).all()
    open_rows = [row for row in rows if row[0].status == ItemStatus.OPEN]
    done_rows = [row for row in rows if row[0].status != ItemStatus.OPEN]
    return render_template("pages/surveyor/calls.html", open_rows=open_rows, done_rows=done_rows)


@bp.route("/items/<id:item_id>")
def item(item_id, form: Form | None = None):
    """One sampled order: the resident's name and phone while it is open, and the form."""
    try:
        view = view_item(require_actor(), item_id)
    except NotFound:
        abort(404)
    except Forbidden:
        abort(403)
    db.session.commit()  # the view of the contact is logged even if nothing else happens
    return render_template(
        "pages/surveyor/item.html",
        view=view,
        form=form or Form(MultiDict()),
        words=[(word.value, word.label) for word in Satisfaction],
    ), (422 if form else 200)


@bp.route("/items/<id:item_id>/answer", methods=["POST"])
def answer(item_id):
    """Record the call; 不满意 or not resolved opens the community's follow-up."""

    def perform(form: Form):
        reached = YES_NO.get(form.get("reached"))
        fixed: dict = {"reached": reached}
        if reached:  # what was resolved and how satisfied only count when reached
            fixed["resolved"] = YES_NO.get(form.get("resolved"))
            if form.get("satisfaction"):
                fixed["satisfaction"] = form.get("satisfaction")
        loaded = form.load(AnswerSchema(), "comment", **fixed)
        try:
            return answer_item(require_actor(), item_id, **loaded)
        except NotFound:
            abort(404)

    def done(item) -> str:
        if item.follow_up_id is not None:
            return _("Recorded. A follow-up (回访) was opened for the community.")
        return _("Recorded.")

    return act(
        perform,
        done=done,
        then=url_for("surveyor.calls"),
        again=lambda form: item(item_id, form=form),
        refusals_on_page=True,
    )
