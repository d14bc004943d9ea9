"""Imports every feature's models so that SQLAlchemy and Alembic see the whole schema."""

from volunteer.auth.models import ApiToken, LoginFailure, LoginSession, RoleGrant, User
from volunteer.jobs.models import JobRun, SchedulerLease
from volunteer.love_bank.models import Account, Entry, Redemption, ShopItem, Transfer
from volunteer.notifications.models import FollowUp, Notification, OutboxMessage
from volunteer.orders.models import DispatchRule, IdempotencyKey, Order, OrderEvent, OrderPhoto
from volunteer.organisations.models import Community, Employer, Street
from volunteer.pairings.models import Pairing, PairingVisit
from volunteer.people.models import Member, SkillGram
from volunteer.reports.models import Evaluation, Report
from volunteer.stats.tallies import MemberTally, OrderTally
from volunteer.teams.models import Team, TeamMembership

__all__ = [
    "Account",
    "ApiToken",
    "Community",
    "DispatchRule",
    "Employer",
    "Entry",
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
    "Pairing",
    "PairingVisit",
    "Redemption",
    "Report",
    "RoleGrant",
    "SchedulerLease",
    "ShopItem",
    "SkillGram",
    "Street",
    "Team",
    "TeamMembership",
    "Transfer",
    "User",
]
