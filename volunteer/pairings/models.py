"""A pairing of a member or resident volunteer with an elderly household, and its visits."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.extensions import Model


class Pairing(Model):
    """结对帮扶: who looks after which household, and how often they visit.

    The household's name, address and phone are private like an order's contact: only the
    secretary and the paired person see them."""

    __tablename__ = "pairings"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"), index=True)
    household_name: Mapped[str] = mapped_column(sa.String(60))
    address: Mapped[str] = mapped_column(sa.String(200))
    phone: Mapped[str] = mapped_column(sa.String(20))
    visit_every_days: Mapped[int]
    # Visits are counted in periods of `visit_every_days` from this day (period 0 = today).
    starts_on: Mapped[date] = mapped_column(sa.Date)
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))

    member = relationship("Member", lazy="joined")
    community = relationship("Community", lazy="joined")
    visits: Mapped[list["PairingVisit"]] = relationship(
        back_populates="pairing", order_by="PairingVisit.period", lazy="select"
    )


class PairingVisit(Model):
    """The visit order of one period: at most one per pairing and period, however often the
    job runs (the unique key decides between concurrent runs)."""

    __tablename__ = "pairing_visits"
    __table_args__ = (sa.UniqueConstraint("pairing_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(sa.ForeignKey("pairings.id"))
    period: Mapped[int]
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    pairing: Mapped[Pairing] = relationship(back_populates="visits")
    order = relationship("Order")
