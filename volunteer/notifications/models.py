"""In-app notifications, follow-up (回访) items, and the e-mail outbox."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, column_property, mapped_column

from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model


class Delivery(Labelled):
    """An e-mail's state in the outbox."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


# As the employer reads it.
Delivery.__labels__ = {
    Delivery.QUEUED: _l("waiting to be sent"),
    Delivery.SENDING: _l("being sent"),
    Delivery.SENT: _l("delivered to the mail server"),
    Delivery.FAILED: _l("could not be delivered"),
}


class Outcome(Labelled):
    """What the call-back (回访) after a low rating found."""

    RESOLVED = "resolved"
    REWORK = "rework"
    UNREACHABLE = "unreachable"


Outcome.__labels__ = {
    Outcome.RESOLVED: _l("explained, nothing more to do"),
    Outcome.REWORK: _l("to be redone"),
    Outcome.UNREACHABLE: _l("could not be reached"),
}


class Notification(Model):
    """Something that concerns one person, shown in the app."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.Index("ix_notifications_user", "user_id", "id"),
        # The bell on every page: one COUNT of the unread, answered from this index.
        sa.Index("ix_notifications_user_read", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(sa.String(30))
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"))
    message: Mapped[str] = mapped_column(sa.String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


# How many of the user's notifications are unread (the bell, `/me`): loaded only when read.
User.unread_notifications = column_property(
    sa.select(sa.func.count(Notification.id))
    .where(Notification.user_id == User.id, Notification.read_at.is_(None))
    .correlate_except(Notification)
    .scalar_subquery(),
    deferred=True,
)


class FollowUp(Model):
    """A 回访 item for the secretary after a low rating (score 2 or less); an order that was
    redone and rated low again gets another."""

    __tablename__ = "follow_ups"
    __table_args__ = (sa.Index("ix_follow_ups_community_done", "community_id", "done_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    outcome: Mapped[Outcome | None] = mapped_column(enum_column(Outcome, 12))
    note: Mapped[str | None] = mapped_column(sa.String(1000))


class OutboxMessage(Model):
    """An e-mail queued in the same transaction as the change it reports; sent after commit.

    `status` goes queued → sending (claimed by one outbox run) → sent, or back to queued
    with a later `next_attempt_at` when the server is unreachable, or failed at last.
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (sa.Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    attachments: Mapped[list] = mapped_column(sa.JSON, default=list)
    status: Mapped[Delivery] = mapped_column(enum_column(Delivery, 10), default=Delivery.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.String(500))
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What the message is about, so that a report can show each address's delivery state.
    subject_type: Mapped[str | None] = mapped_column(sa.String(20))
    subject_id: Mapped[int | None]
