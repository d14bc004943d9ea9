"""The resident's side at the end: rate, reopen, cancel; and the auto-close of the unrated."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden
from volunteer.extensions import db
from volunteer.love_bank.ledger import credit_closed_order
from volunteer.notifications.services import notify, open_follow_up
from volunteer.orders.access import access_order
from volunteer.orders.models import Order
from volunteer.orders.states import Action, OrderStatus
from volunteer.orders.timing import due_for
from volunteer.orders.transitions import transition
from volunteer.satisfaction import rating_note, satisfaction_word

LOW_SCORE = 2


def speaks_for_resident(actor: Actor, order: Order) -> bool:
    """The owner; for a 代办 order, the secretary who posted it (or another of the branch)."""
    if order.owner_id is not None:
        return order.owner_id == actor.id
    return order.proxy_by_id == actor.id or order.community_id in actor.secretary_of


def own_order(actor: Actor, order_id: int) -> Order:
    order = access_order(actor, order_id)
    if not speaks_for_resident(actor, order):
        raise Forbidden(_l("Only the resident who ordered may do this."))
    return order


def rate_order(actor: Actor, order_id: int, *, score: int, comment: str | None = None) -> Order:
    """满意 (5–4) / 基本满意 (3) / 不满意 (2–1); a low score opens a follow-up (回访)."""
    order = own_order(actor, order_id)
    now = utcnow()
    transition(
        order,
        Action.RATE,
        actor,
        rating_note(score, comment),
        score=score,
        first_score=order.first_score if order.first_score is not None else score,
        rating_comment=comment,
        rated_at=now,
        closed_at=now,
        close_reason="rated",
    )
    db.session.flush()
    credit_closed_order(order)  # 爱心银行: the claimer's time credits
    if score <= LOW_SCORE:
        open_follow_up(order)
    if order.claimed_by is not None:
        notify(
            [order.claimed_by.user_id],
            "rated",
            f"“{order.title}”获评“{satisfaction_word(score)}”。",
            order,
        )
    db.session.flush()
    return order


def reopen_order(actor: Actor, order_id: int, *, reason: str) -> Order:
    """Not done after all: back to the same member with a new due time, within the window."""
    order = own_order(actor, order_id)
    window = timedelta(days=current_app.config["RATING_WINDOW_DAYS"])
    if order.status == OrderStatus.COMPLETED and utcnow() > order.completed_at + window:  # type: ignore[operator]
        raise Conflict(_l("The rating window has passed."))
    now = utcnow()
    transition(
        order,
        Action.REOPEN,
        actor,
        reason,
        due_at=due_for(order, now),
        completed_at=None,
        due_reminded_at=None,
        supervised_at=None,
        street_supervised_at=None,
    )
    if order.claimed_by is not None:
        notify(
            [order.claimed_by.user_id], "reopened", f"“{order.title}”被退回重办：{reason}", order
        )
    db.session.flush()
    return order


def cancel_order(actor: Actor, order_id: int, *, reason: str | None = None) -> Order:
    """The resident withdraws the order (the secretary, for a 代办 order)."""
    order = access_order(actor, order_id)
    if not speaks_for_resident(actor, order):
        if manages_community(actor, order.community):
            raise Forbidden(_l("Only the resident cancels; the secretary may reject instead."))
        raise Forbidden(_l("Only the resident who ordered may cancel."))
    transition(order, Action.CANCEL, actor, reason, closed_at=utcnow())
    db.session.flush()
    return order


def auto_close(order: Order) -> None:
    """Completed and unrated past the window: closed by the system."""
    transition(order, Action.AUTO_CLOSE, None, closed_at=utcnow(), close_reason="auto_closed")
    db.session.flush()
    credit_closed_order(order)  # 爱心银行: the claimer's time credits
