"""The `activity-reminders` job: the day before an activity, its signed-up members hear of it
once (the activity is marked, so a second run finds nothing to do)."""

from datetime import timedelta

import sqlalchemy as sa

from volunteer.activities.models import Activity, ActivityStatus, Signup
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.notifications.services import notify
from volunteer.orders.timing import zone
from volunteer.people.models import Member

AHEAD = timedelta(hours=24)


def remind_activities() -> str:
    """Open activities starting within the next 24 hours, not yet reminded: notify each
    signed-up member once."""
    now = utcnow()
    activities = list(
        db.session.scalars(
            sa.select(Activity).where(
                Activity.status == ActivityStatus.OPEN,
                Activity.reminded_at.is_(None),
                Activity.starts_at > now,
                Activity.starts_at <= now + AHEAD,
            )
        )
    )
    for activity in activities:
        users = db.session.scalars(
            sa.select(Member.user_id)
            .join(Signup, Signup.member_id == Member.id)
            .where(Signup.activity_id == activity.id)
        )
        starts = activity.starts_at.astimezone(zone()).strftime("%m月%d日 %H:%M")
        notify(
            list(users),
            "activity_reminder",
            f"提醒：您报名的活动“{activity.title}”将于{starts}在{activity.place}开始。",
        )
        activity.reminded_at = now
    db.session.commit()
    return f"{len(activities)} activities reminded"
