"""The street's satisfaction desk (群众满意指数): draw the month's sample, open a periodic
review, the index per community (sortable, exportable), and the yearly assessment with its
printable PDF. Secretaries see their own community's index."""

from datetime import date, datetime

import sqlalchemy as sa
from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from volunteer.auth.access import require_actor
from volunteer.db import utcnow
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.timing import zone
from volunteer.organisations.models import Community, Street
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.stats import exports
from volunteer.surveys import index, reviews, samples
from volunteer.surveys.jobs import previous_month
from volunteer.surveys.pdf import assessment_pdf
from volunteer.surveys.schemas import ReviewWindowCreateSchema, SampleCreateSchema

bp = Blueprint("satisfaction_desk", __name__, url_prefix="/desk/satisfaction")

SORTS = {
    "name": lambda row: row["community_name"],
    "index": lambda row: -1 if row["index"] is None else row["index"],
    "ratings": lambda row: -1 if row["ratings"]["rate"] is None else row["ratings"]["rate"],
    "reviews": lambda row: -1 if row["reviews"]["rate"] is None else row["reviews"]["rate"],
    "samples": lambda row: -1 if row["samples"]["rate"] is None else row["samples"]["rate"],
}
LEVEL_NAMES = {
    "commendable": _l("Commendable (评先评优)"),
    "qualified": _l("Qualified"),
    "rectify": _l("To be rectified (重点整顿)"),
    "dismissal_review": _l("Below the qualified line two years running: the post is reviewed"),
    None: _l("No answers yet"),
}
EXPORT_COLUMNS = (
    ("community", "社区"),
    ("ratings_rate", "实时评价满意率"),
    ("ratings_count", "实时评价数"),
    ("reviews_rate", "定期评议满意率"),
    ("reviews_count", "定期评议数"),
    ("samples_rate", "抽样回访满意率"),
    ("samples_count", "抽样回访数"),
    ("index", "群众满意指数"),
    ("small_sample", "样本偏少"),
    ("inflation", "评价偏高"),
)


def today() -> date:
    return utcnow().astimezone(zone()).date()


def my_streets(actor) -> list[Street]:
    select = sa.select(Street).where(Street.active).order_by(Street.id)
    if not actor.is_admin:
        select = select.where(Street.id.in_(actor.street_admin_of))
    return list(db.session.scalars(select))


def own_communities(actor) -> list[dict]:
    """The index rows of the secretary's own communities."""
    ids = sorted(c for c in actor.secretary_of if c is not None)
    return [row for cid in ids for row in index_for(actor, None, cid)]


def sorted_rows(rows: list[dict], sort: str | None) -> list[dict]:
    """Rows sorted by a column (`?sort=index`, best first; `name` alphabetical)."""
    if sort not in SORTS:
        return rows
    return sorted(rows, key=SORTS[sort], reverse=sort != "name")


def index_for(actor, street_id: int | None, community_id: int | None, start=None, end=None):
    try:
        return index.satisfaction_index(
            actor, street_id=street_id, community_id=community_id, start=start, end=end
        )
    except DomainError as error:
        abort(error.code)


@bp.route("/")
@login_required
def home(forms: dict | None = None):
    """The index of the chosen street (or the secretary's community) and the street's tools."""
    actor = require_actor()
    streets = my_streets(actor)
    forms = forms or {}
    if streets:
        street = next(
            (s for s in streets if s.id == request.args.get("street_id", type=int)), streets[0]
        )
        rows = index_for(actor, street.id, None)
        drawn = list(db.session.scalars(samples.samples_of(actor, street.id).limit(12)))
        windows = list(db.session.scalars(reviews.windows_of(actor, street.id).limit(12)))
    elif actor.secretary_of:
        street, drawn, windows = None, [], []
        rows = own_communities(actor)
    else:
        abort(403)
    blank = Form(MultiDict())
    return render_template(
        "pages/satisfaction/desk.html",
        street=street,
        streets=streets,
        rows=sorted_rows(rows, request.args.get("sort")),
        sort=request.args.get("sort"),
        samples=drawn,
        windows=windows,
        sample_form=forms.get("sample", blank),
        review_form=forms.get("review", blank),
        last_month=previous_month(today()),
        year=today().year,
        now=utcnow(),
    ), (422 if forms else 200)


@bp.route("/samples", methods=["POST"])
@login_required
def draw():
    """Draw a month's sample (stored seed)."""

    def perform(form: Form):
        data = form.load(
            SampleCreateSchema(),
            "street_id",
            "month",
            "rate",
            "minimum",
            coerce={"street_id": int, "rate": float, "minimum": int},
        )
        return samples.draw_sample(require_actor(), **data)

    return act(
        perform,
        done=lambda sample: _(
            "Sample of %(month)s drawn: %(count)s orders to call back.",
            month=sample.month,
            count=len(sample.items),
        ),
        then=lambda: url_for("satisfaction_desk.home", street_id=request.form.get("street_id")),
        again=lambda form: home(forms={"sample": form}),
        refusals_on_page=True,
    )


@bp.route("/samples/<id:sample_id>")
@login_required
def sample(sample_id):
    """One sample: its seed and items, with the call-backs recorded (no contact data)."""
    try:
        found = samples.access_sample(require_actor(), sample_id)
    except DomainError as error:
        abort(error.code)
    titles = dict(
        db.session.execute(
            sa.select(Order.id, Order.title).where(Order.id.in_([i.order_id for i in found.items]))
        ).all()
    )
    names = dict(db.session.execute(sa.select(Community.id, Community.name)).all())
    return render_template(
        "pages/satisfaction/sample.html", sample=found, titles=titles, names=names
    )


@bp.route("/reviews", methods=["POST"])
@login_required
def open_review():
    """Open a periodic review window (定期评议); the residents are notified."""

    def perform(form: Form):
        fixed = {}
        for name in ("opens_at", "closes_at"):
            value = form.get(name).strip()
            if len(value) == 16:  # <input type=datetime-local> gives local time to the minute
                value = f"{value}:00{datetime.now(zone()).strftime('%z')}"
            if value:
                fixed[name] = value
        data = form.load(
            ReviewWindowCreateSchema(), "street_id", "title", coerce={"street_id": int}, **fixed
        )
        return reviews.open_review_window(require_actor(), **data)

    return act(
        perform,
        done=_("Review opened; the residents have been notified."),
        then=lambda: url_for("satisfaction_desk.home", street_id=request.form.get("street_id")),
        again=lambda form: home(forms={"review": form}),
        refusals_on_page=True,
    )


@bp.route("/assessments")
@login_required
def assessments():
    """The yearly assessment (述职评议) of a street: levels per community."""
    actor = require_actor()
    street, year, rows = assessment_of(actor)
    return render_template(
        "pages/satisfaction/assessments.html",
        street=street,
        year=year,
        rows=rows,
        thresholds=index.thresholds(),
        level_names=LEVEL_NAMES,
    )


@bp.route("/assessments.pdf")
@login_required
def assessments_pdf():
    """The assessment as a printable PDF."""
    actor = require_actor()
    street, year, rows = assessment_of(actor)
    body = assessment_pdf(
        street=street.name,
        year=year,
        rows=rows,
        thresholds=index.thresholds(),
        issued=today().isoformat(),
    )
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f"inline; filename=assessment-{year}.pdf"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def assessment_of(actor):
    streets = my_streets(actor)
    if not streets:
        abort(403)
    street_id = request.args.get("street_id", type=int) or streets[0].id
    year = request.args.get("year", type=int) or today().year
    if not 2000 <= year <= 2100:
        abort(404)
    try:
        rows = index.assessments(actor, street_id=street_id, year=year)
    except DomainError as error:
        abort(error.code)
    return db.session.get_one(Street, street_id), year, rows


@bp.route("/index.<any(csv, xlsx):fmt>")
@login_required
def export(fmt):
    """The index as a spreadsheet (the chosen street, or the secretary's community)."""
    actor = require_actor()
    streets = my_streets(actor)
    if streets:
        street_id = request.args.get("street_id", type=int) or streets[0].id
        rows = index_for(actor, street_id, None)
    elif actor.secretary_of:
        rows = own_communities(actor)
    else:
        abort(403)
    lines = [
        {
            "community": row["community_name"],
            **{f"{p}_rate": row[p]["rate"] for p in index.PARTS},
            **{f"{p}_count": row[p]["count"] for p in index.PARTS},
            "index": row["index"],
            "small_sample": "是" if row["small_sample"] else "",
            "inflation": "是" if row["inflation"] else "",
        }
        for row in rows
    ]
    if fmt == "csv":
        response = Response("".join(exports.csv_stream(EXPORT_COLUMNS, lines)))
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
    else:
        response = Response(
            exports.xlsx_bytes("满意指数", EXPORT_COLUMNS, lines), mimetype=exports.XLSX
        )
    response.headers["Content-Disposition"] = f"attachment; filename=satisfaction-index.{fmt}"
    return response
