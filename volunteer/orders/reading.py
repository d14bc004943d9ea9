"""One order read to be shown (GET /orders/{id}), as plain rows rather than mapped objects.

The ORM's identity map, eager loaders and change tracking cost about a millisecond per
order page that a read never uses (tests/bench/RESULTS.md): the order with its community's
street and the names of its claimer and first contact is one row, and its timeline, photos
and voice notes are one more statement. The access rules and the presenter take the result
as they take an `Order` (the same attribute names); anything that changes an order loads it
through the ORM (orders/access.py).
"""

from typing import Any, NamedTuple

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.auth.models import User
from volunteer.errors import NotFound
from volunteer.extensions import db
from volunteer.orders.access import sees_order
from volunteer.orders.models import Order, OrderEvent, OrderPhoto, OrderVoiceNote, past_due
from volunteer.organisations.models import Community
from volunteer.people.models import Member


class Place(NamedTuple):
    id: int
    street_id: int


class Person(NamedTuple):
    id: int
    display_name: str


class OrderView:
    """An order's columns as attributes (those of `Order`), its community, claimer and first
    contact as far as showing it needs them, and what happened to it (filled by `read_order`)."""

    __slots__ = (
        "_row",
        "claimed_by",
        "community",
        "events",
        "first_contact",
        "photos",
        "voice_notes",
    )

    def __init__(self, row: sa.Row) -> None:
        self._row = row
        self.community = Place(row.community_id, row.community_street_id)
        self.claimed_by = (
            Person(row.claimed_by_id, row.claimer_name) if row.claimed_by_id is not None else None
        )
        self.first_contact = (
            Person(row.first_contact_id, row.first_contact_name)
            if row.first_contact_id is not None
            else None
        )
        self.photos: list[sa.Row] = []
        self.voice_notes: list[sa.Row] = []
        self.events: list[sa.Row] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)

    @property
    def overdue(self) -> bool:
        return past_due(self.due_at, self.status)


def order_row() -> sa.Select:
    """Core tables only: an ORM entity in a select sends its execution through the ORM."""
    orders, communities = Order.__table__, Community.__table__
    claimer, claimer_user = Member.__table__.alias("claimer"), User.__table__.alias("claimer_user")
    first_contact = User.__table__.alias("first_contact")
    return (
        sa.select(
            orders,
            communities.c.street_id.label("community_street_id"),
            claimer_user.c.display_name.label("claimer_name"),
            first_contact.c.display_name.label("first_contact_name"),
        )
        .join(communities, communities.c.id == orders.c.community_id)
        .outerjoin(claimer, claimer.c.id == orders.c.claimed_by_id)
        .outerjoin(claimer_user, claimer_user.c.id == claimer.c.user_id)
        .outerjoin(first_contact, first_contact.c.id == orders.c.first_contact_id)
        .where(orders.c.id == sa.bindparam("order_id"))
    )


def typed_null(column: sa.ColumnElement) -> sa.ColumnElement:
    """A NULL of the column's type: PostgreSQL types a UNION's column by its first branches."""
    return sa.cast(sa.null(), column.type).label(column.name)


def history() -> sa.CompoundSelect:
    """The timeline (each event with its actor's name), the photos and the voice notes of one
    order, in one statement: `part` says which a row is, each part in its own order."""
    order_id: sa.BindParameter[int] = sa.bindparam("order_id")
    events, users = OrderEvent.__table__.c, User.__table__
    photos, voice_notes = OrderPhoto.__table__.c, OrderVoiceNote.__table__.c
    return sa.union_all(
        sa.select(
            sa.literal_column("'event'").label("part"),
            events.id,
            events.order_id,
            events.at,
            events.action,
            events.from_status,
            events.to_status,
            events.note,
            events.actor_id,
            users.c.display_name.label("actor_name"),
            typed_null(photos.stage),
            typed_null(photos.content_type),
            typed_null(photos.width),
            typed_null(photos.height),
            typed_null(voice_notes.seconds),
        )
        .select_from(OrderEvent.__table__.outerjoin(users, users.c.id == events.actor_id))
        .where(events.order_id == order_id),
        sa.select(
            sa.literal_column("'photo'"),
            photos.id,
            photos.order_id,
            *(sa.null() for _ in range(7)),
            photos.stage,
            photos.content_type,
            photos.width,
            photos.height,
            sa.null(),
        ).where(photos.order_id == order_id),
        sa.select(
            sa.literal_column("'voice'"),
            voice_notes.id,
            voice_notes.order_id,
            *(sa.null() for _ in range(8)),
            voice_notes.content_type,
            sa.null(),
            sa.null(),
            voice_notes.seconds,
        ).where(voice_notes.order_id == order_id),
    ).order_by(sa.text("part"), sa.text("id"))


# Built once: a statement built per request costs as much as running it (its cache key).
ORDER_ROW = order_row()
HISTORY = history()


def read_order(actor: Actor, order_id: int) -> OrderView:
    """The order with its timeline, photos and voice notes if the caller may see it, else 404
    (the same rule as orders/access.py `access_order`)."""
    connection = db.session.connection()
    row = connection.execute(ORDER_ROW, {"order_id": order_id}).one_or_none()
    if row is None:
        raise NotFound(_l("No such order."))
    order = OrderView(row)
    if not sees_order(actor, order):  # type: ignore[arg-type]
        raise NotFound(_l("No such order."))
    parts = {"event": order.events, "photo": order.photos, "voice": order.voice_notes}
    for item in connection.execute(HISTORY, {"order_id": order_id}):
        parts[item.part].append(item)
    return order
