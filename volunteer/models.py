"""Imports every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from volunteer.auth.models import ApiToken, LoginFailure, RoleGrant, User
from volunteer.organisations.models import Community, Employer, Street
from volunteer.people.models import Member
from volunteer.teams.models import Team, TeamMembership

__all__ = [
    "ApiToken",
    "Community",
    "Employer",
    "LoginFailure",
    "Member",
    "RoleGrant",
    "Street",
    "Team",
    "TeamMembership",
    "User",
]
