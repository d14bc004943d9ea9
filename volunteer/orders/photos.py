"""Photos of a need and of finished work: recognised by content, re-encoded without EXIF."""

import io

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from volunteer.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.labels import STATUS_NAMES
from volunteer.orders.access import access_order
from volunteer.orders.models import Order, OrderPhoto
from volunteer.storage import storage

FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
MAX_PIXELS = 40_000_000


class PayloadTooLarge(DomainError):
    """An upload over the size limit."""

    code = 413


def reencode(data: bytes) -> tuple[bytes, str, int, int]:
    """Decode, turn upright, and encode again: EXIF (GPS!) and other metadata do not survive."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            if probe.width * probe.height > MAX_PIXELS:
                raise Invalid("photo", _l("The image has too many pixels."))
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,  # Pillow's word for a broken chunk
        ValueError,  # e.g. a text chunk over Pillow's limit
        Image.DecompressionBombError,
    ) as error:
        raise Invalid("photo", _l("Not a JPEG, PNG or WebP image.")) from error
    if image_format not in FORMATS:
        raise Invalid("photo", _l("Not a JPEG, PNG or WebP image."))
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(out, format=image_format, **options)
    return out.getvalue(), image_format, image.width, image.height


def add_photo(actor, order_id: int, data: bytes) -> OrderPhoto:
    """The owner adds up to 3 photos to an open order; the claimer up to 3 of the work."""
    order = access_order(actor, order_id)
    member = actor.member
    if actor.id in (order.owner_id, order.proxy_by_id):
        stage = "order"
        if order.status in ("closed", "rejected", "merged", "cancelled"):
            raise Conflict(
                _l("The order is %(status)s.", status=state_name(order.status, STATUS_NAMES))
            )
    elif member is not None and order.claimed_by_id == member.id:
        stage = "completion"
        if order.status not in ("claimed", "completed"):
            raise Conflict(
                _l("The order is %(status)s.", status=state_name(order.status, STATUS_NAMES))
            )
    else:
        raise Forbidden(_l("Only the resident or the claimer adds photos."))
    if len(data) > current_app.config["MAX_PHOTO_BYTES"]:
        raise PayloadTooLarge(_l("A photo may be at most 5 MB."))
    # Lock the order so that two uploads at once cannot both pass the limit (PostgreSQL;
    # SQLite serialises writing requests anyway).
    db.session.execute(sa.select(Order.id).where(Order.id == order.id).with_for_update())
    stored = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(OrderPhoto)
        .where(OrderPhoto.order_id == order.id, OrderPhoto.stage == stage)
    )
    if stored >= current_app.config["MAX_PHOTOS"]:
        raise Conflict(_l("This order already has 3 photos here."))
    encoded, image_format, width, height = reencode(data)
    content_type, suffix = FORMATS[image_format]
    photo = OrderPhoto(
        order=order,
        stage=stage,
        storage_key=storage().save(encoded, suffix),
        content_type=content_type,
        size=len(encoded),
        width=width,
        height=height,
        uploaded_by_id=actor.id,
    )
    db.session.add(photo)
    db.session.flush()
    return photo


def add_photos(actor, order_id: int, uploads: list[bytes]) -> list[OrderPhoto]:
    """Several photos at once, all or none: when one is refused, the files stored before it
    are deleted again (the caller rolls back their rows) and the refusal goes on, carrying
    the refused upload's position as `upload_index`."""
    added: list[OrderPhoto] = []
    try:
        for data in uploads:
            added.append(add_photo(actor, order_id, data))
    except DomainError as error:
        for photo in added:
            storage().delete(photo.storage_key)
        error.upload_index = len(added)
        raise
    return added


def read_photo(actor, order_id: int, photo_id: int) -> tuple[bytes, str]:
    """The photo's bytes, for those who may see the order."""
    order = access_order(actor, order_id)
    photo = next((p for p in order.photos if p.id == photo_id), None)
    if photo is None:
        raise NotFound(_l("No such photo."))
    return storage().read(photo.storage_key), photo.content_type
