"""The address a check-in QR code encodes: the member's phone opens it, logs in if need be,
and with one tap is checked in (or, once in, checked out)."""

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.activities import attendance, services
from volunteer.activities.access import access_activity
from volunteer.auth.access import require_actor
from volunteer.errors import DomainError
from volunteer.extensions import db
from volunteer.i18n import localised

bp = Blueprint("activity_scan", __name__)


def my_signup(actor, activity):
    member = actor.active_member
    return services.signup_of(activity.id, member.id) if member is not None else None


@bp.route("/activities/<id:activity_id>/scan")
@login_required
def scan(activity_id):
    """What the scan will do, with the one button that does it."""
    actor = require_actor()
    activity = access_activity(actor, activity_id)
    return render_template(
        "pages/activities/scan.html",
        activity=activity,
        signup=my_signup(actor, activity),
        code=request.args.get("code", "")[:20],
        done=None,
        problem=None,
    )


@bp.route("/activities/<id:activity_id>/scan", methods=["POST"])
@login_required
def record_scan(activity_id):
    """Check in, or check out when already in; a wrong or expired code: 422, scan again."""
    actor = require_actor()
    activity = access_activity(actor, activity_id)
    code = request.form.get("code", "")[:20]
    signup = my_signup(actor, activity)
    leaving = signup is not None and signup.checked_in_at is not None
    try:
        if leaving:
            signup = attendance.check_out(actor, activity_id, code=code)
            done = _("Checked out. Thank you for your service!")
        else:
            signup = attendance.check_in(actor, activity_id, code=code)
            done = _("Checked in. Welcome!")
        problem, status = None, 200
    except DomainError as error:
        db.session.rollback()
        done, problem, status = None, localised(error.message), error.code
        if error.errors:
            problem = " ".join(localised(p) for ps in error.errors.values() for p in ps)
        signup = my_signup(actor, activity)
    page = render_template(
        "pages/activities/scan.html",
        activity=activity,
        signup=signup,
        code=code,
        done=done,
        problem=problem,
    )
    return page, status
