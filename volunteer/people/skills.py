"""Keeping the skill-gram index in step with members' skill tags."""

import sqlalchemy as sa

from volunteer.extensions import db
from volunteer.people.grams import grams
from volunteer.people.models import SkillGram


def index_skills(member) -> None:
    """Replace the member's grams with those of their current tags (call after a change)."""
    db.session.execute(sa.delete(SkillGram).where(SkillGram.member_id == member.id))
    found = set().union(*(grams(tag) for tag in member.skills or ())) if member.skills else set()
    db.session.add_all(
        SkillGram(member_id=member.id, gram=gram[:40], community_id=member.community_id)
        for gram in sorted(found)
    )
