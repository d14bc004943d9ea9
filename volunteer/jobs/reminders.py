"""Reminders and supervision (督办): claim-reminders, due-reminders, overdue-supervision,
appointment-reminders.

Each job marks what it did on the order (`claim_reminded_at`, `due_reminded_at`,
`supervised_at`, `street_supervised_at`; dispatch and reopen reset them), so that a second run
finds nothing to do. Notifications and their e-mails go out in the job's one transaction.
"""

from datetime import timedelta

import sqlalchemy as sa

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.selection import orders_where
from volunteer.notifications.services import notify, secretaries_of, street_admins_of
from volunteer.orders.appointments import WAITING, is_missed, words
from volunteer.orders.models import Order
from volunteer.orders.states import OPEN, Action, OrderStatus
from volunteer.orders.timing import street_supervision_for, zone
from volunteer.orders.transitions import record
from volunteer.orders.triage import offered_to
from volunteer.people.models import Member
from volunteer.teams.models import Team

DUE_SOON = timedelta(hours=4)


def remind_claims() -> str:
    """Dispatched and unclaimed past the claim time (1 working day): remind the offered team or
    member and the community's secretaries, once per dispatch."""
    now = utcnow()
    orders = orders_where(
        Order.status == OrderStatus.DISPATCHED,
        Order.claim_due_at < now,
        Order.claim_reminded_at.is_(None),
    )
    for order in orders:
        record(order, Action.REMIND_CLAIM, note="派出超过1个工作日无人接单")
        secretaries = secretaries_of(order.community_id)
        team = db.session.get(Team, order.dispatch_team_id) if order.dispatch_team_id else None
        member = (
            db.session.get(Member, order.dispatch_member_id) if order.dispatch_member_id else None
        )
        offered = set(offered_to(team, member)) - set(secretaries)
        notify(offered, "remind_claim", f"工单“{order.title}”还在等待接单，请尽快接单。", order)
        notify(
            secretaries,
            "remind_claim",
            f"工单“{order.title}”派出已超过1个工作日无人接单，请改派或上报街道。",
            order,
        )
        order.claim_reminded_at = now
    db.session.commit()
    return f"{len(orders)} unclaimed orders reminded"


def remind_due() -> str:
    """Claimed and due within 4 hours (not yet past): remind the claimer, once per claim."""
    now = utcnow()
    orders = orders_where(
        Order.status == OrderStatus.CLAIMED,
        Order.due_at > now,
        Order.due_at <= now + DUE_SOON,
        Order.due_reminded_at.is_(None),
    )
    for order in orders:
        record(order, Action.REMIND_DUE, note="即将到期")
        due = order.due_at.astimezone(zone())  # type: ignore[union-attr]  # filtered above
        notify(
            [order.claimed_by.user_id] if order.claimed_by else [],
            "remind_due",
            f"您接的工单“{order.title}”将于{due:%m-%d %H:%M}到期，请按时办结。",
            order,
        )
        order.due_reminded_at = now
    db.session.commit()
    return f"{len(orders)} claimers reminded"


def supervise_overdue() -> str:
    """Overdue (督办): an event and the secretaries told, once; two working days later the
    street admins as well, once."""
    now = utcnow()
    orders = orders_where(
        Order.status.in_(OPEN),
        Order.due_at < now,
        sa.or_(Order.supervised_at.is_(None), Order.street_supervised_at.is_(None)),
    )
    community, street = 0, 0
    for order in orders:
        if order.supervised_at is None:
            record(order, Action.SUPERVISE, note="超过办结时限，社区督办")
            notify(
                secretaries_of(order.community_id),
                "supervise",
                f"督办：工单“{order.title}”已超过办结时限，请尽快处理。",
                order,
            )
            order.supervised_at = now
            community += 1
        if order.street_supervised_at is None and now > street_supervision_for(order.due_at):  # type: ignore[arg-type]
            record(order, Action.SUPERVISE, note="超期2个工作日仍未办结，街道督办")
            notify(
                street_admins_of(order.community_id),
                "supervise",
                f"督办：{order.community.name}工单“{order.title}”超期2个工作日仍未办结。",
                order,
            )
            order.street_supervised_at = now
            street += 1
    db.session.commit()
    return f"{community} overdue orders supervised, {street} sent to the street"


def remind_appointments() -> str:
    """The day before a confirmed appointment, remind the resident and the claimer, once; an
    appointment whose half-day ended with the work not done is flagged to the secretaries,
    once. Both are marked on the order, so a second run finds nothing to do."""
    now = utcnow()
    tomorrow = now.astimezone(zone()).date() + timedelta(days=1)
    due = orders_where(
        Order.status == OrderStatus.CLAIMED,
        Order.appointment_date == tomorrow,
        Order.appointment_confirmed_at.is_not(None),
        Order.appointment_reminded_at.is_(None),
    )
    for order in due:
        when = words(order.appointment_date, order.appointment_half_day)  # type: ignore[arg-type]
        record(order, Action.REMIND_APPOINTMENT, note=when)
        notify(
            [order.owner_id, order.proxy_by_id],
            "appointment",
            f"提醒：“{order.title}”预约在明天（{when}）上门。",
            order,
        )
        notify(
            [order.claimed_by.user_id] if order.claimed_by else [],
            "appointment",
            f"提醒：您接的“{order.title}”预约在明天（{when}）上门。",
            order,
        )
        order.appointment_reminded_at = now
    candidates = orders_where(
        Order.status.in_(WAITING),
        Order.appointment_date.is_not(None),
        Order.appointment_date <= now.astimezone(zone()).date(),
        Order.appointment_missed_at.is_(None),
    )
    missed = [order for order in candidates if is_missed(order, now)]
    for order in missed:
        when = words(order.appointment_date, order.appointment_half_day)  # type: ignore[arg-type]
        record(order, Action.MISS_APPOINTMENT, note=when)
        notify(
            secretaries_of(order.community_id),
            "appointment_missed",
            f"“{order.title}”预约的{when}已过，服务还没有办结，请跟进。",
            order,
        )
        order.appointment_missed_at = now
    db.session.commit()
    return f"{len(due)} appointments reminded, {len(missed)} missed appointments flagged"
