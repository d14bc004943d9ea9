"""Voice notes of a need (文字·语音·图片): recognised by their content and length, kept as
recorded. Phones record WebM/Opus (Android) or MP4/AAC (iPhone); a file picked from the phone
may also be Ogg, MP3 or WAV. PyAV (FFmpeg's demuxers and decoders, bundled in its wheels)
reads the stream: the container must be one of those, hold audio and nothing else, and
decode; the length is counted from the decoded samples, because a browser's WebM recording
carries no duration in its header."""

import io
from dataclasses import dataclass

import av
import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.labels import STATUS_NAMES
from volunteer.orders.access import access_order
from volunteer.orders.models import Order, OrderVoiceNote
from volunteer.storage import Missing, storage

# FFmpeg's name of a container → how it is served and stored.
CONTAINERS = {
    "matroska,webm": ("audio/webm", ".webm"),
    "ogg": ("audio/ogg", ".ogg"),
    "mov,mp4,m4a,3gp,3g2,mj2": ("audio/mp4", ".m4a"),
    "mp3": ("audio/mpeg", ".mp3"),
    "wav": ("audio/wav", ".wav"),
}
# What a browser's <audio> plays and a phone records.
CODECS = {"opus", "vorbis", "aac", "mp3", "mp3float", "pcm_s16le", "pcm_u8", "pcm_f32le"}
CLOSED = ("closed", "rejected", "merged", "cancelled")
NOT_AUDIO = _l("Not a voice recording (WebM, Ogg, MP4/AAC, MP3 or WAV).")


@dataclass(frozen=True)
class Recording:
    content_type: str
    suffix: str
    seconds: float


def probe(data: bytes) -> Recording:
    """What the bytes are, or Invalid: one audio stream in a known container, no video,
    decodable from start to end; its length in seconds from the samples."""
    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            known = CONTAINERS.get(container.format.name)
            streams = container.streams
            if known is None or streams.video or len(streams.audio) != 1:
                raise Invalid("file", NOT_AUDIO)
            stream = streams.audio[0]
            if stream.codec_context.name not in CODECS:
                raise Invalid("file", NOT_AUDIO)
            samples = 0
            rate = 0
            for frame in container.decode(stream):
                samples += frame.samples
                rate = frame.sample_rate or rate
    except (av.FFmpegError, ValueError, UnicodeDecodeError) as error:
        raise Invalid("file", NOT_AUDIO) from error
    if not samples or not rate:
        raise Invalid("file", NOT_AUDIO)
    return Recording(*known, seconds=round(samples / rate, 1))


def add_voice_note(actor: Actor, order_id: int, data: bytes) -> OrderVoiceNote:
    """The resident, or whoever filed the order for them (代办), adds a spoken note to an
    order that is still open: at most 2 MB and 120 s, up to MAX_VOICE_NOTES an order."""
    order = access_order(actor, order_id)
    if actor.id not in (order.owner_id, order.proxy_by_id):
        raise Forbidden(_l("Only the resident or whoever filed the order adds a voice note."))
    if order.status in CLOSED:
        raise Conflict(
            _l("The order is %(status)s.", status=state_name(order.status, STATUS_NAMES))
        )
    config = current_app.config
    if len(data) > config["MAX_VOICE_BYTES"]:
        raise Invalid("file", _l("A voice note may be at most 2 MB."))
    recording = probe(data)
    if recording.seconds > config["MAX_VOICE_SECONDS"]:
        raise Invalid("file", _l("A voice note may be at most 120 seconds long."))
    # Lock the order so that two uploads at once cannot both pass the limit (PostgreSQL;
    # SQLite serialises writing requests anyway).
    db.session.execute(sa.select(Order.id).where(Order.id == order.id).with_for_update())
    stored = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(OrderVoiceNote)
        .where(OrderVoiceNote.order_id == order.id)
    )
    if stored >= config["MAX_VOICE_NOTES"]:
        raise Conflict(_l("This order already has its voice notes."))
    note = OrderVoiceNote(
        order=order,
        storage_key=storage().save(data, recording.suffix),
        content_type=recording.content_type,
        size=len(data),
        seconds=recording.seconds,
        uploaded_by_id=actor.id,
    )
    db.session.add(note)
    db.session.flush()
    return note


def read_voice_note(actor: Actor, order_id: int, note_id: int) -> tuple[bytes, str]:
    """The recording's bytes, for those who may see the order."""
    order = access_order(actor, order_id)
    note = db.session.get(OrderVoiceNote, note_id)
    if note is None or note.order_id != order.id:
        raise NotFound(_l("No such voice note."))
    try:
        return storage().read(note.storage_key), note.content_type
    except Missing as error:
        raise NotFound(_l("No such voice note.")) from error
