"""Party members who reported in (报到) to the community where they live, and the index of
their skill tags."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model


class MemberType(Labelled):
    """A party member in service (with an employer) or of the community; or a resident
    volunteer (居民志愿者), who is no party member and takes pool orders only."""

    IN_SERVICE = "in_service"
    COMMUNITY = "community"
    VOLUNTEER = "volunteer"


MemberType.__labels__ = {
    MemberType.IN_SERVICE: _l("in-service member"),
    MemberType.COMMUNITY: _l("community member"),
    MemberType.VOLUNTEER: _l("resident volunteer"),
}


class MemberStatus(Labelled):
    """A report-in: waiting for the secretary, confirmed, or ended by a transfer."""

    PENDING = "pending"
    ACTIVE = "active"
    LEFT = "left"


MemberStatus.__labels__ = {
    MemberStatus.PENDING: _l("pending confirmation"),
    MemberStatus.ACTIVE: _l("reported in"),
    MemberStatus.LEFT: _l("transferred out"),
}

# What a party member reports in as (a resident volunteer applies through /volunteers).
MEMBER_TYPES = (MemberType.IN_SERVICE, MemberType.COMMUNITY)
MEMBER_STATUSES = tuple(MemberStatus)


class Member(Model):
    """A member's report-in: community, employer, skills, and the consent to share the record.

    The consent to share the service record with the employer is separate from the report-in
    (PIPL art. 23): its text version and time are kept, and withdrawing it stops future sharing.
    """

    __tablename__ = "members"
    # Covering: a street's statistics read its active members' ids and types from the index
    # alone (migration 0028).
    __table_args__ = (
        sa.Index("ix_members_community_status", "community_id", "status", "id", "member_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    member_type: Mapped[MemberType] = mapped_column(enum_column(MemberType, 20))
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employers.id"), index=True)
    phone: Mapped[str] = mapped_column(sa.String(20))
    grid: Mapped[str | None] = mapped_column(sa.String(40))
    grid_id: Mapped[int | None] = mapped_column(sa.ForeignKey("grids.id"))
    # The grid's 党建指导员 (Grid.guide): at most one member of a grid.
    grid_guide: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    status: Mapped[MemberStatus] = mapped_column(
        enum_column(MemberStatus, 10), default=MemberStatus.PENDING
    )
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    left_at: Mapped[datetime | None]
    consent_employer_feedback: Mapped[bool] = mapped_column(default=False)
    consent_version: Mapped[str | None] = mapped_column(sa.String(20))
    consent_at: Mapped[datetime | None]
    consent_withdrawn_at: Mapped[datetime | None]
    # May the phone be printed on the contact card of a household paired with this person?
    consent_contact: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    user = relationship("User", back_populates="member", foreign_keys=[user_id], lazy="joined")
    community = relationship("Community", lazy="joined")
    employer = relationship("Employer")
    teams = relationship("Team", secondary="team_memberships", back_populates="members")

    @property
    def is_active(self) -> bool:
        """Reported in and confirmed (not pending, not transferred out)."""
        return self.status == MemberStatus.ACTIVE

    @property
    def is_volunteer(self) -> bool:
        """A resident volunteer (居民志愿者), not a party member."""
        return self.member_type == MemberType.VOLUNTEER

    @property
    def display_name(self) -> str:
        return self.user.display_name


class SkillGram(Model):
    """One character bigram (or Latin word) of one of a member's skill tags.

    Lets the database find the members whose skills touch an order's text through an
    index, instead of loading every member's tags into Python.
    """

    __tablename__ = "skill_grams"
    __table_args__ = (sa.Index("ix_skill_grams_community_gram", "community_id", "gram"),)

    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    gram: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))


class EmployerRequest(Model):
    """An employer a member named at the report-in because it was not listed: it waits on the
    street admin's desk until it is added (and given to the member's report-in)."""

    __tablename__ = "employer_requests"
    __table_args__ = (sa.Index("ix_employer_requests_street_done", "street_id", "done_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id", ondelete="CASCADE"))
    street_id: Mapped[int] = mapped_column(sa.ForeignKey("streets.id"))
    name: Mapped[str] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    employer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("employers.id"))
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    member = relationship("Member", lazy="joined")
    employer = relationship("Employer")
