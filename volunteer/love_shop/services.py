"""The 爱心超市: the secretary's catalogue, redemptions reserved with a short code, the
hand-over by that code, and cancelling (which refunds).

A redemption takes one from the stock and debits the person's account, each by a conditional
UPDATE in the same transaction: of several people redeeming the last item at once exactly one
gets it, and nobody's balance goes below zero; a refusal writes nothing."""

import secrets

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor, manages_community, sees_community
from volunteer.auth.communities import access_community
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.love_bank import ledger
from volunteer.love_bank.models import EntryReason, Redemption, RedemptionStatus, ShopItem
from volunteer.orders.photos import FORMATS, PayloadTooLarge, reencode
from volunteer.storage import storage

# Codes people read out or type: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def add_item(actor: Actor, community_id: int, *, name: str, points: int, stock: int) -> ShopItem:
    """The secretary adds an item to the community's catalogue."""
    community = access_community(actor, community_id)
    if not manages_community(actor, community):
        raise Forbidden(_l("Only the community's secretary keeps the love shop."))
    item = ShopItem(community_id=community.id, name=name, points=points, stock=stock)
    db.session.add(item)
    db.session.flush()
    return item


def items_query(actor: Actor, community_id: int) -> sa.Select:
    """The community's items on offer (its residents, members and managers)."""
    community = access_community(actor, community_id)
    return (
        sa.select(ShopItem)
        .where(ShopItem.community_id == community.id, ShopItem.active.is_(True))
        .order_by(ShopItem.points, ShopItem.id)
    )


def access_item(actor: Actor, item_id: int) -> ShopItem:
    item = db.session.get(ShopItem, item_id)
    if item is None or not sees_community(actor, item.community):
        raise NotFound(_l("No such item."))
    return item


def manage_item(actor: Actor, item_id: int) -> ShopItem:
    item = access_item(actor, item_id)
    if not manages_community(actor, item.community):
        raise Forbidden(_l("Only the community's secretary keeps the love shop."))
    return item


def update_item(actor: Actor, item_id: int, **changes) -> ShopItem:
    """Restock, reprice, rename or withdraw an item."""
    item = manage_item(actor, item_id)
    for name, value in changes.items():
        setattr(item, name, value)
    db.session.flush()
    return item


def set_picture(actor: Actor, item_id: int, data: bytes) -> ShopItem:
    """The item's picture: recognised by content and re-encoded without metadata, like an
    order's photos; it replaces the one before."""
    item = manage_item(actor, item_id)
    if len(data) > current_app.config["MAX_PHOTO_BYTES"]:
        raise PayloadTooLarge(_l("A photo may be at most 5 MB."))
    try:
        encoded, image_format, _width, _height = reencode(data)
    except Invalid as error:
        raise Invalid("picture", error.message) from error
    content_type, suffix = FORMATS[image_format]
    earlier = item.picture_key
    item.picture_key = storage().save(encoded, suffix)
    item.picture_type = content_type
    db.session.flush()
    if earlier is not None:
        storage().delete(earlier)
    return item


def read_picture(actor: Actor, item_id: int) -> tuple[bytes, str]:
    item = access_item(actor, item_id)
    if item.picture_key is None or item.picture_type is None:
        raise NotFound(_l("This item has no picture."))
    return storage().read(item.picture_key), item.picture_type


def new_code() -> str:
    """A short code nobody holds yet (codes of handed-over and cancelled redemptions stay
    taken, so that an old slip never matches a new redemption)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(sa.select(Redemption.id).where(Redemption.code == code)) is None:
            return code


def redeem(actor: Actor, item_id: int) -> Redemption:
    """Reserve one of the item for the caller against their points (409 when out of stock
    or the balance is too low)."""
    item = access_item(actor, item_id)
    if not item.active:
        raise Conflict(_l("This item is no longer offered."))
    account = ledger.find_person_account(actor.id)
    if account is None or account.balance < item.points:
        raise Conflict(_l("The balance is too low."))
    taken = db.session.execute(
        sa.update(ShopItem)
        .where(ShopItem.id == item.id, ShopItem.stock > 0)
        .values(stock=ShopItem.stock - 1)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(_l("Out of stock."))
    db.session.expire(item, ["stock"])
    redemption = Redemption(
        item_id=item.id,
        community_id=item.community_id,
        user_id=actor.id,
        points=item.points,
        code=new_code(),
        status=RedemptionStatus.RESERVED,
    )
    db.session.add(redemption)
    db.session.flush()
    ledger.transfer(
        account,
        ledger.community_account(item.community_id),
        item.points,
        EntryReason.REDEMPTION,
        actor_id=actor.id,
        redemption_id=redemption.id,
    )
    return redemption


def _move(redemption: Redemption, to: RedemptionStatus, **changes) -> None:
    """reserved → `to`, conditional on it still being reserved (one of two at once wins)."""
    moved = db.session.execute(
        sa.update(Redemption)
        .where(Redemption.id == redemption.id, Redemption.status == RedemptionStatus.RESERVED)
        .values(status=to, **changes)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(_l("The redemption is no longer reserved."))
    db.session.expire(redemption)


def hand_over(actor: Actor, code: str) -> Redemption:
    """The secretary gives the item to whoever shows the code."""
    code = code.strip().upper()
    redemption = db.session.scalar(sa.select(Redemption).where(Redemption.code == code))
    if redemption is None or not manages_community(actor, redemption.item.community):
        if actor.secretary_of or actor.street_admin_of or actor.is_admin:
            raise NotFound(_l("No redemption with this code in your community."))
        raise Forbidden(_l("Only the community's secretary hands items over."))
    if redemption.status != RedemptionStatus.RESERVED:
        raise Conflict(_l("The redemption is no longer reserved."))
    _move(
        redemption,
        RedemptionStatus.HANDED_OVER,
        handed_over_at=utcnow(),
        handed_over_by_id=actor.id,
    )
    return redemption


def access_redemption(actor: Actor, redemption_id: int) -> Redemption:
    redemption = db.session.get(Redemption, redemption_id)
    if redemption is None or not (
        redemption.user_id == actor.id or manages_community(actor, redemption.item.community)
    ):
        raise NotFound(_l("No such redemption."))
    return redemption


def cancel(actor: Actor, redemption_id: int) -> Redemption:
    """The person (or the secretary) cancels a reservation: the item goes back on the
    shelf and the points back to the person."""
    redemption = access_redemption(actor, redemption_id)
    if redemption.status != RedemptionStatus.RESERVED:
        raise Conflict(_l("The redemption is no longer reserved."))
    _move(redemption, RedemptionStatus.CANCELLED, cancelled_at=utcnow())
    db.session.execute(
        sa.update(ShopItem)
        .where(ShopItem.id == redemption.item_id)
        .values(stock=ShopItem.stock + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(redemption.item, ["stock"])
    ledger.transfer(
        ledger.community_account(redemption.community_id),
        ledger.person_account(redemption.user_id, redemption.community_id),
        redemption.points,
        EntryReason.REFUND,
        key=f"refund:{redemption.id}",
        actor_id=actor.id,
        redemption_id=redemption.id,
    )
    return redemption


def redemptions_of(actor: Actor, limit: int = 50) -> list[Redemption]:
    """The caller's redemptions, newest first."""
    return list(
        db.session.scalars(
            sa.select(Redemption)
            .where(Redemption.user_id == actor.id)
            .order_by(Redemption.id.desc())
            .limit(limit)
        )
    )


def reserved_in(actor: Actor, community_id: int) -> list[Redemption]:
    """What waits to be handed over in a community the caller manages."""
    community = access_community(actor, community_id)
    if not manages_community(actor, community):
        raise Forbidden(_l("Only the community's secretary keeps the love shop."))
    return list(
        db.session.scalars(
            sa.select(Redemption)
            .where(
                Redemption.community_id == community.id,
                Redemption.status == RedemptionStatus.RESERVED,
            )
            .order_by(Redemption.id)
        )
    )
