"""What matching needs indexed: members' skill grams and the auto-dispatch rules."""

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from volunteer.extensions import db


class SkillGram(db.Model):
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


class DispatchRule(db.Model):
    """Auto-dispatch: new orders of a category in a community go straight to a team."""

    __tablename__ = "dispatch_rules"
    __table_args__ = (sa.UniqueConstraint("community_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(sa.ForeignKey("communities.id"))
    category: Mapped[str] = mapped_column(sa.String(20))
    team_id: Mapped[int] = mapped_column(sa.ForeignKey("teams.id"))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
