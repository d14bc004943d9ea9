"""Periodic reviews (定期评议): the street opens a window; each resident of its communities
rates their community's service once while it is open."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.auth.models import RoleGrant
from volunteer.auth.roles import Role
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.notifications.services import notify
from volunteer.organisations.models import Community
from volunteer.satisfaction import Satisfaction
from volunteer.surveys.access import resident_community, street_in_scope
from volunteer.surveys.models import ReviewResponse, ReviewWindow


def open_review_window(actor: Actor, *, street_id: int, title: str, opens_at, closes_at):
    """A review window of the street; its residents are told."""
    street_in_scope(actor, street_id)
    if closes_at <= opens_at:
        raise Invalid("closes_at", _l("Must be after the opening time."))
    window = ReviewWindow(
        street_id=street_id,
        title=title,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by_id=actor.id,
    )
    db.session.add(window)
    db.session.flush()
    residents = sa.select(RoleGrant.user_id).where(
        RoleGrant.role == Role.RESIDENT,
        RoleGrant.community_id.in_(sa.select(Community.id).where(Community.street_id == street_id)),
    )
    notify(
        db.session.scalars(residents),
        "review_window",
        f"定期评议“{title}”开始了：请为您所在社区的服务打分（每人一次）。",
    )
    return window


def windows_of(actor: Actor, street_id: int | None = None) -> sa.Select:
    """Review windows the caller may see: a street's (administrators), or the windows of the
    street the caller lives in."""
    select = sa.select(ReviewWindow).order_by(ReviewWindow.opens_at.desc())
    if street_id is not None:
        street_in_scope(actor, street_id)
        return select.where(ReviewWindow.street_id == street_id)
    if actor.is_admin:
        return select
    streets = set(actor.street_admin_of)
    community = resident_community(actor)
    if community is not None:
        streets.add(community.street_id)
    return select.where(ReviewWindow.street_id.in_(streets))


def open_windows_for(actor: Actor) -> list[tuple[ReviewWindow, ReviewResponse | None]]:
    """The windows open now for the resident's street, with the resident's response if any."""
    community = resident_community(actor)
    if community is None:
        return []
    now = utcnow()
    windows = db.session.scalars(
        sa.select(ReviewWindow)
        .where(
            ReviewWindow.street_id == community.street_id,
            ReviewWindow.opens_at <= now,
            ReviewWindow.closes_at > now,
        )
        .order_by(ReviewWindow.closes_at)
    )
    return [(window, response_of(window.id, actor.id)) for window in windows]


def response_of(window_id: int, user_id: int) -> ReviewResponse | None:
    return db.session.scalar(
        sa.select(ReviewResponse).where(
            ReviewResponse.window_id == window_id, ReviewResponse.user_id == user_id
        )
    )


def respond(actor: Actor, window_id: int, *, satisfaction: str, comment: str | None = None):
    """The resident's rating of their community in the window: once, while it is open."""
    window = db.session.get(ReviewWindow, window_id)
    if window is None:
        raise NotFound(_l("No such review."))
    community = resident_community(actor)
    if community is None or community.street_id != window.street_id:
        if actor.is_admin or window.street_id in actor.street_admin_of:
            raise Forbidden(_l("Only the street's residents take part in the review."))
        raise NotFound(_l("No such review."))
    if not window.is_open(utcnow()):
        raise Conflict(_l("This review is not open."))
    if response_of(window.id, actor.id) is not None:
        raise Conflict(_l("You have already taken part in this review."))
    response = ReviewResponse(
        window_id=window.id,
        user_id=actor.id,
        community_id=community.id,
        satisfaction=Satisfaction(satisfaction),
        comment=comment,
    )
    db.session.add(response)
    db.session.flush()
    return response
