"""An order as one caller may see it: contact data masked unless they may see it."""

import sqlalchemy as sa
from flask import url_for

from volunteer.auth.access import Actor
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.appointments import present_appointment
from volunteer.orders.models import OrderEvent
from volunteer.orders.privacy import contact_for, mask_name
from volunteer.orders.reading import OrderView


def present(order, actor: Actor, *, with_events: bool = False) -> dict:
    """The order object of docs/api.md for this caller."""
    data = {
        name: getattr(order, name)
        for name in (
            "id",
            "kind",
            "title",
            "description",
            "category",
            "community_id",
            "grid_id",
            "grid",
            "urgency",
            "preferred_time",
            "status",
            "close_reason",
            "created_at",
            "dispatched_at",
            "due_at",
            "overdue",
            "merged_into_id",
            "rework_count",
            "first_contact_id",
            "version",
        )
    }
    data["on_behalf"] = order.proxy_by_id is not None
    data["dispatch"] = {
        "team_id": order.dispatch_team_id,
        "member_id": order.dispatch_member_id,
        "pool": order.dispatch_pool,
    }
    data["claimed_by"] = (
        {"member_id": order.claimed_by_id, "display_name": order.claimed_by.display_name}
        if order.claimed_by is not None
        else None
    )
    data["completion"] = (
        {"note": order.completion_note, "hours": order.completion_hours, "at": order.completed_at}
        if order.completed_at is not None
        else None
    )
    data["rating"] = (
        {"score": order.score, "comment": order.rating_comment, "at": order.rated_at}
        if order.score is not None
        else None
    )
    data["contact"] = contact = contact_for(actor, order)
    data["photos"] = [present_photo(photo) for photo in order.photos]
    data["appointment"] = present_appointment(order)
    if with_events:
        first = order.first_contact
        data["first_contact"] = (
            {"user_id": first.id, "display_name": first.display_name} if first else None
        )
        data["voice_notes"] = [present_voice_note(note) for note in order.voice_notes]
        data["events"] = [
            {
                "at": event.at,
                "actor": event_actor(event, order, masked=contact["masked"]),
                "action": event.action,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "note": event.note,
            }
            for event in events_of(order)
        ]
    return data


def present_voice_note(note) -> dict:
    return {
        "id": note.id,
        "seconds": note.seconds,
        "url": url_for("orders.get_voice_note", order_id=note.order_id, voice_id=note.id),
        "content_type": note.content_type,
    }


def events_of(order) -> list:
    """The order's events, oldest first: a view's as read with it; a mapped order's from its
    collection when this request has it (a new order's: every event is appended to it as it
    is made), else read (`timeline`)."""
    if isinstance(order, OrderView) or "events" in order.__dict__:
        return order.events
    return timeline(order)


def timeline(order) -> list:
    """The order's events oldest first, each with its actor's name (`actor_name`): one
    statement of plain rows. Loading the events' actors as users would load their role
    grants as well, which nothing here needs."""
    return list(
        db.session.execute(
            sa.select(
                OrderEvent.at,
                OrderEvent.action,
                OrderEvent.from_status,
                OrderEvent.to_status,
                OrderEvent.note,
                OrderEvent.actor_id,
                User.display_name.label("actor_name"),
            )
            .outerjoin(User, User.id == OrderEvent.actor_id)
            .where(OrderEvent.order_id == order.id)
            .order_by(OrderEvent.id)
        )
    )


def event_actor(event, order, *, masked: bool) -> dict | None:
    """Who acted; the resident's own name is masked for those who see the contact masked.
    `event` is a row of `timeline` (or an OrderEvent)."""
    if event.actor_id is None:
        return None
    name = event.actor_name if hasattr(event, "actor_name") else event.actor.display_name
    if masked and event.actor_id == order.owner_id:
        name = mask_name(name)
    return {"id": event.actor_id, "display_name": name}


def present_photo(photo) -> dict:
    return {
        "id": photo.id,
        "stage": photo.stage,
        "url": url_for("orders.get_photo", order_id=photo.order_id, photo_id=photo.id),
        "content_type": photo.content_type,
        "width": photo.width,
        "height": photo.height,
    }
