"""Activities, their sign-ups (which carry the attendance and the hours), and the corrections
of hours the secretary made, each with its reason."""

import secrets
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model


class ActivityStatus(Labelled):
    """Open for sign-up and attendance until the secretary closes it (hours are then fixed)."""

    OPEN = "open"
    CLOSED = "closed"


ActivityStatus.__labels__ = {
    ActivityStatus.OPEN: _l("open for sign-up"),
    ActivityStatus.CLOSED: _l("closed"),
}


def new_salt() -> str:
    return secrets.token_hex(16)


class Activity(Model):
    """An activity of one community with a capacity; `signed_up` counts its sign-ups and is
    only ever changed by one conditional UPDATE, so that it never passes the capacity."""

    __tablename__ = "activities"
    __table_args__ = (sa.Index("ix_activities_community_starts", "community_id", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    title: Mapped[str] = mapped_column(sa.String(100))
    description: Mapped[str] = mapped_column(sa.String(2000), default="")
    place: Mapped[str] = mapped_column(sa.String(100))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    capacity: Mapped[int]
    signed_up: Mapped[int] = mapped_column(default=0)
    status: Mapped[ActivityStatus] = mapped_column(
        enum_column(ActivityStatus, 10), default=ActivityStatus.OPEN
    )
    # Mixed into the check-in codes: a code of one activity says nothing of another's.
    code_salt: Mapped[str] = mapped_column(sa.String(32), default=new_salt)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    reminded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    community = relationship("Community", lazy="joined")

    @property
    def length_hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


class Signup(Model):
    """A member's place in an activity, with the attendance: checked in and out, and the hours
    fixed when the activity closed (perhaps corrected since)."""

    __tablename__ = "activity_signups"
    __table_args__ = (
        sa.UniqueConstraint("activity_id", "member_id"),
        sa.Index("ix_activity_signups_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(sa.ForeignKey("activities.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Added by the secretary at the roll call rather than signed up by the member.
    by_roll_call: Mapped[bool] = mapped_column(default=False)
    checked_in_at: Mapped[datetime | None]
    checked_out_at: Mapped[datetime | None]
    hours: Mapped[Decimal | None] = mapped_column(sa.Numeric(3, 1))

    activity = relationship("Activity", lazy="joined")
    member = relationship("Member", lazy="joined")


class HourCorrection(Model):
    """The secretary changed an attendee's hours after the close; the reason is kept."""

    __tablename__ = "activity_hour_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    signup_id: Mapped[int] = mapped_column(
        sa.ForeignKey("activity_signups.id", ondelete="CASCADE"), index=True
    )
    hours_before: Mapped[Decimal | None] = mapped_column(sa.Numeric(3, 1))
    hours_after: Mapped[Decimal] = mapped_column(sa.Numeric(3, 1))
    reason: Mapped[str] = mapped_column(sa.String(200))
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
