"""预约服务: the resident asks for a day and a half-day (上午 / 下午); the claimer confirms it or
proposes another, which the resident accepts; both are reminded the day before; an
appointment that passes without the work done is flagged to the secretary once.

A half-day is a window in the configured time zone: 上午 08:00–12:00, 下午 13:00–18:00.
"""

from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid
from volunteer.extensions import db
from volunteer.notifications.services import notify
from volunteer.orders.access import access_for_claim, access_order
from volunteer.orders.models import Order
from volunteer.orders.states import Action, OrderStatus
from volunteer.orders.timing import zone
from volunteer.orders.transitions import record

WINDOWS = {"am": (time(8), time(12)), "pm": (time(13), time(18))}
HALF_DAY_WORDS = {"am": "上午", "pm": "下午"}
BOOKABLE_DAYS = 60
# Not yet done: an appointment of an order in these states can still be kept.
WAITING = (
    OrderStatus.SUBMITTED,
    OrderStatus.ACCEPTED,
    OrderStatus.DISPATCHED,
    OrderStatus.CLAIMED,
    OrderStatus.ESCALATED,
)


def window(day: date, half_day: str) -> tuple[datetime, datetime]:
    """The half-day as aware datetimes in the configured zone."""
    start, end = WINDOWS[half_day]
    tz = zone()
    return datetime.combine(day, start, tz), datetime.combine(day, end, tz)


def words(day: date, half_day: str) -> str:
    """11月30日上午: how notifications name an appointment."""
    return f"{day.month}月{day.day}日{HALF_DAY_WORDS[half_day]}"


def check_bookable(day: date, half_day: str, *, field: str = "appointment") -> None:
    """A half-day that has not ended yet, at most BOOKABLE_DAYS ahead."""
    now = utcnow().astimezone(zone())
    if window(day, half_day)[1] <= now:
        raise Invalid(field, _l("The appointment must be in the future."))
    if day > now.date() + timedelta(days=BOOKABLE_DAYS):
        raise Invalid(field, _l("An appointment can be made at most 60 days ahead."))


def book(order: Order, appointment: dict | None) -> None:
    """At posting: the asked-for half-day, not yet confirmed."""
    if appointment is None:
        return
    check_bookable(appointment["date"], appointment["half_day"])
    order.appointment_date = appointment["date"]
    order.appointment_half_day = appointment["half_day"]


def present_appointment(order: Order) -> dict | None:
    if order.appointment_date is None:
        return None
    proposed = (
        {"date": order.appointment_proposed_date, "half_day": order.appointment_proposed_half_day}
        if order.appointment_proposed_date is not None
        else None
    )
    return {
        "date": order.appointment_date,
        "half_day": order.appointment_half_day,
        "confirmed_at": order.appointment_confirmed_at,
        "proposed": proposed,
        "missed": is_missed(order),
    }


def is_missed(order: Order, now: datetime | None = None) -> bool:
    """The half-day has ended and the work is not done."""
    if order.appointment_date is None or order.status not in WAITING:
        return False
    end = window(order.appointment_date, order.appointment_half_day)[1]  # type: ignore[arg-type]
    return end <= (now or utcnow())


def claimed_by_caller(actor: Actor, order_id: int) -> Order:
    """The order, for its claimer only; 409 when it has no appointment to act on."""
    order = access_for_claim(actor, order_id)
    member = actor.member
    if member is None or order.claimed_by_id != member.id:
        raise Forbidden(_l("Only the member who claimed this order may do this."))
    if order.status != OrderStatus.CLAIMED:
        raise Conflict(_l("The order is not in hand."))
    if order.appointment_date is None:
        raise Conflict(_l("This order has no appointment."))
    return order


def confirm_appointment(actor: Actor, order_id: int) -> Order:
    """The claimer confirms the resident's half-day (a second confirmation changes nothing)."""
    order = claimed_by_caller(actor, order_id)
    if order.appointment_confirmed_at is not None:
        return order
    order.appointment_confirmed_at = utcnow()
    order.appointment_proposed_date = None
    order.appointment_proposed_half_day = None
    when = words(order.appointment_date, order.appointment_half_day)  # type: ignore[arg-type]
    record(order, Action.CONFIRM_APPOINTMENT, actor, note=when)
    notify(
        [order.owner_id, order.proxy_by_id],
        "appointment",
        f"“{order.title}”的预约已确认：{when}上门。",
        order,
    )
    db.session.flush()
    return order


def propose_appointment(actor: Actor, order_id: int, *, date: date, half_day: str) -> Order:
    """The claimer cannot come then and proposes another half-day; the resident decides."""
    order = claimed_by_caller(actor, order_id)
    check_bookable(date, half_day, field="date")
    order.appointment_proposed_date = date
    order.appointment_proposed_half_day = half_day
    order.appointment_confirmed_at = None
    when = words(date, half_day)
    record(order, Action.PROPOSE_APPOINTMENT, actor, note=when)
    notify(
        [order.owner_id, order.proxy_by_id],
        "appointment",
        f"接单党员提议把“{order.title}”改约到{when}，请确认。",
        order,
    )
    db.session.flush()
    return order


def accept_proposal(actor: Actor, order_id: int) -> Order:
    """The resident (or who filed for them) takes the proposed half-day: it is confirmed."""
    order = access_order(actor, order_id)
    if actor.id not in (order.owner_id, order.proxy_by_id):
        raise Forbidden(_l("Only the resident accepts another appointment."))
    if order.appointment_proposed_date is None or order.status != OrderStatus.CLAIMED:
        raise Conflict(_l("No other appointment is proposed."))
    order.appointment_date = order.appointment_proposed_date
    order.appointment_half_day = order.appointment_proposed_half_day
    order.appointment_proposed_date = None
    order.appointment_proposed_half_day = None
    order.appointment_confirmed_at = utcnow()
    order.appointment_reminded_at = None
    order.appointment_missed_at = None
    when = words(order.appointment_date, order.appointment_half_day)  # type: ignore[arg-type]
    record(order, Action.ACCEPT_APPOINTMENT, actor, note=when)
    notify(
        [order.claimed_by.user_id] if order.claimed_by else [],
        "appointment",
        f"居民同意了新的预约时间：“{order.title}”{when}。",
        order,
    )
    db.session.flush()
    return order
