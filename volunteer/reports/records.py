"""Service records (服务记录): what members completed in a period, aggregated in SQL.

Every function here takes a select of member ids and answers for all of them with one
grouped query, so a report costs the same few queries whether it lists 3 members or 300.
"""

import re
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from volunteer.activities.records import activity_tallies
from volunteer.extensions import db
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.orders.timing import zone
from volunteer.reports.grades import Tally

DONE = (OrderStatus.COMPLETED, OrderStatus.CLOSED)
COMMENTS_PER_MEMBER = 3
COMMENT_LENGTH = 60
# Digit runs long enough to be a phone or an ID number (spaces and dashes allowed inside).
DIGIT_RUN = re.compile(r"\d[\d\s\-]{5,}\d")


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The instants of a closed range of local days: [start 00:00, the day after end 00:00)."""
    tz = zone()
    return (
        datetime.combine(start, time(0), tz),
        datetime.combine(end + timedelta(days=1), time(0), tz),
    )


def done_between(start: date, end: date) -> list:
    """Orders completed within the period (later closed by a rating or not)."""
    first, after = bounds(start, end)
    return [
        Order.status.in_(DONE),
        Order.completed_at >= first,
        Order.completed_at < after,
    ]


def on_time():
    return sa.and_(Order.due_at.is_not(None), Order.completed_at <= Order.due_at)


def tallies(member_ids: sa.Select, start: date, end: date) -> dict[int, dict]:
    """Per member: orders completed, on time, hours, average score, rated and satisfied, and
    the community activities attended with their hours."""
    rows = db.session.execute(
        sa.select(
            Order.claimed_by_id,
            sa.func.count(),
            sa.func.sum(sa.case((on_time(), 1), else_=0)),
            sa.func.sum(Order.completion_hours),
            sa.func.avg(Order.score),
            sa.func.count(Order.score),
            sa.func.sum(sa.case((Order.score >= 3, 1), else_=0)),
        )
        .where(Order.claimed_by_id.in_(member_ids), *done_between(start, end))
        .group_by(Order.claimed_by_id)
    )
    result = {
        member_id: figures(completed, punctual, hours, average, rated, satisfied)
        for member_id, completed, punctual, hours, average, rated, satisfied in rows
    }
    for member_id, attended in activity_tallies(member_ids, *bounds(start, end)).items():
        result.setdefault(member_id, figures()).update(attended)
    return result


def figures(completed=0, punctual=0, hours=None, average=None, rated=0, satisfied=0) -> dict:
    """One member's record figures from the aggregated values."""
    rated, satisfied = int(rated or 0), int(satisfied or 0)
    return {
        "orders_completed": int(completed or 0),
        "on_time": int(punctual or 0),
        "hours": float(hours or 0),
        "average_score": round(float(average), 2) if average is not None else None,
        "rated": rated,
        "satisfaction_rate": round(satisfied / rated, 4) if rated else None,
        "satisfied": satisfied,
        "activities": 0,
        "activity_hours": 0.0,
    }


EMPTY = figures()


def tally_of(record: dict) -> Tally:
    return Tally(
        completed=record["orders_completed"],
        on_time=record["on_time"],
        rated=record["rated"],
        satisfied=record["satisfied"],
        activity_hours=record.get("activity_hours", 0.0),
    )


def selected_comments(member_ids: sa.Select, start: date, end: date) -> dict[int, list[str]]:
    """Per member, the best few residents' comments (score 4–5, newest first among equals),
    with phone-like numbers masked: the employer sees praise, never who gave it."""
    ranked = (
        sa.select(
            Order.claimed_by_id.label("member_id"),
            Order.rating_comment.label("comment"),
            sa.func.row_number()
            .over(
                partition_by=Order.claimed_by_id,
                order_by=(Order.score.desc(), Order.rated_at.desc(), Order.id.desc()),
            )
            .label("rank"),
        )
        .where(
            Order.claimed_by_id.in_(member_ids),
            *done_between(start, end),
            Order.score >= 4,
            Order.rating_comment.is_not(None),
            sa.func.length(sa.func.trim(Order.rating_comment)) > 0,
        )
        .subquery()
    )
    comments: dict[int, list[str]] = {}
    for member_id, comment in db.session.execute(
        sa.select(ranked.c.member_id, ranked.c.comment)
        .where(ranked.c.rank <= COMMENTS_PER_MEMBER)
        .order_by(ranked.c.member_id, ranked.c.rank)
    ):
        comments.setdefault(member_id, []).append(scrub(comment))
    return comments


def scrub(comment: str) -> str:
    """A comment fit for an employer: numbers masked, one line, at most 60 characters."""
    text = DIGIT_RUN.sub("****", " ".join(comment.split()))
    return text if len(text) <= COMMENT_LENGTH else text[: COMMENT_LENGTH - 1] + "…"


def completed_orders(member_id: int, start: date, end: date, limit: int = 500) -> list[Order]:
    """One member's completed orders of the period, newest first."""
    return list(
        db.session.scalars(
            sa.select(Order)
            .where(Order.claimed_by_id == member_id, *done_between(start, end))
            .order_by(Order.completed_at.desc(), Order.id.desc())
            .limit(limit)
        ).unique()
    )
