"""Imports every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from volunteer.auth.models import ApiToken, LoginFailure, LoginSession, RoleGrant, User
from volunteer.jobs.models import JobRun, SchedulerLease
from volunteer.notifications.models import FollowUp, Notification, OutboxMessage
from volunteer.orders.models import DispatchRule, IdempotencyKey, Order, OrderEvent, OrderPhoto
from volunteer.orders.search import OrderSearch
from volunteer.organisations.models import Community, Employer, Street
from volunteer.people.models import Member, SkillGram
from volunteer.reports.models import Evaluation, Report
from volunteer.stats.tallies import MemberTally, OrderTally
from volunteer.teams.models import Team, TeamMembership

__all__ = [
    "ApiToken",
    "Community",
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
    "OrderSearch",
    "OrderTally",
    "OutboxMessage",
    "Report",
    "RoleGrant",
    "SchedulerLease",
    "SkillGram",
    "Street",
    "Team",
    "TeamMembership",
    "User",
]
