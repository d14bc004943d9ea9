"""Streets, their communities, and the employers whose members report in."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.extensions import Model


class Street(Model):
    """A 街道: the region a community escalates to."""

    __tablename__ = "streets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60), unique=True)
    # Retired (false): no longer offered as a choice; its history stays.
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    communities: Mapped[list["Community"]] = relationship(back_populates="street")


class Community(Model):
    """A 社区 in one street, with its party branch, its grids and its 8+N teams."""

    __tablename__ = "communities"
    __table_args__ = (sa.UniqueConstraint("street_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    street_id: Mapped[int] = mapped_column(sa.ForeignKey("streets.id"), index=True)
    # Retired (false): residents no longer register here, nor members report in; its
    # orders, members and figures stay.
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    street: Mapped[Street] = relationship(back_populates="communities", lazy="joined")
    grid_records: Mapped[list["Grid"]] = relationship(
        back_populates="community", order_by="Grid.id", lazy="select"
    )

    @property
    def grids(self) -> list[str]:
        """The names of the community's grids in use, in the order they were added."""
        return [grid.name for grid in self.grid_records if grid.active]


class Grid(Model):
    """A 网格 of a community: the buildings its grid workers (网格员) walk, with an optional
    description of its boundary and its 党建指导员 (a member of the grid marked as its guide).

    Orders and members carry the grid's id; orders also keep the name they were filed under
    (`Order.grid`), which the statistics group by."""

    __tablename__ = "grids"
    __table_args__ = (sa.UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(40))
    boundary: Mapped[str | None] = mapped_column(sa.String(200))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    community: Mapped[Community] = relationship(back_populates="grid_records")
    # Its 党建指导员: the member of the grid marked as its guide (people/models.py).
    guide = relationship(
        "Member",
        primaryjoin="and_(Member.grid_id == Grid.id, Member.grid_guide.is_(True))",
        foreign_keys="Member.grid_id",
        viewonly=True,
        uselist=False,
    )

    @property
    def guide_member_id(self) -> int | None:
        return self.guide.id if self.guide is not None else None


class Employer(Model):
    """A work unit (单位) whose party organisation receives its members' feedback reports."""

    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    party_org_name: Mapped[str] = mapped_column(sa.String(100))
    report_emails: Mapped[list] = mapped_column(sa.JSON, default=list)
    # Retired (false): no longer chosen at report-in, drafted for or granted; its members
    # and reports stay.
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
