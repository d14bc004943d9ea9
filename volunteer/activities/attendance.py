"""Check-in and check-out (a rotating code shown as a QR, or the secretary's roll call),
closing the activity with each attendee's hours, and corrections of hours with a reason."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.activities import codes, hours
from volunteer.activities.access import access_activity, manage_activity
from volunteer.activities.models import Activity, ActivityStatus, HourCorrection, Signup
from volunteer.activities.services import signup_of, signups_of, take_place
from volunteer.auth.access import Actor, manages_community
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid
from volunteer.extensions import db
from volunteer.love_bank import ledger
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.orders.timing import zone
from volunteer.people.models import Member, MemberStatus

# Check-in opens this long before the start.
EARLY = timedelta(minutes=30)


def check_in_code(actor: Actor, activity_id: int) -> dict:
    """The code to show as a QR on the secretary's screen now, and when it expires."""
    activity = manage_activity(actor, activity_id)
    if activity.status != ActivityStatus.OPEN:
        raise Conflict(_l("The activity is closed."))
    code, expires = codes.current_code(
        current_app.config["SECRET_KEY"], activity.code_salt, activity.id, utcnow()
    )
    return {"code": code, "expires_at": expires}


def code_is_valid(activity: Activity, code: str) -> bool:
    return codes.accepts(
        current_app.config["SECRET_KEY"], activity.code_salt, activity.id, code, utcnow()
    )


def attendee(
    actor: Actor, activity: Activity, *, code: str | None, member_id: int | None, arriving: bool
) -> Signup:
    """Whose attendance the request records: the caller with a valid code, or (roll call) the
    member the secretary names, who is added if they did not sign up, capacity permitting."""
    if member_id is not None:
        if not manages_community(actor, activity.community):
            raise Forbidden(_l("Only the community's secretary takes the roll call."))
        member = db.session.get(Member, member_id)
        if (
            member is None
            or member.community_id != activity.community_id
            or member.status != MemberStatus.ACTIVE
        ):
            raise Invalid("member_id", _l("Not an active member of the community."))
        signup = signup_of(activity.id, member.id)
        if signup is None:
            if not arriving:
                raise Conflict(_l("The member has not checked in."))
            take_place(activity, before_start=False)
            signup = Signup(activity_id=activity.id, member_id=member.id, by_roll_call=True)
            db.session.add(signup)
            db.session.flush()
        return signup
    member = actor.active_member
    signup = signup_of(activity.id, member.id) if member is not None else None
    if signup is None:
        raise Forbidden(_l("Only members who signed up check in with the code."))
    if not code or not code_is_valid(activity, code):
        raise Invalid("code", _l("The code is wrong or has expired; scan the current one."))
    return signup


def check_in(
    actor: Actor, activity_id: int, *, code: str | None = None, member_id: int | None = None
) -> Signup:
    """Record arrival; opens 30 minutes before the start, until the end."""
    activity = access_activity(actor, activity_id)
    signup = attendee(actor, activity, code=code, member_id=member_id, arriving=True)
    now = utcnow()
    if activity.status != ActivityStatus.OPEN:
        raise Conflict(_l("The activity is closed."))
    if now < activity.starts_at - EARLY:
        raise Conflict(_l("Check-in opens 30 minutes before the start."))
    if now >= activity.ends_at:
        raise Conflict(_l("The activity has ended."))
    if signup.checked_in_at is None:
        signup.checked_in_at = now
    db.session.flush()
    return signup


def check_out(
    actor: Actor, activity_id: int, *, code: str | None = None, member_id: int | None = None
) -> Signup:
    """Record leaving (again: the last check-out counts) until the activity is closed."""
    activity = access_activity(actor, activity_id)
    signup = attendee(actor, activity, code=code, member_id=member_id, arriving=False)
    if activity.status != ActivityStatus.OPEN:
        raise Conflict(_l("The activity is closed."))
    if signup.checked_in_at is None:
        raise Conflict(_l("Check in first."))
    signup.checked_out_at = utcnow()
    db.session.flush()
    return signup


def local_day(moment: datetime) -> date:
    return moment.astimezone(zone()).date()


def served_on(member_id: int, day: date, *, besides: int) -> float:
    """Hours the member already has on a local day: completed orders and other activities."""
    tz = zone()
    first = datetime.combine(day, time(0), tz)
    after = first + timedelta(days=1)
    ordered = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Order.completion_hours), 0)).where(
            Order.claimed_by_id == member_id,
            Order.status.in_((OrderStatus.COMPLETED, OrderStatus.CLOSED)),
            Order.completed_at >= first,
            Order.completed_at < after,
        )
    )
    attended = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(Signup.hours), 0))
        .join(Activity, Activity.id == Signup.activity_id)
        .where(
            Signup.member_id == member_id,
            Signup.activity_id != besides,
            Activity.status == ActivityStatus.CLOSED,
            Activity.starts_at >= first,
            Activity.starts_at < after,
        )
    )
    return float(ordered or 0) + float(attended or 0)


def close_activity(actor: Actor, activity_id: int) -> Activity:
    """Fix each attendee's hours (see activities/hours.py) and close the activity."""
    activity = manage_activity(actor, activity_id)
    now = utcnow()
    closed = db.session.execute(
        sa.update(Activity)
        .where(Activity.id == activity.id, Activity.status == ActivityStatus.OPEN)
        .values(status=ActivityStatus.CLOSED, closed_at=now, closed_by_id=actor.id)
        .execution_options(synchronize_session=False)
    )
    if closed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(_l("The activity is already closed."))
    db.session.refresh(activity)
    day = local_day(activity.starts_at)
    for signup in signups_of(activity):
        if signup.checked_in_at is None:
            continue
        until = signup.checked_out_at or min(activity.ends_at, now)
        earned = hours.earned_hours(
            signup.checked_in_at,
            until,
            length_hours=activity.length_hours,
            served_that_day=served_on(signup.member_id, day, besides=activity.id),
        )
        signup.hours = Decimal(str(earned))
        # 爱心银行: attending earns hours × 10 points, as an order does.
        ledger.credit_activity_attendance(
            user_id=signup.member.user_id,
            community_id=activity.community_id,
            activity_id=activity.id,
            hours=signup.hours,
        )
    db.session.flush()
    return activity


def correct_hours(
    actor: Actor, activity_id: int, *, member_id: int, hours_after: float, reason: str
) -> Signup:
    """The secretary changes an attendee's hours after the close; the reason is kept."""
    activity = manage_activity(actor, activity_id)
    if activity.status != ActivityStatus.CLOSED:
        raise Conflict(_l("Hours are corrected after the activity is closed."))
    signup = signup_of(activity.id, member_id)
    if signup is None:
        raise Invalid("member_id", _l("The member did not take part in this activity."))
    left = hours.DAY_LIMIT - served_on(
        member_id, local_day(activity.starts_at), besides=activity.id
    )
    if not hours.valid_correction(hours_after, length_hours=activity.length_hours) or (
        hours_after > hours.round_down(left)
    ):
        raise Invalid(
            "hours", _l("Hours go in half-hour steps, at most the activity's length and 8.")
        )
    correction = HourCorrection(
        signup_id=signup.id,
        hours_before=signup.hours,
        hours_after=Decimal(str(hours_after)),
        reason=reason,
        by_id=actor.id,
    )
    db.session.add(correction)
    signup.hours = Decimal(str(hours_after))
    if signup.checked_in_at is None:  # counted present from now on
        signup.checked_in_at = activity.starts_at
    db.session.flush()
    # The love bank follows: the earlier credit reversed, the corrected hours credited.
    ledger.recredit_activity_attendance(
        user_id=signup.member.user_id,
        community_id=activity.community_id,
        activity_id=activity.id,
        hours=signup.hours,
        correction_id=correction.id,
        actor_id=actor.id,
    )
    db.session.flush()
    return signup


def corrections_of(activity: Activity) -> list[HourCorrection]:
    return list(
        db.session.scalars(
            sa.select(HourCorrection)
            .join(Signup, Signup.id == HourCorrection.signup_id)
            .where(Signup.activity_id == activity.id)
            .order_by(HourCorrection.id)
        )
    )
