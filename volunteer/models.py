"""Imports every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from volunteer.auth.models import ApiToken, LoginFailure, LoginSession, RoleGrant, User
from volunteer.jobs.models import JobRun, SchedulerLease
from volunteer.notifications.models import FollowUp, Notification, OutboxMessage
from volunteer.orders.models import DispatchRule, IdempotencyKey, Order, OrderEvent, OrderPhoto
from volunteer.organisations.models import Community, Employer, Street
from volunteer.people.models import Member, SkillGram
from volunteer.pledges.models import Pledge, PledgeRating
from volunteer.reports.models import Evaluation, Report
from volunteer.stats.tallies import MemberTally, OrderTally
from volunteer.surveys.models import (
    ContactView,
    ReviewResponse,
    ReviewWindow,
    Sample,
    SampleItem,
)
from volunteer.teams.models import Team, TeamMembership

__all__ = [
    "ApiToken",
    "Community",
    "ContactView",
    "DispatchRule",
    "Employer",
    "Evaluation",
    "FollowUp",
    "IdempotencyKey",
    "JobRun",
    "LoginFailure",
    "LoginSession",
    "Member",
    "MemberTally",
    "Notification",
    "Order",
    "OrderEvent",
    "OrderPhoto",
    "OrderTally",
    "OutboxMessage",
    "Pledge",
    "PledgeRating",
    "Report",
    "ReviewResponse",
    "ReviewWindow",
    "RoleGrant",
    "Sample",
    "SampleItem",
    "SchedulerLease",
    "SkillGram",
    "Street",
    "Team",
    "TeamMembership",
    "User",
]
