"""A certificate as issued: the figures are frozen at issue, so it verifies as printed."""

import secrets
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.extensions import Model

# No 0/O, 1/I/L: read aloud and typed from paper without confusion.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class Certificate(Model):
    """A 志愿服务证明 of one member for one period, issued by the member's community."""

    __tablename__ = "certificates"
    __table_args__ = (sa.UniqueConstraint("community_id", "year", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"), index=True)
    # The issuer: the community that recorded the service.
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    year: Mapped[int]
    sequence: Mapped[int]
    number: Mapped[str] = mapped_column(sa.String(30), unique=True)
    verification_code: Mapped[str] = mapped_column(sa.String(16), default=new_code)
    period_start: Mapped[date]
    period_end: Mapped[date]
    display_name: Mapped[str] = mapped_column(sa.String(60))
    issuer: Mapped[str] = mapped_column(sa.String(100))
    orders_completed: Mapped[int]
    order_hours: Mapped[float]
    activities: Mapped[int]
    activity_hours: Mapped[float]
    issued_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    revoke_reason: Mapped[str | None] = mapped_column(sa.String(200))

    member = relationship("Member", lazy="joined")

    @property
    def hours(self) -> float:
        return round(self.order_hours + self.activity_hours, 1)
