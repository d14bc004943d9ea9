"""Posting activities, signing up within the capacity, withdrawing, and listing them."""

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.activities.access import access_activity, member_of
from volunteer.activities.models import Activity, ActivityStatus, Signup
from volunteer.auth.access import Actor, manages_community
from volunteer.auth.communities import access_community, manage_community
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community

MAX_LENGTH_HOURS = 24
# Times the calendar and the clocks can count with (a year-1 start would overflow them).
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2099, 12, 31, tzinfo=UTC)


def post_activity(
    actor: Actor,
    *,
    community_id: int,
    title: str,
    place: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    description: str = "",
) -> Activity:
    """The secretary (or street admin) posts an activity of the community."""
    community = manage_community(actor, community_id)
    if not EARLIEST <= starts_at <= LATEST:
        raise Invalid("starts_at", _l("Not a date an activity can take place on."))
    if ends_at <= starts_at:
        raise Invalid("ends_at", _l("The activity must end after it starts."))
    if (ends_at - starts_at).total_seconds() > MAX_LENGTH_HOURS * 3600:
        raise Invalid("ends_at", _l("An activity lasts at most 24 hours."))
    activity = Activity(
        community_id=community.id,
        title=title,
        description=description,
        place=place,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        signed_up=0,
        status=ActivityStatus.OPEN,
        created_by_id=actor.id,
    )
    db.session.add(activity)
    db.session.flush()
    return activity


def activities_query(
    actor: Actor, *, community_id: int | None = None, upcoming: bool = False
) -> sa.Select:
    """Activities of one community (or of all the caller's), soonest first when upcoming,
    else newest first."""
    select = sa.select(Activity)
    member = actor.active_member
    if community_id is not None:
        community = access_community(actor, community_id)
        if not (
            manages_community(actor, community)
            or (member is not None and member.community_id == community.id)
        ):
            raise Forbidden(_l("Activities are for the community's members and its secretary."))
        select = select.where(Activity.community_id == community.id)
    elif not actor.is_admin:
        mine = {c for c in actor.secretary_of if c is not None}
        if member is not None:
            mine.add(member.community_id)
        in_streets = sa.select(Community.id).where(Community.street_id.in_(actor.street_admin_of))
        select = select.where(
            sa.or_(Activity.community_id.in_(mine), Activity.community_id.in_(in_streets))
        )
    if upcoming:
        return select.where(Activity.ends_at > utcnow()).order_by(Activity.starts_at, Activity.id)
    return select.order_by(Activity.starts_at.desc(), Activity.id.desc())


def signup_of(activity_id: int, member_id: int) -> Signup | None:
    return db.session.scalar(
        sa.select(Signup).where(Signup.activity_id == activity_id, Signup.member_id == member_id)
    )


def signups_of(activity: Activity) -> list[Signup]:
    return list(
        db.session.scalars(
            sa.select(Signup).where(Signup.activity_id == activity.id).order_by(Signup.id)
        )
    )


def take_place(activity: Activity, *, before_start: bool) -> None:
    """Count one more sign-up with one conditional UPDATE: it matches no row when the activity
    is full (or closed, or started when `before_start`), so simultaneous sign-ups never pass
    the capacity on SQLite or PostgreSQL."""
    conditions = [
        Activity.id == activity.id,
        Activity.signed_up < Activity.capacity,
        Activity.status == ActivityStatus.OPEN,
    ]
    if before_start:
        conditions.append(Activity.starts_at > utcnow())
    taken = db.session.execute(
        sa.update(Activity)
        .where(*conditions)
        .values(signed_up=Activity.signed_up + 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        db.session.refresh(activity)
        if activity.status != ActivityStatus.OPEN:
            raise Conflict(_l("The activity is closed."))
        if before_start and activity.starts_at <= utcnow():
            raise Conflict(_l("Sign-up closed when the activity started."))
        raise Conflict(_l("The activity is full."))
    db.session.refresh(activity)


def sign_up(actor: Actor, activity_id: int) -> Signup:
    """An active member of the community takes a place (409 when full, started or twice)."""
    activity = access_activity(actor, activity_id)
    member = member_of(actor, activity)
    if activity.status != ActivityStatus.OPEN:
        raise Conflict(_l("The activity is closed."))
    if activity.starts_at <= utcnow():
        raise Conflict(_l("Sign-up closed when the activity started."))
    if signup_of(activity.id, member.id) is not None:
        raise Conflict(_l("You have already signed up."))
    take_place(activity, before_start=True)
    signup = Signup(activity_id=activity.id, member_id=member.id)
    db.session.add(signup)
    db.session.flush()  # a simultaneous second sign-up of the same member: IntegrityError, 409
    return signup


def withdraw(actor: Actor, activity_id: int) -> None:
    """The member gives the place back, before the start."""
    activity = access_activity(actor, activity_id)
    member = member_of(actor, activity)
    signup = signup_of(activity.id, member.id)
    if signup is None:
        raise NotFound(_l("You have not signed up."))
    if activity.status != ActivityStatus.OPEN or activity.starts_at <= utcnow():
        raise Conflict(_l("The activity has started; you can no longer withdraw."))
    db.session.delete(signup)
    db.session.execute(
        sa.update(Activity)
        .where(Activity.id == activity.id)
        .values(signed_up=Activity.signed_up - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.flush()
    db.session.refresh(activity)


def activity_view(actor: Actor, activity: Activity, *, with_signups: bool = False) -> dict:
    """An activity as the caller sees it: their own place, and for its managers the list."""
    view = {
        "id": activity.id,
        "community_id": activity.community_id,
        "community_name": activity.community.name,
        "title": activity.title,
        "description": activity.description,
        "place": activity.place,
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "capacity": activity.capacity,
        "signed_up": activity.signed_up,
        "status": activity.status,
        "closed_at": activity.closed_at,
        "me": None,
    }
    member = actor.member
    if member is not None and member.community_id == activity.community_id:
        mine = signup_of(activity.id, member.id)
        view["me"] = signup_line(mine) if mine is not None else None
    if with_signups and manages_community(actor, activity.community):
        view["signups"] = [signup_line(signup) for signup in signups_of(activity)]
    return view


def signup_line(signup: Signup) -> dict:
    return {
        "member_id": signup.member_id,
        "display_name": signup.member.display_name,
        "by_roll_call": signup.by_roll_call,
        "checked_in_at": signup.checked_in_at,
        "checked_out_at": signup.checked_out_at,
        "hours": float(signup.hours) if signup.hours is not None else None,
    }
