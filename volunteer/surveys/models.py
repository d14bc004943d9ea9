"""Samples and their items, contact views, review windows and their responses."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model
from volunteer.satisfaction import Satisfaction


class ItemStatus(Labelled):
    """A sampled order waits for the call (open) until the surveyor records it (answered)."""

    OPEN = "open"
    ANSWERED = "answered"


ItemStatus.__labels__ = {ItemStatus.OPEN: _l("to call"), ItemStatus.ANSWERED: _l("called")}


class Sample(Model):
    """One street's random sample of the orders closed in one month (第三方抽样).

    `population` keeps the ids the draw chose from, per community, and `seed` the random
    seed: with `rate` and `minimum` anyone can repeat the draw (surveys/sampling.py)."""

    __tablename__ = "samples"
    __table_args__ = (sa.UniqueConstraint("street_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    street_id: Mapped[int] = mapped_column(sa.ForeignKey("streets.id"))
    month: Mapped[str] = mapped_column(sa.String(7))
    seed: Mapped[str] = mapped_column(sa.String(64))
    rate: Mapped[float] = mapped_column(sa.Float)
    minimum: Mapped[int]
    population: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list["SampleItem"]] = relationship(
        back_populates="sample", order_by="SampleItem.id", lazy="selectin"
    )


class SampleItem(Model):
    """One sampled order and what the call-back found."""

    __tablename__ = "sample_items"
    __table_args__ = (sa.UniqueConstraint("sample_id", "order_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(sa.ForeignKey("samples.id"), index=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    status: Mapped[ItemStatus] = mapped_column(enum_column(ItemStatus, 10), default=ItemStatus.OPEN)
    reached: Mapped[bool | None]
    resolved: Mapped[bool | None]
    satisfaction: Mapped[Satisfaction | None] = mapped_column(enum_column(Satisfaction, 20))
    comment: Mapped[str | None] = mapped_column(sa.String(500))
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    follow_up_id: Mapped[int | None] = mapped_column(sa.ForeignKey("follow_ups.id"))
    sample: Mapped[Sample] = relationship(back_populates="items")


class ContactView(Model):
    """A surveyor saw a resident's name and phone (every view is logged)."""

    __tablename__ = "contact_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("sample_items.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewWindow(Model):
    """A periodic review (定期评议): while it is open each resident of the street may rate
    their community's service once."""

    __tablename__ = "review_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    street_id: Mapped[int] = mapped_column(sa.ForeignKey("streets.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(100))
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at


class ReviewResponse(Model):
    """One resident's rating of their community in one review window."""

    __tablename__ = "review_responses"
    __table_args__ = (sa.UniqueConstraint("window_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    window_id: Mapped[int] = mapped_column(sa.ForeignKey("review_windows.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    satisfaction: Mapped[Satisfaction] = mapped_column(enum_column(Satisfaction, 20))
    comment: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
