"""Photos of a need and of finished work: recognised by content, re-encoded without EXIF."""

import io

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps, UnidentifiedImageError

from volunteer.auth.access import Actor
from volunteer.errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.labels import STATUS_NAMES
from volunteer.orders.access import access_order
from volunteer.orders.models import Order, OrderPhoto
from volunteer.storage import Missing, Stream, storage

FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
# Bounds read from the header, before a pixel is decoded. A baseline JPEG is decoded at a
# reduced scale (`draft`: 1/2, 1/4 or 1/8 in libjpeg), so it may be as large as a phone's
# full-resolution shot: 48 Mpx (8000 × 6000) and 50 Mpx sensors (8160 × 6120), with a
# little room. PNG, WebP and progressive JPEG are decoded at full size (WebP through
# buffers of 4 bytes a pixel, about 20 bytes a pixel at its peak): 12.6 Mpx (4096 × 3072)
# holds a 12 Mpx photo (4032 × 3024) and any screenshot (a phone's 1440 × 3200, a tablet's
# 2732 × 2048), and refuses the 6300 × 6300 PNG that took 6 s and 388 MB. A real photo over
# these bounds is over the 5 MB upload limit anyway.
MAX_PIXELS = 51_000_000
MAX_FULL_DECODE_PIXELS = 4096 * 3072
# Photos are stored at most this many pixels on their longer side: sharper than any phone
# screen shows them, and small enough that the usual 12 Mpx phone photo (4032 × 3024)
# decodes at half scale (2016 × 1512) and a 48 Mpx one at a quarter.
MAX_EDGE = 2000
TOO_MANY_PIXELS = _l("The image has too many pixels.")
NOT_AN_IMAGE = _l("Not a JPEG, PNG or WebP image.")


class PayloadTooLarge(DomainError):
    """An upload over the size limit."""

    code = 413


class TooManyPixels(Invalid):
    """An image whose header announces more pixels than a photo has (a decompression bomb)."""

    def __init__(self):
        super().__init__("photo", TOO_MANY_PIXELS)


def check_pixels(probe: Image.Image) -> None:
    """Refuse from the header what would cost too much to decode; else let a JPEG decode
    at the smallest scale that still covers the stored size."""
    pixels = probe.width * probe.height
    drafted = probe.format == "JPEG" and not probe.info.get("progressive")
    if pixels > (MAX_PIXELS if drafted else MAX_FULL_DECODE_PIXELS):
        raise TooManyPixels()
    shrink = MAX_EDGE / max(probe.size)
    if drafted and shrink < 1:
        probe.draft(None, (int(probe.width * shrink) or 1, int(probe.height * shrink) or 1))


def reencode(data: bytes) -> tuple[bytes, str, int, int]:
    """Decode (bounded), turn upright, scale down to MAX_EDGE and encode again: EXIF (GPS!)
    and other metadata do not survive."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image_format = image.format
            if image_format not in FORMATS:
                raise Invalid("photo", NOT_AN_IMAGE)
            check_pixels(image)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # no second copy of the pixels
            return encode(image, image_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise TooManyPixels() from error
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,  # Pillow's word for a broken chunk
        ValueError,  # e.g. a text chunk over Pillow's limit
    ) as error:
        raise Invalid("photo", NOT_AN_IMAGE) from error


def encode(image: Image.Image, image_format: str) -> tuple[bytes, str, int, int]:
    """The upright image at most MAX_EDGE on a side, in its own format, without metadata."""
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    options = {"quality": 85} if image_format in ("JPEG", "WEBP") else {"optimize": True}
    image.save(out, format=image_format, **options)
    return out.getvalue(), image_format, image.width, image.height


def add_photo(actor: Actor, order_id: int, data: bytes) -> OrderPhoto:
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


def add_photos(actor: Actor, order_id: int, uploads: list[bytes]) -> list[OrderPhoto]:
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


def read_photo(actor: Actor, order_id: int, photo_id: int) -> tuple[Stream, str]:
    """The photo, streamed from the storage, for those who may see the order."""
    order = access_order(actor, order_id)
    photo = next((p for p in order.photos if p.id == photo_id), None)
    if photo is None:
        raise NotFound(_l("No such photo."))
    try:
        return storage().stream(photo.storage_key), photo.content_type
    except Missing as error:
        raise NotFound(_l("No such photo.")) from error
