"""/activities: post, list, sign up and withdraw, check in and out, close, correct hours."""

from flask import url_for

from volunteer.activities import attendance, services
from volunteer.activities.access import access_activity
from volunteer.activities.schemas import (
    ActivityInputSchema,
    ActivityQuerySchema,
    ActivitySchema,
    AttendanceInputSchema,
    CheckInCodeSchema,
    CorrectionInputSchema,
    SignupSchema,
)
from volunteer.auth.access import require_actor
from volunteer.blueprints import ApiBlueprint as Blueprint
from volunteer.extensions import db
from volunteer.pagination import paginate

blp = Blueprint(
    "activities", __name__, url_prefix="/api/v1", description="Community activities (党员公益日)"
)


@blp.route("/activities", methods=["POST"])
@blp.arguments(ActivityInputSchema)
@blp.response(201, ActivitySchema)
@blp.refuses(404)  # the community named in the body is outside the caller's scope
def post_activity(data):
    """Post an activity of the community (secretary, street admin)."""
    actor = require_actor()
    return services.activity_view(actor, services.post_activity(actor, **data))


@blp.route("/activities")
@blp.arguments(ActivityQuerySchema, location="query")
@blp.response(200, ActivitySchema(many=True))
@blp.paginate()
def list_activities(args, pagination_parameters):
    """Activities of the caller's communities (members of the community, its managers)."""
    actor = require_actor()
    page = paginate(services.activities_query(actor, **args), pagination_parameters)
    return [services.activity_view(actor, activity) for activity in page]


@blp.route("/activities/<id:activity_id>")
@blp.response(200, ActivitySchema)
def get_activity(activity_id):
    """One activity; its managers see who signed up and attended."""
    actor = require_actor()
    return services.activity_view(actor, access_activity(actor, activity_id), with_signups=True)


@blp.route("/activities/<id:activity_id>/signups", methods=["POST"])
@blp.response(201, SignupSchema)
@blp.refuses(409)
def sign_up(activity_id):
    """Take a place (active members of the community): full, started or twice → 409."""
    return services.signup_line(services.sign_up(require_actor(), activity_id))


@blp.route("/activities/<id:activity_id>/signups/me", methods=["DELETE"])
@blp.response(204)
def withdraw(activity_id):
    """Give the place back, before the start."""
    services.withdraw(require_actor(), activity_id)


@blp.route("/activities/<id:activity_id>/check-in-code")
@blp.response(200, CheckInCodeSchema)
@blp.refuses(409)
def check_in_code(activity_id):
    """The short-lived code the secretary's screen shows as a QR."""
    answer = attendance.check_in_code(require_actor(), activity_id)
    answer["url"] = url_for(
        "activity_scan.scan", activity_id=activity_id, code=answer["code"], _external=True
    )
    return answer


@blp.route("/activities/<id:activity_id>/check-in", methods=["POST"])
@blp.arguments(AttendanceInputSchema)
@blp.response(200, SignupSchema)
def check_in(data, activity_id):
    """Check in with the scanned code, or (secretary) tick a member at the roll call."""
    return services.signup_line(attendance.check_in(require_actor(), activity_id, **data))


@blp.route("/activities/<id:activity_id>/check-out", methods=["POST"])
@blp.arguments(AttendanceInputSchema)
@blp.response(200, SignupSchema)
def check_out(data, activity_id):
    """Check out with the scanned code, or (secretary) for a member."""
    return services.signup_line(attendance.check_out(require_actor(), activity_id, **data))


@blp.route("/activities/<id:activity_id>/close", methods=["POST"])
@blp.response(200, ActivitySchema)
def close_activity(activity_id):
    """Close the activity: each attendee's hours are fixed (secretary)."""
    actor = require_actor()
    activity = attendance.close_activity(actor, activity_id)
    db.session.flush()
    return services.activity_view(actor, activity, with_signups=True)


@blp.route("/activities/<id:activity_id>/corrections", methods=["POST"])
@blp.arguments(CorrectionInputSchema)
@blp.response(200, SignupSchema)
def correct_hours(data, activity_id):
    """Correct an attendee's hours after the close, with a reason that is kept (secretary)."""
    signup = attendance.correct_hours(
        require_actor(),
        activity_id,
        member_id=data["member_id"],
        hours_after=data["hours"],
        reason=data["reason"],
    )
    return services.signup_line(signup)
