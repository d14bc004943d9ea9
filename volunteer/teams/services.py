"""The 8+N teams: standard ones with every community, custom ones proposed and decided."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community, sees_community
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, NotFound
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.people.models import Member, MemberStatus
from volunteer.teams.models import STANDARD_TEAMS, Team, TeamKind, TeamMembership, TeamStatus


def create_standard_teams(community) -> list[Team]:
    """The eight standard teams, each serving the category of its key."""
    teams = [
        Team(
            community_id=community.id,
            kind=TeamKind.STANDARD,
            key=key,
            name=name,
            categories=[key],
            status=TeamStatus.ACTIVE,
        )
        for key, name in STANDARD_TEAMS
    ]
    db.session.add_all(teams)
    db.session.flush()
    return teams


def member_counts(team_ids) -> dict[int, int]:
    """Members per team, counted in one query."""
    rows = db.session.execute(
        sa.select(TeamMembership.team_id, sa.func.count())
        .where(TeamMembership.team_id.in_(team_ids))
        .group_by(TeamMembership.team_id)
    )
    return dict(rows.all())


def active_member_counts(team_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        sa.select(TeamMembership.team_id, sa.func.count())
        .join(Member, Member.id == TeamMembership.member_id)
        .where(TeamMembership.team_id.in_(team_ids), Member.status == MemberStatus.ACTIVE)
        .group_by(TeamMembership.team_id)
    )
    return dict(rows.all())


def proposers_of(teams) -> dict[int, str]:
    """The name of the member who proposed each proposed team, by team id."""
    ids = {team.proposed_by_id for team in teams if team.proposed_by_id is not None}
    if not ids:
        return {}
    names = {
        m.id: m.display_name
        for m in db.session.scalars(sa.select(Member).where(Member.id.in_(ids)))
    }
    return {team.id: names[team.proposed_by_id] for team in teams if team.proposed_by_id in names}


def access_team(actor: Actor, team_id: int) -> Team:
    """A team in the caller's scope, or 404."""
    team = db.session.get(Team, team_id)
    if team is None or not sees_community(actor, team.community):
        raise NotFound(_l("No such team."))
    return team


def list_teams(community) -> list[Team]:
    return list(
        db.session.scalars(
            sa.select(Team).where(Team.community_id == community.id).order_by(Team.id)
        )
    )


def create_team(actor: Actor, community, *, name: str, description: str, categories) -> Team:
    """A custom team: active at once from the secretary, `proposed` from an active member."""
    member = actor.active_member
    if manages_community(actor, community):
        status = TeamStatus.ACTIVE
    elif member is not None and member.community_id == community.id and not member.is_volunteer:
        status = TeamStatus.PROPOSED
    else:
        raise Forbidden(_l("Only an active member or the secretary may create teams here."))
    taken = sa.select(Team.id).where(Team.community_id == community.id, Team.name == name)
    if db.session.scalar(taken) is not None:
        raise Conflict(_l("This community already has a team of this name."))
    team = Team(
        community_id=community.id,
        kind=TeamKind.CUSTOM,
        name=name,
        description=description,
        categories=list(dict.fromkeys(categories or ["other"])),
        status=status,
        proposed_by_id=member.id if status == TeamStatus.PROPOSED else None,
    )
    db.session.add(team)
    db.session.flush()
    if status == TeamStatus.PROPOSED:
        db.session.add(TeamMembership(team_id=team.id, member_id=member.id))
        db.session.flush()
    return team


def decide_team(actor: Actor, team_id: int, *, approve: bool, note: str | None = None) -> Team:
    """The secretary approves or rejects a proposed N team."""
    team = access_team(actor, team_id)
    if not manages_community(actor, team.community):
        raise Forbidden(_l("Only the secretary decides on proposed teams."))
    if team.status != TeamStatus.PROPOSED:
        raise Conflict(
            _l(
                "The team is %(status)s, not proposed.",
                status=state_name(team.status, TeamStatus.labels()),
            )
        )
    team.status = TeamStatus.ACTIVE if approve else TeamStatus.REJECTED
    team.decided_by_id = actor.id
    team.decided_at = utcnow()
    team.decision_note = note
    db.session.flush()
    return team


def join_team(actor: Actor, team_id: int) -> TeamMembership:
    """An active member of the team's community takes a post in it."""
    team = access_team(actor, team_id)
    member = actor.active_member
    if member is None or member.community_id != team.community_id:
        raise Forbidden(_l("Only an active member of this community may join its teams."))
    if member.is_volunteer:
        raise Forbidden(_l("Teams are for party members; resident volunteers take pool orders."))
    if team.status != TeamStatus.ACTIVE:
        raise Conflict(
            _l("The team is %(status)s.", status=state_name(team.status, TeamStatus.labels()))
        )
    if db.session.get(TeamMembership, (team.id, member.id)) is not None:
        raise Conflict(_l("You are already in this team."))
    membership = TeamMembership(team_id=team.id, member_id=member.id)
    db.session.add(membership)
    db.session.flush()
    return membership


def leave_team(actor: Actor, team_id: int, member_id: int) -> None:
    """The member leaves, or the secretary takes them off the team."""
    team = access_team(actor, team_id)
    own = actor.member is not None and actor.member.id == member_id
    if not own and not manages_community(actor, team.community):
        raise Forbidden(_l("Only the member or the secretary may do this."))
    membership = db.session.get(TeamMembership, (team.id, member_id))
    if membership is None:
        raise NotFound(_l("This member is not in the team."))
    db.session.delete(membership)
    db.session.flush()
