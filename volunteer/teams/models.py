"""The "8+N" volunteer teams of a community and who serves in them."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model

CATEGORIES = (
    "policy",
    "patrol",
    "mediation",
    "eldercare",
    "repair",
    "environment",
    "legal",
    "health",
    "other",
)

# The eight standard teams every community gets: key (also the category served) and name.
STANDARD_TEAMS = (
    ("policy", "政策宣讲服务队"),
    ("patrol", "义务联防服务队"),
    ("mediation", "民事调解服务队"),
    ("eldercare", "居家养老服务队"),
    ("repair", "家电维修服务队"),
    ("environment", "环境整治服务队"),
    ("legal", "法律咨询服务队"),
    ("health", "医疗保健服务队"),
)


class TeamKind(StrEnum):
    """One of the eight standard teams every community has, or an "N" team of its own."""

    STANDARD = "standard"
    CUSTOM = "custom"


class TeamStatus(Labelled):
    PROPOSED = "proposed"
    ACTIVE = "active"
    REJECTED = "rejected"


TeamStatus.__labels__ = {
    TeamStatus.PROPOSED: _l("awaiting approval"),
    TeamStatus.ACTIVE: _l("in service"),
    TeamStatus.REJECTED: _l("not approved"),
}

TEAM_STATUSES = tuple(TeamStatus)


class TeamMembership(Model):
    """A member's post in a team (认领岗位)."""

    __tablename__ = "team_memberships"

    team_id: Mapped[int] = mapped_column(
        sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class Team(Model):
    """A 服务队: one of the eight standard teams or a custom "N" team proposed by a member."""

    __tablename__ = "teams"
    __table_args__ = (
        sa.UniqueConstraint("community_id", "name"),
        sa.Index("ix_teams_community_status", "community_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    kind: Mapped[TeamKind] = mapped_column(enum_column(TeamKind, 10))
    key: Mapped[str | None] = mapped_column(sa.String(20))
    name: Mapped[str] = mapped_column(sa.String(60))
    description: Mapped[str] = mapped_column(sa.String(500), default="")
    categories: Mapped[list] = mapped_column(sa.JSON, default=list)
    status: Mapped[TeamStatus] = mapped_column(
        enum_column(TeamStatus, 10), default=TeamStatus.ACTIVE
    )
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("members.id"))
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    community = relationship("Community", lazy="joined")
    members = relationship("Member", secondary="team_memberships", back_populates="teams")
