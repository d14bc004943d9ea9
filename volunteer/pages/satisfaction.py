"""What every role sees of satisfaction that checks itself: the index panels that the
dashboard and the public 公示 page include (template globals), and the community's public
pledges (承诺 · 践诺 · 评诺) with the residents' rating form."""

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from volunteer.auth.access import require_actor
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.organisations.models import Community, Street
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pledges import services as pledges
from volunteer.pledges.schemas import PledgeRatingCreateSchema
from volunteer.satisfaction import Satisfaction
from volunteer.stats.services import today
from volunteer.surveys import index

bp = Blueprint("satisfaction", __name__)


@bp.app_template_global()
def satisfaction_rows(community_id: int | None = None) -> list[dict]:
    """The index rows the signed-in desk user may see: the chosen community, else every
    community of their streets (or their own as secretary); sorted by `?sort=`."""
    if not current_user.is_authenticated:
        return []
    actor = require_actor()
    try:
        if community_id:
            rows = index.satisfaction_index(actor, community_id=community_id)
        elif actor.is_admin or actor.street_admin_of:
            streets = sa.select(Street.id).where(Street.active).order_by(Street.id)
            if not actor.is_admin:
                streets = streets.where(Street.id.in_(actor.street_admin_of))
            rows = [
                row
                for street_id in db.session.scalars(streets)
                for row in index.satisfaction_index(actor, street_id=street_id)
            ]
        else:
            rows = [
                row
                for cid in sorted(c for c in actor.secretary_of if c is not None)
                for row in index.satisfaction_index(actor, community_id=cid)
            ]
    except DomainError:
        return []
    sort = request.args.get("sort")
    if sort in (*index.PARTS, "index"):
        rows.sort(key=lambda row: sort_value(row, sort), reverse=True)
    return rows


def sort_value(row: dict, column: str) -> float:
    """A row's value in a column, best first when sorted in reverse (no answers last)."""
    value = row["index"] if column == "index" else row[column]["rate"]
    return -1.0 if value is None else value


@bp.app_template_global()
def public_satisfaction(community_id: int) -> dict | None:
    """The community's index and its parts' rates for the public page (this year)."""
    community = db.session.get(Community, community_id)
    if community is None:
        return None
    end = today()
    return index.index_rows([community], date(end.year, 1, 1), end)[0]


@bp.route("/public/communities/<id:community_id>/pledges")
def public_pledges(community_id, form: Form | None = None, failed: int | None = None):
    """承诺 · 践诺 · 评诺: the community's pledges with their rating counts; no resident's name.
    A resident of the community rates each once here."""
    community = db.session.get(Community, community_id)
    if community is None:
        abort(404)
    rows = list(db.session.scalars(pledges.community_pledges(community_id).limit(100)))
    rated: set[int] = set()
    may_rate = False
    if current_user.is_authenticated:
        actor = require_actor()
        may_rate = pledges.lives_in(actor, community_id)
        rated = {r.pledge_id for p in rows for r in p.ratings if r.user_id == actor.id}
    return render_template(
        "pages/satisfaction/pledges.html",
        community=community,
        pledges=rows,
        may_rate=may_rate,
        rated=rated,
        words=[(word.value, word.label) for word in Satisfaction],
        form=form,
        failed=failed,
    ), (422 if form else 200)


@bp.route("/pledges/<id:pledge_id>/rate", methods=["POST"])
@login_required
def rate(pledge_id):
    """评诺: a resident rates a pledge once."""
    try:
        pledge = pledges.access_pledge(pledge_id)
    except DomainError:
        abort(404)

    def perform(form: Form):
        data = form.load(PledgeRatingCreateSchema(), "satisfaction")
        return pledges.rate_pledge(require_actor(), pledge_id, **data)

    then = url_for("satisfaction.public_pledges", community_id=pledge.community_id)
    return act(
        perform,
        done=_("Thank you for rating this pledge."),
        then=then,
        again=lambda form: public_pledges(pledge.community_id, form=form, failed=pledge_id),
    )
