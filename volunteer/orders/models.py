"""Orders (工单), their append-only timeline, auto-dispatch rules, photos and idempotent
creation."""

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import enum_column
from volunteer.extensions import Model
from volunteer.orders.states import OPEN, Action, CloseReason, Kind, OrderStatus, Urgency

KINDS = tuple(Kind)
URGENCIES = tuple(Urgency)
HALF_DAYS = ("am", "pm")  # 预约服务: 上午, 下午
CLOSE_REASONS = tuple(CloseReason)


def past_due(due_at: datetime | None, status: OrderStatus) -> bool:
    """An order's due time has passed and the service is not done (`Order.overdue`)."""
    return due_at is not None and status in OPEN and due_at < utcnow()


class Order(Model):
    """A micro-wish (微心愿) or service need (服务需求) and where it is in its life.

    `version` guards every change: an UPDATE carries the version it read, so of two
    concurrent changes (two members claiming at once) exactly one is written.
    """

    __tablename__ = "orders"
    __table_args__ = (
        # A community's orders by status, and (statistics, overdue boards) its open orders
        # past due, read from the index alone.
        sa.Index(
            "ix_orders_community_status_due", "community_id", "status", "due_at", "created_at"
        ),
        # A community's newest orders, a page at a time, without sorting its whole history.
        sa.Index("ix_orders_community_id", "community_id", "id"),
        sa.Index("ix_orders_status_due", "status", "due_at"),
        sa.Index("ix_orders_status_completed", "status", "completed_at"),
        sa.Index("ix_orders_team_status", "dispatch_team_id", "status"),
        sa.Index("ix_orders_member_status", "dispatch_member_id", "status"),
        sa.Index(
            "ix_orders_claimed_by_status_completed", "claimed_by_id", "status", "completed_at"
        ),
        sa.Index("ix_orders_owner", "owner_id", "created_at"),
        # What a secretary posted for residents (代办): newest first, a list's first page of
        # them without reading them all (orders/access.py: first_visible), and which of them
        # lie outside the communities they manage (stats/totals.py), from the index alone.
        sa.Index("ix_orders_proxy_by_id", "proxy_by_id", "id", "community_id"),
        # The resident's orders waiting for their rating (the bell's count on every page):
        # without it SQLite reads every completed order of the district by status.
        sa.Index("ix_orders_owner_status", "owner_id", "status"),
        sa.Index("ix_orders_grid", "grid_id", "created_at"),
        sa.Index("ix_orders_closed_erased", "closed_at", "contact_erased_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[Kind] = mapped_column(enum_column(Kind, 10))
    title: Mapped[str] = mapped_column(sa.String(60))
    description: Mapped[str] = mapped_column(sa.String(2000))
    category: Mapped[str] = mapped_column(sa.String(20))
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    # The grid (网格) it was filed in, and that grid's name at the time (the statistics'
    # group).
    grid_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grids.id"))
    grid: Mapped[str | None] = mapped_column(sa.String(40))
    urgency: Mapped[Urgency] = mapped_column(enum_column(Urgency, 10), default=Urgency.NORMAL)
    preferred_time: Mapped[str | None] = mapped_column(sa.String(100))
    # Private contact data (masked for most viewers, erased after the retention period).
    contact_name: Mapped[str | None] = mapped_column(sa.String(60))
    address: Mapped[str | None] = mapped_column(sa.String(200))
    contact_phone: Mapped[str | None] = mapped_column(sa.String(20))
    contact_erased_at: Mapped[datetime | None]
    # The resident who ordered, or for 代办 the secretary who posted for a named resident.
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    proxy_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # 首问负责: the grid worker who filed it follows it to the end (notified at every step).
    first_contact_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    status: Mapped[OrderStatus] = mapped_column(
        enum_column(OrderStatus, 12), default=OrderStatus.SUBMITTED
    )
    close_reason: Mapped[CloseReason | None] = mapped_column(enum_column(CloseReason, 12))
    # Dispatch: an offer to a team, to one member, or to the community's pool.
    dispatch_team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    dispatch_member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"))
    dispatch_pool: Mapped[bool] = mapped_column(default=False)
    dispatched_at: Mapped[datetime | None]
    claim_due_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"))

    claimed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"))
    claimed_at: Mapped[datetime | None]
    completion_note: Mapped[str | None] = mapped_column(sa.String(1000))
    completion_hours: Mapped[Decimal | None] = mapped_column(sa.Numeric(3, 1))
    completed_at: Mapped[datetime | None]
    score: Mapped[int | None]
    rating_comment: Mapped[str | None] = mapped_column(sa.String(500))
    rated_at: Mapped[datetime | None]
    # The first rating's score, kept through a rework (一次满意率), and how often the order
    # was sent back after a follow-up (回访 → 重办).
    first_score: Mapped[int | None]
    rework_count: Mapped[int] = mapped_column(default=0, server_default="0")
    closed_at: Mapped[datetime | None]

    # Scheduled work done once per dispatch or claim (reset when those happen again).
    claim_reminded_at: Mapped[datetime | None]
    due_reminded_at: Mapped[datetime | None]
    supervised_at: Mapped[datetime | None]
    street_supervised_at: Mapped[datetime | None]

    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __mapper_args__ = {"version_id_col": version}

    community = relationship("Community", lazy="joined")
    # Loaded when used: eager chains (owner → grants → member → …) cost more than they save.
    owner = relationship("User", foreign_keys=[owner_id])
    first_contact = relationship("User", foreign_keys=[first_contact_id])
    claimed_by = relationship("Member", foreign_keys=[claimed_by_id])
    events: Mapped[list["OrderEvent"]] = relationship(
        back_populates="order", order_by="OrderEvent.id", lazy="select"
    )
    photos: Mapped[list["OrderPhoto"]] = relationship(
        back_populates="order", order_by="OrderPhoto.id", lazy="selectin"
    )
    # 预约服务 (orders/appointments.py): the half-day asked for, the claimer's confirmation or
    # counter-proposal, and what the appointment-reminders job has done.
    appointment_date: Mapped[date | None] = mapped_column(sa.Date)
    appointment_half_day: Mapped[str | None] = mapped_column(sa.String(2))
    appointment_confirmed_at: Mapped[datetime | None]
    appointment_proposed_date: Mapped[date | None] = mapped_column(sa.Date)
    appointment_proposed_half_day: Mapped[str | None] = mapped_column(sa.String(2))
    appointment_reminded_at: Mapped[datetime | None]
    appointment_missed_at: Mapped[datetime | None]
    # Read only for one order's page (lists never show them): loaded when first touched.
    voice_notes: Mapped[list["OrderVoiceNote"]] = relationship(
        back_populates="order", order_by="OrderVoiceNote.id", lazy="select"
    )

    @hybrid_property
    def overdue(self) -> bool:
        """Computed, never stored: a due time has passed and the service is not done."""
        return past_due(self.due_at, self.status)

    @overdue.inplace.expression
    @classmethod
    def _overdue_expression(cls) -> sa.ColumnElement[bool]:
        """The same in SQL (never NULL, so that it can be negated)."""
        return sa.and_(cls.due_at.is_not(None), cls.due_at < utcnow(), cls.status.in_(list(OPEN)))


class OrderEvent(Model):
    """One step of an order's timeline (全程跟踪) and audit trail; never edited or deleted."""

    __tablename__ = "order_events"
    __table_args__ = (sa.Index("ix_order_events_order", "order_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    action: Mapped[Action] = mapped_column(enum_column(Action, 20))
    from_status: Mapped[OrderStatus | None] = mapped_column(enum_column(OrderStatus, 12))
    to_status: Mapped[OrderStatus] = mapped_column(enum_column(OrderStatus, 12))
    note: Mapped[str | None] = mapped_column(sa.String(1000))

    order: Mapped[Order] = relationship(back_populates="events")
    actor = relationship("User", lazy="joined")


class DispatchRule(Model):
    """Auto-dispatch: new orders of a category in a community go straight to a team."""

    __tablename__ = "dispatch_rules"
    __table_args__ = (sa.UniqueConstraint("community_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    category: Mapped[str] = mapped_column(sa.String(20))
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))


class OrderPhoto(Model):
    """A photo of the need (by the resident) or of the finished work (by the claimer)."""

    __tablename__ = "order_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    stage: Mapped[str] = mapped_column(sa.String(12))  # "order" or "completion"
    storage_key: Mapped[str] = mapped_column(sa.String(100), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(20))
    size: Mapped[int]
    width: Mapped[int]
    height: Mapped[int]
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="photos")


class OrderVoiceNote(Model):
    """A spoken note of the need (文字·语音·图片): by the resident, or by whoever filed the
    order for them; the audio as recorded, its length read from the stream."""

    __tablename__ = "order_voice_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    storage_key: Mapped[str] = mapped_column(sa.String(100), unique=True)
    content_type: Mapped[str] = mapped_column(sa.String(20))
    size: Mapped[int]
    seconds: Mapped[float] = mapped_column(sa.Float)
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    order: Mapped[Order] = relationship(back_populates="voice_notes")


class IdempotencyKey(Model):
    """The first response to POST /orders with an Idempotency-Key, replayed for 24 hours."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(sa.String(100))
    # SHA-256 of the canonical request body: the same key with another body is refused.
    fingerprint: Mapped[str | None] = mapped_column(sa.String(64))
    status_code: Mapped[int]
    body: Mapped[dict] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class OrderFollower(Model):
    """A resident who follows someone else's order (关注): the one whose duplicate was merged
    into it, or a neighbour who chose to follow instead of posting the same request again.
    A follower gets the order's notifications and sees it with the contact data masked."""

    __tablename__ = "order_followers"
    __table_args__ = (sa.Index("ix_order_followers_user", "user_id", "created_at"),)

    order_id: Mapped[int] = mapped_column(
        sa.ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    # The follower's own order that was merged into this one, if that is how they came.
    merged_order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
