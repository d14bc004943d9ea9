"""The desk's community activities: post one, see who signed up, show the rotating check-in
QR, take the roll call, close the activity and correct hours with a reason; and the
employers' opinion requests (干部考察进社区) answered from a draft."""

from datetime import datetime

import segno
from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from volunteer.activities import attendance, services
from volunteer.activities.access import manage_activity
from volunteer.activities.schemas import ActivityInputSchema, CorrectionInputSchema
from volunteer.auth.access import require_actor
from volunteer.extensions import db
from volunteer.opinions import services as opinions
from volunteer.opinions.schemas import AnswerInputSchema
from volunteer.orders.timing import zone
from volunteer.pages.actions import act
from volunteer.pages.desk.roster import chosen_community
from volunteer.pages.forms import Form
from volunteer.people.models import Member, MemberStatus
from volunteer.reports.grades import Grade

bp = Blueprint("desk_activities", __name__, url_prefix="/desk")

# The QR page reloads itself (a meta refresh: no script) a little faster than codes rotate.
QR_REFRESH_SECONDS = 20


def aware(value: str) -> str:
    """A `datetime-local` field (the desk's own clock) as an ISO time with its offset."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value  # the schema names the field
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone())
    return moment.isoformat()


def activities_page(form: Form | None = None):
    actor = require_actor()
    community, communities = chosen_community(actor)
    activities = list(
        db.session.scalars(services.activities_query(actor, community_id=community.id).limit(50))
    )
    return render_template(
        "pages/desk/activities.html",
        form=form or Form({}),
        community=community,
        communities=communities,
        activities=activities,
    ), (form.status if form else 200)


@bp.route("/activities")
@login_required
def activities():
    """The community's activities, newest first, and the form to post one."""
    return activities_page()


@bp.route("/activities", methods=["POST"])
@login_required
def post_activity():
    actor = require_actor()
    community, _communities = chosen_community(actor)

    def perform(form: Form):
        times = {
            field: aware(form.get(field).strip())
            for field in ("starts_at", "ends_at")
            if form.get(field).strip()
        }
        data = form.load(
            ActivityInputSchema(),
            "title",
            "description",
            "place",
            "capacity",
            coerce={"capacity": int},
            community_id=community.id,
            **times,
        )
        return services.post_activity(actor, **data)

    return act(
        perform,
        done=_("The activity is posted; members of the community can sign up."),
        then=lambda: url_for("desk_activities.activities", community_id=community.id),
        again=activities_page,
    )


def activity_page(activity_id: int, form: Form | None = None):
    actor = require_actor()
    activity = manage_activity(actor, activity_id)
    view = services.activity_view(actor, activity, with_signups=True)
    taken = {line["member_id"] for line in view["signups"]}
    others = db.session.scalars(
        db.select(Member).where(
            Member.community_id == activity.community_id,
            Member.status == MemberStatus.ACTIVE,
            Member.id.not_in(taken or {0}),
        )
    ).all()
    return render_template(
        "pages/desk/activity.html",
        activity=activity,
        view=view,
        others=sorted(others, key=lambda m: m.display_name),
        corrections=attendance.corrections_of(activity),
        form=form or Form({}),
    ), (form.status if form else 200)


@bp.route("/activities/<id:activity_id>")
@login_required
def activity(activity_id):
    """Who signed up and attended; roll call, close, corrections."""
    return activity_page(activity_id)


@bp.route("/activities/<id:activity_id>/qr")
@login_required
def qr(activity_id):
    """The check-in QR for the secretary's screen: members scan it with their phones."""
    actor = require_actor()
    activity = manage_activity(actor, activity_id)
    answer = attendance.check_in_code(actor, activity_id)
    address = url_for(
        "activity_scan.scan", activity_id=activity_id, code=answer["code"], _external=True
    )
    svg = segno.make(address, "m").svg_inline(scale=10, border=2, title=_("Check-in QR code"))
    page = render_template(
        "pages/desk/activity_qr.html",
        activity=activity,
        code=answer["code"],
        expires_at=answer["expires_at"],
        address=address,
        svg=svg,
        refresh=QR_REFRESH_SECONDS,
    )
    return page, 200, {"Cache-Control": "no-store"}


@bp.route("/activities/<id:activity_id>/roll-call", methods=["POST"])
@login_required
def roll_call(activity_id):
    """Tick a member present (check in) or leaving (check out)."""
    actor = require_actor()

    def perform(form: Form):
        member_id = int(form.get("member_id") or 0)
        if form.get("action") == "out":
            return attendance.check_out(actor, activity_id, member_id=member_id)
        return attendance.check_in(actor, activity_id, member_id=member_id)

    return act(
        perform,
        done=lambda signup: _("%(name)s recorded.", name=signup.member.display_name),
        then=url_for("desk_activities.activity", activity_id=activity_id),
    )


@bp.route("/activities/<id:activity_id>/close", methods=["POST"])
@login_required
def close(activity_id):
    """Close the activity: the attendees' hours are fixed."""
    actor = require_actor()
    return act(
        lambda _form: attendance.close_activity(actor, activity_id),
        done=_("The activity is closed; the hours count in the members' records."),
        then=url_for("desk_activities.activity", activity_id=activity_id),
    )


@bp.route("/activities/<id:activity_id>/corrections", methods=["POST"])
@login_required
def correct(activity_id):
    """Correct an attendee's hours with a reason (kept)."""
    actor = require_actor()

    def perform(form: Form):
        data = form.load(
            CorrectionInputSchema(),
            "member_id",
            "hours",
            "reason",
            coerce={"member_id": int, "hours": float},
        )
        return attendance.correct_hours(
            actor,
            activity_id,
            member_id=data["member_id"],
            hours_after=data["hours"],
            reason=data["reason"],
        )

    return act(
        perform,
        done=_("The hours are corrected; the reason is kept."),
        then=url_for("desk_activities.activity", activity_id=activity_id),
        again=lambda form: activity_page(activity_id, form),
    )


@bp.route("/opinions")
@login_required
def opinions_list():
    """Employers' opinion requests about members of the desk's communities."""
    actor = require_actor()
    chosen_community(actor)  # 403 for anyone without a community
    return render_template(
        "pages/desk/opinions.html",
        requests=[opinions.request_view(actor, r) for r in opinions.requests_for_desk(actor)],
    )


def opinion_page(request_id: int, form: Form | None = None):
    actor = require_actor()
    shown = opinions.request_view(actor, opinions.access_request(actor, request_id))
    if form is None:
        draft = shown.get("draft") or {}
        form = Form({"opinion": draft.get("opinion", ""), "grade": draft.get("grade", "")})
    return render_template(
        "pages/desk/opinion.html",
        request_shown=shown,
        form=form,
        grades=list(Grade.labels().items()),
    ), form.status


@bp.route("/opinions/<id:request_id>")
@login_required
def opinion(request_id):
    """One request with the draft built from the record, to edit and answer."""
    return opinion_page(request_id)


@bp.route("/opinions/<id:request_id>", methods=["POST"])
@login_required
def answer(request_id):
    actor = require_actor()

    def perform(form: Form):
        data = form.load(AnswerInputSchema(), "opinion", "grade")
        return opinions.answer_opinion(actor, request_id, **data)

    return act(
        perform,
        done=_("The opinion is sent to the employer."),
        then=url_for("desk_activities.opinions_list"),
        again=lambda form: opinion_page(request_id, form),
        refusals_on_page=True,
    )
