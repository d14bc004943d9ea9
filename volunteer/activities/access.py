"""Loading an activity as the caller may see it: 404 outside their communities, 403 when
their role may not act on it."""

from flask_babel import lazy_gettext as _l

from volunteer.activities.models import Activity
from volunteer.auth.access import Actor, manages_community, sees_community
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.people.models import Member


def access_activity(actor: Actor, activity_id: int) -> Activity:
    """An activity of a community the caller belongs to or manages, or 404."""
    activity = db.session.get(Activity, activity_id)
    if activity is None or not sees_community(actor, activity.community):
        raise NotFound(_l("No such activity."))
    return activity


def manage_activity(actor: Actor, activity_id: int) -> Activity:
    """An activity the caller manages (secretary, street admin, admin)."""
    activity = access_activity(actor, activity_id)
    if not manages_community(actor, activity.community):
        raise Forbidden(_l("Only the community's secretary may do this."))
    return activity


def member_of(actor: Actor, activity: Activity) -> Member:
    """The caller as an active member of the activity's community, or 403."""
    member = actor.active_member
    if member is None or member.community_id != activity.community_id:
        raise Forbidden(_l("Only active members of the community take part in its activities."))
    return member
