"""Activities in service records, reports and statistics: per member, the closed activities
attended in a period and their hours, with one grouped query for any number of members."""

from datetime import datetime

import sqlalchemy as sa

from volunteer.activities.models import Activity, ActivityStatus, Signup
from volunteer.extensions import db


def attended_between(first: datetime, after: datetime) -> list:
    """Attendances of closed activities that started within [first, after)."""
    return [
        Activity.status == ActivityStatus.CLOSED,
        Activity.starts_at >= first,
        Activity.starts_at < after,
        Signup.checked_in_at.is_not(None),
    ]


def activity_tallies(member_ids: sa.Select, first: datetime, after: datetime) -> dict[int, dict]:
    """Per member: `activities` attended and `activity_hours`."""
    rows = db.session.execute(
        sa.select(Signup.member_id, sa.func.count(), sa.func.sum(Signup.hours))
        .join(Activity, Activity.id == Signup.activity_id)
        .where(Signup.member_id.in_(member_ids), *attended_between(first, after))
        .group_by(Signup.member_id)
    )
    return {
        member_id: {"activities": int(count or 0), "activity_hours": float(total or 0)}
        for member_id, count, total in rows
    }


EMPTY = {"activities": 0, "activity_hours": 0.0}


def attended_activities(member_id: int, first: datetime, after: datetime) -> list[dict]:
    """One member's attended activities of the period, newest first (title, place, hours)."""
    rows = db.session.execute(
        sa.select(Activity, Signup)
        .join(Signup, Signup.activity_id == Activity.id)
        .where(Signup.member_id == member_id, *attended_between(first, after))
        .order_by(Activity.starts_at.desc(), Activity.id.desc())
    ).unique()
    return [
        {
            "id": activity.id,
            "title": activity.title,
            "place": activity.place,
            "starts_at": activity.starts_at,
            "hours": float(signup.hours or 0),
        }
        for activity, signup in rows
    ]


def community_figures(community_ids: sa.Select, first: datetime, after: datetime) -> dict:
    """For the dashboard: activities held (closed) in the period, attendances and hours."""
    held = db.session.scalar(
        sa.select(sa.func.count()).where(
            Activity.community_id.in_(community_ids),
            Activity.status == ActivityStatus.CLOSED,
            Activity.starts_at >= first,
            Activity.starts_at < after,
        )
    )
    attendances, total = db.session.execute(
        sa.select(sa.func.count(), sa.func.sum(Signup.hours))
        .join(Activity, Activity.id == Signup.activity_id)
        .where(Activity.community_id.in_(community_ids), *attended_between(first, after))
    ).one()
    upcoming = db.session.scalar(
        sa.select(sa.func.count()).where(
            Activity.community_id.in_(community_ids),
            Activity.status == ActivityStatus.OPEN,
            Activity.starts_at >= first,
            Activity.starts_at < after,
        )
    )
    return {
        "activities": int(held or 0),
        "open_activities": int(upcoming or 0),
        "attendances": int(attendances or 0),
        "activity_hours": float(total or 0),
    }
