"""定期评议: the resident rates their community's service once in each open review window."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from volunteer.auth.access import require_actor
from volunteer.pages.actions import act
from volunteer.pages.forms import Form
from volunteer.pages.resident.blueprint import bp
from volunteer.satisfaction import Satisfaction
from volunteer.surveys.access import resident_community
from volunteer.surveys.reviews import open_windows_for, respond
from volunteer.surveys.schemas import ReviewResponseCreateSchema


@bp.route("/reviews")
@login_required
def reviews(failed: tuple[int, Form] | None = None):
    """The review windows open now for my community, each with my answer or the form."""
    actor = require_actor()
    return render_template(
        "pages/resident/reviews.html",
        community=resident_community(actor),
        windows=open_windows_for(actor),
        words=[(word.value, word.label) for word in Satisfaction],
        failed=failed,
        blank=Form(MultiDict()),
    ), (422 if failed else 200)


@bp.route("/reviews/<id:window_id>", methods=["POST"])
@login_required
def review(window_id):
    def perform(form: Form):
        data = form.load(ReviewResponseCreateSchema(), "satisfaction", "comment")
        return respond(require_actor(), window_id, **data)

    return act(
        perform,
        done=_("Thank you: your review is recorded."),
        then=url_for("resident.reviews"),
        again=lambda form: reviews(failed=(window_id, form)),
    )
