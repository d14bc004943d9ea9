"""Imports every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from volunteer.activities.models import Activity, HourCorrection, Signup
from volunteer.auth.models import ApiToken, LoginFailure, LoginSession, RoleGrant, User
from volunteer.certificates.models import Certificate
from volunteer.jobs.models import JobRun, SchedulerLease
from volunteer.notifications.models import FollowUp, Notification, OutboxMessage
from volunteer.opinions.models import OpinionRequest
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
    "Activity",
    "ApiToken",
    "Certificate",
    "Community",
    "ContactView",
    "DispatchRule",
    "Employer",
    "Evaluation",
    "FollowUp",
    "HourCorrection",
    "IdempotencyKey",
    "JobRun",
    "LoginFailure",
    "LoginSession",
    "Member",
    "MemberTally",
    "Notification",
    "OpinionRequest",
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
    "Signup",
    "SkillGram",
    "Street",
    "Team",
    "TeamMembership",
    "User",
]
