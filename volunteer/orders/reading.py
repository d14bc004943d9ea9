"""Orders read to be shown (GET /orders/{id}, GET /orders), as plain rows rather than
mapped objects.

The ORM's identity map, eager loaders and change tracking cost about a millisecond per
order that a read never uses (tests/bench/RESULTS.md): an order with its community's street
and the names of its claimer and first contact is one row. One order's timeline, photos and
voice notes are one more statement; a page of orders comes with its photos in one. The
access rules and the presenter take the result as they take an `Order` (the same attribute
names); anything that changes an order loads it through the ORM (orders/access.py).
"""

from collections.abc import Sequence
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
from volunteer.pagination import page_window
from volunteer.people.models import Member


class Place(NamedTuple):
    id: int
    street_id: int


class Person(NamedTuple):
    id: int
    display_name: str


class Photo(NamedTuple):
    id: int
    order_id: int
    stage: str
    content_type: str
    width: int
    height: int


# A page's photo columns (PAGE_ROWS: "photo_" + each), in the order of Photo's fields.
PHOTO_COLUMNS = tuple(name for name in Photo._fields if name != "order_id")


class OrderView:
    """An order's columns as attributes (those of `Order`), its community, claimer and first
    contact as far as showing it needs them, and what happened to it (filled by the readers
    below)."""

    def __init__(self, names: Sequence[str], row: sa.Row) -> None:
        # Plain attributes (a presenter reads each once), set from the result's column names
        # and the row's values: a third of the time of going through the row's mapping. The
        # joined columns are read back from them too (a Row's attribute is a name lookup).
        columns = self.__dict__
        columns.update(zip(names, row, strict=True))
        self.community = Place(columns["community_id"], columns["community_street_id"])
        claimer, first_contact = columns["claimed_by_id"], columns["first_contact_id"]
        self.claimed_by = Person(claimer, columns["claimer_name"]) if claimer is not None else None
        self.first_contact = (
            Person(first_contact, columns["first_contact_name"])
            if first_contact is not None
            else None
        )
        self.photos: list[Any] = []
        self.voice_notes: list[sa.Row] = []
        self.events: list[sa.Row] = []

    def __getattr__(self, name: str) -> Any:
        """Only for the type checker: every column is set in __init__."""
        raise AttributeError(name)

    @property
    def overdue(self) -> bool:
        return past_due(self.due_at, self.status)


# Columns of an order that neither showing it nor deciding who sees it reads: the jobs'
# bookkeeping. Left out of the rows (each timestamp read costs a parse on SQLite: ~0.1 ms a
# page); a presenter that asked for one would fail loudly (OrderView.__getattr__).
NOT_SHOWN = frozenset(
    {
        "claim_reminded_at",
        "due_reminded_at",
        "supervised_at",
        "street_supervised_at",
        "appointment_reminded_at",
        "appointment_missed_at",
        "contact_erased_at",
        "first_score",
        "claim_due_at",
        "claimed_at",
        "closed_at",
    }
)


def order_rows() -> sa.Select:
    """Orders with what showing one needs from other tables. Core tables only: an ORM entity
    in a select sends its execution through the ORM."""
    orders, communities = Order.__table__, Community.__table__
    claimer, claimer_user = Member.__table__.alias("claimer"), User.__table__.alias("claimer_user")
    first_contact = User.__table__.alias("first_contact")
    return (
        sa.select(
            *(column for column in orders.c if column.name not in NOT_SHOWN),
            communities.c.street_id.label("community_street_id"),
            claimer_user.c.display_name.label("claimer_name"),
            first_contact.c.display_name.label("first_contact_name"),
        )
        .join(communities, communities.c.id == orders.c.community_id)
        .outerjoin(claimer, claimer.c.id == orders.c.claimed_by_id)
        .outerjoin(claimer_user, claimer_user.c.id == claimer.c.user_id)
        .outerjoin(first_contact, first_contact.c.id == orders.c.first_contact_id)
    )


def page_rows() -> sa.Select:
    """Orders each with their photos, a row per photo (or one with none)."""
    photos = OrderPhoto.__table__
    return (
        order_rows()
        .add_columns(*(photos.c[name].label(f"photo_{name}") for name in PHOTO_COLUMNS))
        .outerjoin(photos, photos.c.order_id == Order.__table__.c.id)
    )


def history() -> sa.CompoundSelect:
    """The timeline (each event with its actor's name), the photos and the voice notes of one
    order, in one statement: `part` says which a row is, each part in its own order. Each
    part gives its own columns and NULLs of the others' types for the rest (PostgreSQL types
    a UNION's columns by its first branches)."""
    order_id: sa.BindParameter[int] = sa.bindparam("order_id")
    events, users = OrderEvent.__table__, User.__table__
    photos, voice_notes = OrderPhoto.__table__.c, OrderVoiceNote.__table__.c
    timeline = ("id", "order_id", "at", "action", "from_status", "to_status", "note", "actor_id")
    given: dict[str, dict[str, sa.ColumnElement]] = {
        "event": {name: events.c[name] for name in timeline} | {"actor_name": users.c.display_name},
        "photo": {
            name: photos[name]
            for name in ("id", "order_id", "stage", "content_type", "width", "height")
        },
        "voice": {
            name: voice_notes[name] for name in ("id", "order_id", "content_type", "seconds")
        },
    }
    types = {name: column.type for part in given.values() for name, column in part.items()}

    def part(name: str) -> sa.Select:
        columns = given[name]
        return sa.select(
            sa.literal_column(f"'{name}'").label("part"),
            *(
                columns[column].label(column)
                if column in columns
                else sa.cast(sa.null(), type_).label(column)
                for column, type_ in types.items()
            ),
        )

    return sa.union_all(
        part("event")
        .select_from(events.outerjoin(users, users.c.id == events.c.actor_id))
        .where(events.c.order_id == order_id),
        part("photo").where(photos.order_id == order_id),
        part("voice").where(voice_notes.order_id == order_id),
    ).order_by(sa.text("part"), sa.text("id"))


# Built once: a statement built per request costs as much as running it (its cache key).
ORDER_ROW = order_rows().where(Order.__table__.c.id == sa.bindparam("order_id"))
HISTORY = history()
PAGE_ROWS = page_rows()


def read_order(actor: Actor, order_id: int) -> OrderView:
    """The order with its timeline, photos and voice notes if the caller may see it, else 404
    (the same rule as orders/access.py `access_order`)."""
    connection = db.session.connection()
    result = connection.execute(ORDER_ROW, {"order_id": order_id})
    names = tuple(result.keys())
    row = result.one_or_none()
    if row is None:
        raise NotFound(_l("No such order."))
    order = OrderView(names, row)
    if not sees_order(actor, order):  # type: ignore[arg-type]
        raise NotFound(_l("No such order."))
    parts = {"event": order.events, "photo": order.photos, "voice": order.voice_notes}
    for item in connection.execute(HISTORY, {"order_id": order_id}):
        parts[item.part].append(item)
    return order


def page_rows_of(ids: sa.Select, order_by: list) -> sa.Select:
    """The rows (PAGE_ROWS) of the orders of a page, `ids`, in the order `order_by` says: the
    page's orders with their photos, in one statement."""
    return PAGE_ROWS.where(Order.__table__.c.id.in_(ids)).order_by(
        *order_by, OrderPhoto.__table__.c.id
    )


def read_page(
    statement: sa.Select, pagination_parameters, count: sa.Select | int, **bound: Any
) -> list[OrderView]:
    """The requested page of a `page_rows_of` statement (the item count as
    `pagination.page_window` takes it; `bound`: its other parameters' values)."""
    window = page_window(pagination_parameters, count)
    if window is None:
        return []
    size, offset = window
    # Core rows on the session's connection: the session's execute would wrap them in an
    # ORM result (0.1 ms a page) for nothing.
    connection = db.session.connection()
    return views(connection.execute(statement, {"size": size, "offset": offset, **bound}))


def read_orders(ids: list[int]) -> list[OrderView]:
    """These orders (a search's page) with their photos, in one statement, by id."""
    orders = Order.__table__
    return views(
        db.session.connection().execute(
            PAGE_ROWS.where(orders.c.id.in_(ids)).order_by(orders.c.id, OrderPhoto.__table__.c.id)
        )
    )


def views(rows: sa.CursorResult) -> list[OrderView]:
    """Rows of PAGE_ROWS, those of one order next to each other, as views with photos."""
    names = tuple(rows.keys())
    # Values by position: a Row's attribute is a lookup of its name (about half the loop's
    # time: 0.11 → 0.06 ms a page of twenty).
    order_id = names.index("id")
    photo_id, *photo = (names.index(f"photo_{name}") for name in PHOTO_COLUMNS)
    page: list[OrderView] = []
    last: OrderView | None = None
    for row in rows:
        if last is None or last.id != row[order_id]:
            last = OrderView(names, row)
            page.append(last)
        if row[photo_id] is not None:
            last.photos.append(Photo(row[photo_id], row[order_id], *(row[at] for at in photo)))
    return page
