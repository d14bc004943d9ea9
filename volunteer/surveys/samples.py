"""Monthly samples of closed orders, and the surveyor's call-backs (第三方抽样)."""

import re
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.notifications.models import FollowUp
from volunteer.notifications.services import notify, secretaries_of
from volunteer.orders.models import Order
from volunteer.orders.states import OrderStatus
from volunteer.orders.timing import zone
from volunteer.organisations.models import Community, Street
from volunteer.satisfaction import Satisfaction
from volunteer.surveys.access import street_in_scope
from volunteer.surveys.models import ContactView, ItemStatus, Sample, SampleItem
from volunteer.surveys.sampling import draw, new_seed

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
DEFAULT_RATE = 0.1
DEFAULT_MINIMUM = 5


def month_bounds(month: str) -> tuple[datetime, datetime]:
    """The month's first instant and the next month's, in the configured time zone."""
    found = MONTH.match(month)
    if found is None:
        raise Invalid("month", _l("A month as YYYY-MM."))
    year, number = int(found[1]), int(found[2])
    start = date(year, number, 1)
    end = date(year + number // 12, number % 12 + 1, 1)
    return (
        datetime.combine(start, datetime.min.time(), zone()),
        datetime.combine(end, datetime.min.time(), zone()),
    )


def closed_orders(street_id: int, month: str) -> dict[int, list[int]]:
    """Ids of the orders closed in the month, per community of the street."""
    start, end = month_bounds(month)
    rows = db.session.execute(
        sa.select(Order.community_id, Order.id)
        .join(Community, Community.id == Order.community_id)
        .where(
            Community.street_id == street_id,
            Order.status == OrderStatus.CLOSED,
            Order.closed_at >= start,
            Order.closed_at < end,
        )
    )
    population: dict[int, list[int]] = {}
    for community_id, order_id in rows:
        population.setdefault(community_id, []).append(order_id)
    return population


def draw_sample(
    actor: Actor | None,
    *,
    street_id: int,
    month: str,
    rate: float = DEFAULT_RATE,
    minimum: int = DEFAULT_MINIMUM,
) -> Sample:
    """Draw the street's sample of the month with a fresh seed; once per street and month.

    `actor` None: the `samples` job drafting it."""
    if actor is not None:
        street_in_scope(actor, street_id)
    elif db.session.get(Street, street_id) is None:
        raise NotFound(_l("No such street."))
    month_bounds(month)
    taken = sa.select(Sample.id).where(Sample.street_id == street_id, Sample.month == month)
    if db.session.scalar(taken) is not None:
        raise Conflict(_l("This street's sample of that month is already drawn."))
    population = closed_orders(street_id, month)
    seed = new_seed()
    sample = Sample(
        street_id=street_id,
        month=month,
        seed=seed,
        rate=rate,
        minimum=minimum,
        population={str(k): sorted(v) for k, v in population.items()},
        created_by_id=actor.id if actor is not None else None,
    )
    db.session.add(sample)
    db.session.flush()
    for community_id, order_ids in draw(population, seed, rate, minimum).items():
        db.session.add_all(
            SampleItem(sample_id=sample.id, order_id=order_id, community_id=community_id)
            for order_id in order_ids
        )
    db.session.flush()
    db.session.refresh(sample)
    return sample


def redraw(sample: Sample) -> dict[int, list[int]]:
    """The draw repeated from what the sample stored: it must give the sample's items."""
    population = {int(k): v for k, v in sample.population.items()}
    return draw(population, sample.seed, sample.rate, sample.minimum)


def samples_of(actor: Actor, street_id: int | None = None) -> sa.Select:
    """Samples of the streets the caller administers or surveys, newest month first."""
    select = sa.select(Sample).order_by(Sample.month.desc(), Sample.id.desc())
    if street_id is not None:
        street_in_scope(actor, street_id, surveyors=True)
        return select.where(Sample.street_id == street_id)
    if actor.is_admin:
        return select
    streets = set(actor.street_admin_of) | set(actor.surveyor_of)
    if not streets:
        raise Forbidden(_l("Samples are for the street's administrators and surveyors."))
    return select.where(Sample.street_id.in_(streets))


def access_sample(actor: Actor, sample_id: int) -> Sample:
    sample = db.session.get(Sample, sample_id)
    if sample is None:
        raise NotFound(_l("No such sample."))
    street_in_scope(actor, sample.street_id, surveyors=True)
    return sample


def access_item(actor: Actor, item_id: int) -> SampleItem:
    """A sampled order for the surveyor of its street: 403 for the street's administrators,
    404 for anyone else."""
    item = db.session.get(SampleItem, item_id)
    if item is None:
        raise NotFound(_l("No such sampled order."))
    street_id = item.sample.street_id
    if street_id in actor.surveyor_of:
        return item
    if actor.is_admin or street_id in actor.street_admin_of:
        raise Forbidden(_l("Only the street's surveyors call residents back."))
    raise NotFound(_l("No such sampled order."))


def contact_of(order: Order) -> dict | None:
    """The resident to call: the order's contact, else its owner's name and phone."""
    owner = order.owner
    name = order.contact_name or (owner.display_name if owner is not None else None)
    phone = order.contact_phone or (owner.phone if owner is not None else None)
    if order.contact_erased_at is not None or (name is None and phone is None):
        return None
    return {"name": name, "phone": phone}


def view_item(actor: Actor, item_id: int) -> dict:
    """The sampled order; while it is open, the resident's name and phone (each view is
    logged); once answered, no contact."""
    item = access_item(actor, item_id)
    order = db.session.get_one(Order, item.order_id)
    contact = None
    if item.status == ItemStatus.OPEN:
        contact = contact_of(order)
        if contact is not None:
            db.session.add(ContactView(item_id=item.id, user_id=actor.id))
            db.session.flush()
    return {"item": item, "order": order, "contact": contact}


def answer_item(
    actor: Actor,
    item_id: int,
    *,
    reached: bool,
    resolved: bool | None = None,
    satisfaction: str | None = None,
    comment: str | None = None,
) -> SampleItem:
    """Record the call; "not resolved" or 不满意 opens a follow-up (回访) for the community."""
    item = access_item(actor, item_id)
    if not reached and satisfaction is not None:
        raise Invalid("satisfaction", _l("Only when the resident was reached."))
    answered = (
        sa.update(SampleItem)
        .where(SampleItem.id == item.id, SampleItem.status == ItemStatus.OPEN)
        .values(
            status=ItemStatus.ANSWERED,
            reached=reached,
            resolved=resolved,
            satisfaction=Satisfaction(satisfaction) if satisfaction else None,
            comment=comment,
            answered_at=utcnow(),
            answered_by_id=actor.id,
        )
        .execution_options(synchronize_session=False)
    )
    if db.session.execute(answered).rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE's
        raise Conflict(_l("This sampled order is already answered."))
    db.session.refresh(item)
    if satisfaction == Satisfaction.DISSATISFIED or resolved is False:
        item.follow_up_id = open_sample_follow_up(item).id
    db.session.flush()
    return item


def open_sample_follow_up(item: SampleItem) -> FollowUp:
    """The same 回访 item a low rating opens, for the community's secretaries."""
    order = db.session.get_one(Order, item.order_id)
    follow_up = FollowUp(order_id=order.id, community_id=order.community_id)
    db.session.add(follow_up)
    db.session.flush()
    finding = "问题未解决" if item.resolved is False else "不满意"
    notify(
        secretaries_of(order.community_id),
        "follow_up",
        f"抽样回访：工单“{order.title}”的居民反映{finding}，请回访。",
        order,
    )
    return follow_up
