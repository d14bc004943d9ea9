"""The desk's views of the orders: the inbox's filters live in the URL (a view can be
bookmarked), its tabs carry counts, and an order opened from a view knows its neighbours in
it (j/k, and the next order that opens after an action).

A view is the query string of the inbox: `tab`, the API's filters (`q`, `category`, `kind`,
`urgency`, `grid`, `team_id`, `status`) and `sort`. The order page and its forms carry it
along, so that after 受理并派单 the next order of the same view opens.
"""

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate
from werkzeug.datastructures import MultiDict

from volunteer.auth.access import Actor
from volunteer.extensions import db
from volunteer.orders.access import visible_rows
from volunteer.orders.models import Order
from volunteer.orders.queries import SORTS, filtered_orders, order_criteria, sorted_orders
from volunteer.orders.schemas import OrderQuerySchema
from volunteer.orders.search import matching
from volunteer.orders.states import OPEN, OrderStatus
from volunteer.stats.totals import seen_total

# tab → (its label, its filter). The default tab is what waits for the branch.
TABS: dict[str, tuple[Any, dict[str, Any]]] = {
    "triage": (_l("To triage"), {"status": [OrderStatus.SUBMITTED, OrderStatus.ACCEPTED]}),
    "submitted": (_l("New"), {"status": [OrderStatus.SUBMITTED]}),
    "accepted": (_l("Accepted"), {"status": [OrderStatus.ACCEPTED]}),
    "dispatched": (_l("Waiting to be claimed"), {"status": [OrderStatus.DISPATCHED]}),
    "overdue": (_l("Overdue"), {"overdue": True}),
    "all": (_l("All"), {}),
}
KEYS = ("tab", "q", "category", "kind", "urgency", "grid", "team_id", "sort", "status")
VIEW_LIMIT = 1000  # neighbours are looked up among the view's first thousand orders


class ViewSchema(OrderQuerySchema):
    """The inbox's query string: the API's list filters, the tab and the sort."""

    tab = fields.String(validate=validate.OneOf(list(TABS)))
    sort = fields.String(validate=validate.OneOf(SORTS))


def read_view(values: Mapping) -> dict:
    """The view named by a query string or a form's hidden fields (ValidationError if bad).
    Empty values are no filter."""
    getlist = getattr(values, "getlist", None)
    raw: dict = {}
    for key in KEYS:
        if key == "status":
            statuses = [s for s in (getlist(key) if getlist else [values.get(key)]) if s]
            if statuses:
                raw[key] = statuses
        elif values.get(key):
            raw[key] = values.get(key)
    return ViewSchema().load(raw)


def view_from_form(values: Mapping) -> dict:
    """The view a page or form carries along; a malformed one is no view (the inbox's
    defaults), never an error on the page it rides on."""
    try:
        return read_view(values)
    except ValidationError:
        return {}


def view_posted(form: Mapping) -> dict:
    """The view a form carries in its hidden `view` field (the inbox's query string): one
    field, so that the view's `category` is not the accept form's."""
    return view_from_form(MultiDict(parse_qsl(form.get("view") or "")))


def view_query(view: dict) -> str:
    """The view as a query string, for a form's hidden `view` field."""
    return urlencode(view_args(view), doseq=True)


def view_args(view: dict) -> dict:
    """The view as query-string arguments (for url_for), without the empty ones."""
    return {key: value for key, value in view.items() if value not in (None, "", [])}


def view_select(actor: Actor, view: dict) -> sa.Select:
    """The view's orders, in its order: urgent and oldest first unless `sort` says."""
    args = dict(view)
    tab = args.pop("tab", "triage")
    sort = args.pop("sort", None)
    select = filtered_orders(actor, {**TABS[tab][1], **args})
    if sort:
        return sorted_orders(select, sort)
    return select.order_by((Order.urgency == "urgent").desc(), Order.created_at, Order.id)


def tab_counts(actor: Actor, view: dict) -> dict[str, int]:
    """How many orders each tab holds with the view's other filters: one grouped query.
    Without filters, the open orders are counted from their indexes and "all" — a big
    community's whole history — from the statistics' tallies (`stats/totals.py`)."""
    args = {k: v for k, v in view.items() if k not in ("tab", "sort", "status")}
    criteria = order_criteria(actor, args)
    if args.get("q"):
        criteria.append(matching(actor, args["q"]))
    filtered = bool(criteria)
    if not filtered:  # only open orders can wait, be late or be in a tab but "all"
        criteria.append(Order.status.in_(list(OPEN)))
    late = sa.case((Order.overdue, 1), else_=0).label("late")
    seen = visible_rows(actor, [Order.status, late], criteria)
    rows = db.session.execute(
        sa.select(seen.c.status, seen.c.late, sa.func.count()).group_by(seen.c.status, seen.c.late)
    ).all()
    counts = dict.fromkeys(TABS, 0)
    for status, late, count in rows:
        counts["all"] += count
        counts["overdue"] += count if late else 0
        for tab, (_label, filters) in TABS.items():
            if status in filters.get("status", ()):
                counts[tab] += count
    if not filtered:
        counts["all"] = seen_total(actor)
    return counts


def neighbours(actor: Actor, view: dict, order_id: int) -> tuple[int | None, int | None]:
    """The orders before and after this one in the view. An order no longer in it (just
    dispatched) has no previous, and the view's first order next."""
    ids = list(
        db.session.scalars(view_select(actor, view).with_only_columns(Order.id).limit(VIEW_LIMIT))
    )
    if order_id not in ids:
        return None, next((i for i in ids if i != order_id), None)
    at = ids.index(order_id)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)
