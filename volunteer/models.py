"""Imports every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from volunteer.activities.models import Activity, HourCorrection, Signup
from volunteer.auth.models import ApiToken, LoginFailure, LoginSession, RoleGrant, User
from volunteer.certificates.models import Certificate
from volunteer.jobs.models import JobRun, SchedulerLease
from volunteer.love_bank.models import Account, Entry, Redemption, ShopItem, Transfer
from volunteer.notifications.models import FollowUp, Notification, OutboxMessage
from volunteer.opinions.models import OpinionRequest
from volunteer.orders.models import DispatchRule, IdempotencyKey, Order, OrderEvent, OrderPhoto
from volunteer.orders.search_index import OrderSearch
from volunteer.organisations.models import Community, Employer, Grid, Street
from volunteer.pairings.models import Pairing, PairingVisit
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
    "Account",
    "Activity",
    "ApiToken",
    "Certificate",
    "Community",
    "ContactView",
    "DispatchRule",
    "Employer",
    "Entry",
    "Evaluation",
    "FollowUp",
    "Grid",
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
    "OrderSearch",
    "OrderTally",
    "OutboxMessage",
    "Pairing",
    "PairingVisit",
    "Pledge",
    "PledgeRating",
    "Redemption",
    "Report",
    "ReviewResponse",
    "ReviewWindow",
    "RoleGrant",
    "Sample",
    "SampleItem",
    "SchedulerLease",
    "ShopItem",
    "Signup",
    "SkillGram",
    "Street",
    "Team",
    "TeamMembership",
    "Transfer",
    "User",
]
