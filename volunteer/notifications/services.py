"""Telling people: in-app notifications, e-mails through the outbox, follow-up items."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.auth.models import RoleGrant, User
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Forbidden, NotFound
from volunteer.extensions import db
from volunteer.notifications.models import FollowUp, Notification, OutboxMessage
from volunteer.organisations.models import Community
from volunteer.satisfaction import satisfaction_word


def notify(user_ids, kind: str, message: str, order=None) -> None:
    """One in-app notification per person (each once), and an e-mail to those who gave one."""
    user_ids = sorted({uid for uid in user_ids if uid is not None})
    if not user_ids:
        return
    order_id = order.id if order is not None else None
    db.session.add_all(
        Notification(user_id=uid, kind=kind, order_id=order_id, message=message) for uid in user_ids
    )
    addresses = db.session.scalars(
        sa.select(User.email).where(User.id.in_(user_ids), User.email.is_not(None))
    )
    for address in addresses:
        queue_email(address, f"[社区志愿服务] {message}", message + "\n\n—— 三单制志愿服务")  # type: ignore[arg-type]
    db.session.flush()


def queue_email(
    to_address: str,
    subject: str,
    body: str,
    attachments=(),
    subject_type: str | None = None,
    subject_id: int | None = None,
) -> OutboxMessage:
    """Queue an e-mail in the current transaction; the outbox job sends it after commit."""
    message = OutboxMessage(
        to_address=to_address,
        subject=subject[:200],
        body=body,
        attachments=list(attachments),
        subject_type=subject_type,
        subject_id=subject_id,
    )
    db.session.add(message)
    return message


def secretaries_of(community_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(RoleGrant.user_id).where(
                RoleGrant.role == Role.SECRETARY, RoleGrant.community_id == community_id
            )
        )
    )


def street_admins_of(community_id: int) -> list[int]:
    street_id = sa.select(Community.street_id).where(Community.id == community_id)
    return list(
        db.session.scalars(
            sa.select(RoleGrant.user_id).where(
                RoleGrant.role == Role.STREET_ADMIN,
                RoleGrant.street_id == street_id.scalar_subquery(),
            )
        )
    )


def open_follow_up(order) -> FollowUp:
    """A 回访 item for the community's secretary after a low rating."""
    follow_up = FollowUp(order_id=order.id, community_id=order.community_id)
    db.session.add(follow_up)
    notify(
        secretaries_of(order.community_id),
        "follow_up",
        f"工单“{order.title}”评价为“{satisfaction_word(order.score)}”，请回访。",
        order,
    )
    return follow_up


def notifications_of(actor: Actor, *, unread: bool | None = None) -> sa.Select:
    """The caller's notifications, newest first."""
    select = sa.select(Notification).where(Notification.user_id == actor.id)
    if unread is not None:
        select = select.where(
            Notification.read_at.is_(None) if unread else Notification.read_at.is_not(None)
        )
    return select.order_by(Notification.id.desc())


def mark_read(actor: Actor, notification_id: int) -> Notification:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != actor.id:
        raise NotFound(_l("No such notification."))
    if notification.read_at is None:
        notification.read_at = utcnow()
    db.session.flush()
    return notification


def mark_all_read(actor: Actor) -> None:
    """Every unread notification of the caller, read now."""
    db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == actor.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def follow_ups_of(actor: Actor, *, done: bool | None = None) -> sa.Select:
    """回访 items of the caller's communities (secretaries, street admins)."""
    if not (actor.is_admin or actor.secretary_of or actor.street_admin_of):
        raise Forbidden(_l("Follow-ups are for secretaries."))
    select = sa.select(FollowUp)
    if not actor.is_admin:
        streets = sa.select(Community.id).where(Community.street_id.in_(actor.street_admin_of))
        select = select.where(
            sa.or_(
                FollowUp.community_id.in_(actor.secretary_of), FollowUp.community_id.in_(streets)
            )
        )
    if done is not None:
        select = select.where(FollowUp.done_at.is_not(None) if done else FollowUp.done_at.is_(None))
    return select.order_by(FollowUp.id.desc())


def latest_follow_up(order_id: int) -> FollowUp | None:
    """The order's most recent follow-up (an order redone and rated low again has several)."""
    return db.session.scalars(
        sa.select(FollowUp).where(FollowUp.order_id == order_id).order_by(FollowUp.id.desc())
    ).first()
