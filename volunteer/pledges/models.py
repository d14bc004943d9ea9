"""Pledges and the residents' ratings of them."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model
from volunteer.satisfaction import Satisfaction


class PledgeStatus(Labelled):
    """承诺 (open) until 践诺 (fulfilled)."""

    OPEN = "open"
    FULFILLED = "fulfilled"


PledgeStatus.__labels__ = {
    PledgeStatus.OPEN: _l("pledged"),
    PledgeStatus.FULFILLED: _l("fulfilled"),
}


class Pledge(Model):
    """A member's own pledge, or a team's (published by the secretary)."""

    __tablename__ = "pledges"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"))
    text: Mapped[str] = mapped_column(sa.String(200))
    due_on: Mapped[date | None]
    status: Mapped[PledgeStatus] = mapped_column(
        enum_column(PledgeStatus, 10), default=PledgeStatus.OPEN
    )
    note: Mapped[str | None] = mapped_column(sa.String(500))
    fulfilled_at: Mapped[datetime | None]
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    ratings: Mapped[list["PledgeRating"]] = relationship(lazy="selectin")
    member = relationship("Member", lazy="joined")
    team = relationship("Team", lazy="joined")

    def counts(self) -> dict[str, int]:
        """How many residents gave each satisfaction word (评诺)."""
        found = {str(word): 0 for word in Satisfaction}
        for rating in self.ratings:
            found[str(rating.satisfaction)] += 1
        return found


class PledgeRating(Model):
    """One resident's rating of a pledge (评诺): one per resident and pledge."""

    __tablename__ = "pledge_ratings"
    __table_args__ = (sa.UniqueConstraint("pledge_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(sa.ForeignKey("pledges.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    satisfaction: Mapped[Satisfaction] = mapped_column(enum_column(Satisfaction, 20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
