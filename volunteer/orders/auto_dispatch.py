"""Auto-dispatch: a secretary maps a category to a team; new orders in it go straight there."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.errors import Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.orders.models import DispatchRule
from volunteer.orders.triage import offer
from volunteer.teams.models import Team, TeamStatus
from volunteer.teams.services import active_member_counts


def require_manager(actor: Actor, community) -> None:
    if not manages_community(actor, community):
        raise Forbidden(_l("Only the community's secretary sets auto-dispatch."))


def rules_of(actor: Actor, community) -> list[DispatchRule]:
    require_manager(actor, community)
    return list(
        db.session.scalars(
            sa.select(DispatchRule)
            .where(DispatchRule.community_id == community.id)
            .order_by(DispatchRule.category)
        )
    )


def set_rule(actor: Actor, community, category: str, *, team_id: int) -> DispatchRule:
    """Map `category` to one of the community's active teams (replacing any earlier rule)."""
    require_manager(actor, community)
    team = db.session.get(Team, team_id)
    if team is None or team.community_id != community.id or team.status != TeamStatus.ACTIVE:
        raise Invalid("team_id", _l("Not an active team of this community."))
    rule = db.session.scalar(
        sa.select(DispatchRule).where(
            DispatchRule.community_id == community.id, DispatchRule.category == category
        )
    )
    if rule is None:
        rule = DispatchRule(community_id=community.id, category=category, created_by_id=actor.id)
        db.session.add(rule)
    rule.team_id = team.id
    rule.created_by_id = actor.id
    db.session.flush()
    return rule


def delete_rule(actor: Actor, community, category: str) -> None:
    require_manager(actor, community)
    deleted = db.session.execute(
        sa.delete(DispatchRule).where(
            DispatchRule.community_id == community.id, DispatchRule.category == category
        )
    )
    if deleted.rowcount == 0:  # type: ignore[attr-defined]  # a DELETE's CursorResult
        raise NotFound(_l("No auto-dispatch rule for this category."))


# Built once (building a statement costs about what running it does), run as Core: the
# rule's team is all a new order needs of it.
RULE_TEAM = sa.select(DispatchRule.__table__.c.team_id).where(
    DispatchRule.__table__.c.community_id == sa.bindparam("community_id"),
    DispatchRule.__table__.c.category == sa.bindparam("category"),
)


def rule_for(community_id: int, category: str) -> int | None:
    """The team the community's rule for the category names, if it has one."""
    return db.session.connection().scalar(
        RULE_TEAM, {"community_id": community_id, "category": category}
    )


def auto_dispatch(order, team_id: int | None) -> bool:
    """Dispatch a new order to the team its community's rule names (`rule_for`, read before
    the order was written), as the system; an order whose mapped team has nobody active
    stays with the secretary."""
    if team_id is None:
        return False
    team = db.session.get(Team, team_id)
    if team.status != TeamStatus.ACTIVE or not active_member_counts([team.id]).get(team.id):  # type: ignore[union-attr]
        return False
    offer(order, None, team=team)
    return True
