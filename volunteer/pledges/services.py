"""承诺 · 践诺 · 评诺: publish a pledge, mark it fulfilled, rate it."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.organisations.models import Community
from volunteer.pledges.models import Pledge, PledgeRating, PledgeStatus
from volunteer.satisfaction import Satisfaction
from volunteer.teams.models import Team


def publish_pledge(actor: Actor, *, text: str, team_id: int | None = None, due_on=None) -> Pledge:
    """A member's own pledge, or (secretary) a team's."""
    if team_id is not None:
        team = db.session.get(Team, team_id)
        if team is None:
            raise Invalid("team_id", _l("No such team."))
        if not (actor.is_admin or team.community_id in actor.secretary_of):
            raise Forbidden(_l("Only the community's secretary publishes a team's pledge."))
        pledge = Pledge(community_id=team.community_id, team_id=team.id, text=text)
    else:
        member = actor.active_member
        if member is None:
            raise Forbidden(_l("Only active members publish their own pledges."))
        pledge = Pledge(community_id=member.community_id, member_id=member.id, text=text)
    pledge.due_on = due_on
    pledge.created_by_id = actor.id
    db.session.add(pledge)
    db.session.flush()
    return pledge


def access_pledge(pledge_id: int) -> Pledge:
    """Pledges are public: any existing one is in everyone's scope."""
    pledge = db.session.get(Pledge, pledge_id)
    if pledge is None:
        raise NotFound(_l("No such pledge."))
    return pledge


def fulfil_pledge(actor: Actor, pledge_id: int, *, note: str) -> Pledge:
    """践诺: the pledging member or the community's secretary marks it fulfilled."""
    pledge = access_pledge(pledge_id)
    own = pledge.member is not None and pledge.member.user_id == actor.id
    if not (own or actor.is_admin or pledge.community_id in actor.secretary_of):
        raise Forbidden(_l("Only the one who pledged, or the secretary, may do this."))
    fulfilled = (
        sa.update(Pledge)
        .where(Pledge.id == pledge.id, Pledge.status == PledgeStatus.OPEN)
        .values(status=PledgeStatus.FULFILLED, note=note, fulfilled_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if db.session.execute(fulfilled).rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE's
        raise Conflict(_l("This pledge is already fulfilled."))
    db.session.refresh(pledge)
    return pledge


def lives_in(actor: Actor, community_id: int) -> bool:
    grants = {g.community_id for g in actor.grants_of(Role.RESIDENT)}
    return community_id in grants or actor.community_id == community_id


def rate_pledge(actor: Actor, pledge_id: int, *, satisfaction: str) -> PledgeRating:
    """评诺: a resident of the community rates a pledge once."""
    pledge = access_pledge(pledge_id)
    if not lives_in(actor, pledge.community_id):
        raise Forbidden(_l("Only the community's residents rate its pledges."))
    if pledge.member is not None and pledge.member.user_id == actor.id:
        raise Forbidden(_l("You cannot rate your own pledge."))
    given = sa.select(PledgeRating.id).where(
        PledgeRating.pledge_id == pledge.id, PledgeRating.user_id == actor.id
    )
    if db.session.scalar(given) is not None:
        raise Conflict(_l("You have already rated this pledge."))
    rating = PledgeRating(
        pledge_id=pledge.id, user_id=actor.id, satisfaction=Satisfaction(satisfaction)
    )
    db.session.add(rating)
    db.session.flush()
    db.session.expire(pledge, ["ratings"])
    return rating


def community_pledges(community_id: int) -> sa.Select:
    """A community's pledges, open ones first, newest first."""
    if db.session.get(Community, community_id) is None:
        raise NotFound(_l("No such community."))
    return (
        sa.select(Pledge)
        .where(Pledge.community_id == community_id)
        .order_by(Pledge.status, Pledge.id.desc())
    )


def pledges_of_member(member_id: int) -> list[Pledge]:
    return list(
        db.session.scalars(
            sa.select(Pledge).where(Pledge.member_id == member_id).order_by(Pledge.id.desc())
        )
    )
