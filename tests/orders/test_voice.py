"""Voice notes of a need: POST /orders/{id}/voice (multipart field `file`) and GET of the URL
in the order's `voice_notes`. The recordings are made here with PyAV's encoders, in the
containers and codecs phones and browsers produce."""

import io
import math
import wave
from fractions import Fraction
from pathlib import Path

import av
import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.orders.test_photos import image_bytes

MiB = 1024 * 1024

# (container, codec, sample rate): what MediaRecorder, iPhones and picked files give.
RECORDINGS = {
    "webm": ("webm", "libopus", 48000, "audio/webm"),
    "ogg": ("ogg", "libopus", 48000, "audio/ogg"),
    "mp4": ("mp4", "aac", 44100, "audio/mp4"),
    "mp3": ("mp3", "libmp3lame", 44100, "audio/mpeg"),
    "wav": ("wav", "pcm_s16le", 16000, "audio/wav"),
}


class Stream(io.RawIOBase):
    """Where a browser's MediaRecorder writes: forward only, so no header is filled in later."""

    def __init__(self):
        self.written = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.written += data
        return len(data)


def tone(start: int, n: int, rate: int) -> bytes:
    return b"".join(
        int(0.3 * 32767 * math.sin(2 * math.pi * 440 * (start + i) / rate)).to_bytes(
            2, "little", signed=True
        )
        for i in range(n)
    )


def recording(
    kind: str = "webm", seconds: float = 3.0, *, video: bool = False, live: bool = False
) -> bytes:
    """A tone of `seconds` in the container and codec of `kind`; `live`: written as a
    stream, as MediaRecorder does."""
    container_format, codec, rate, _ = RECORDINGS[kind]
    out = Stream() if live else io.BytesIO()
    with av.open(out, mode="w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        if video:
            picture = container.add_stream("mpeg4", rate=5)
            picture.width, picture.height = 32, 32
            picture.pix_fmt = "yuv420p"
        chunk = 1024
        total = int(seconds * rate)
        for start in range(0, total, chunk):
            n = min(chunk, total - start)
            frame = av.AudioFrame(format="s16", layout="mono", samples=n)
            frame.planes[0].update(tone(start, n, rate))
            frame.sample_rate = rate
            frame.pts = start
            frame.time_base = Fraction(1, rate)
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
        if video:
            image = av.VideoFrame(32, 32, "yuv420p")
            for plane in image.planes:
                plane.update(bytes(plane.buffer_size))
            for packet in picture.encode(image):
                container.mux(packet)
            for packet in picture.encode(None):
                container.mux(packet)
    return bytes(out.written) if isinstance(out, Stream) else out.getvalue()


def pcm_wav(seconds: float, rate: int = 8000) -> bytes:
    """A WAV written by the standard library: silence, `seconds` long."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"\0\0" * int(seconds * rate))
    return out.getvalue()


def upload(api, order_id: int, data: bytes, filename: str = "note.webm"):
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(data), filename)})
    return api.post(
        f"/orders/{order_id}/voice",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.fixture
def order(post_order):
    return post_order()


def voice_notes(api, order_id: int) -> list[dict]:
    return api.get(f"/orders/{order_id}").json["voice_notes"]


class TestRecognisedByContent:
    @pytest.mark.parametrize("kind", sorted(RECORDINGS))
    def test_each_phone_format_is_accepted_with_its_length(self, app, district, order, kind):
        data = recording(kind, 3.0)
        response = upload(district.api.resident, order["id"], data, "whatever.bin")
        assert response.status_code == 201, response.json
        note = response.json
        assert note["seconds"] == pytest.approx(3.0, abs=0.15)
        assert note["content_type"] == RECORDINGS[kind][3]
        assert note["url"] == f"/api/v1/orders/{order['id']}/voice/{note['id']}"
        assert voice_notes(district.api.resident, order["id"]) == [note]
        api = district.api.resident
        served = api.client.get(note["url"], headers=api.headers)
        assert served.status_code == 200
        assert served.headers["Content-Type"] == RECORDINGS[kind][3]
        assert served.data == data
        assert len(stored_files(app)) == 1

    def test_a_recording_without_a_duration_header_is_measured_by_its_samples(
        self, district, order
    ):
        # A browser's MediaRecorder writes WebM as it goes: no duration in the header.
        data = recording("webm", 7.5, live=True)
        with av.open(io.BytesIO(data)) as container:
            assert container.duration is None
        response = upload(district.api.resident, order["id"], data)
        assert response.json["seconds"] == pytest.approx(7.5, abs=0.15)

    def test_the_player_can_ask_for_a_byte_range(self, district, order):
        data = recording("mp4", 2.0)
        note = upload(district.api.resident, order["id"], data).json
        api = district.api.resident
        served = api.client.get(note["url"], headers={**api.headers, "Range": "bytes=0-99"})
        assert served.status_code == 206
        assert served.data == data[:100]
        assert served.headers["Content-Range"] == f"bytes 0-99/{len(data)}"

    @pytest.mark.parametrize(
        "data",
        [
            pytest.param(b"", id="empty"),
            pytest.param(b"hello, this is not audio at all" * 50, id="text"),
            pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'/>", id="svg"),
            pytest.param(image_bytes("PNG"), id="png photo"),
            pytest.param(image_bytes("JPEG"), id="jpeg photo"),
            pytest.param(recording("webm", 2.0)[:200], id="cut-off webm"),
        ],
    )
    def test_anything_else_is_422_naming_the_file_and_stores_nothing(
        self, app, district, order, data
    ):
        response = upload(district.api.resident, order["id"], data, "note.webm")
        assert response.status_code == 422
        assert "file" in response.json["errors"]
        assert voice_notes(district.api.resident, order["id"]) == []
        assert stored_files(app) == []

    def test_a_video_is_not_a_voice_note(self, app, district, order):
        response = upload(district.api.resident, order["id"], recording("mp4", 1.0, video=True))
        assert response.status_code == 422
        assert stored_files(app) == []


class TestBounds:
    def test_120_seconds_pass_and_a_longer_note_is_422(self, app, district, order):
        assert upload(district.api.resident, order["id"], pcm_wav(120)).status_code == 201
        response = upload(district.api.resident, order["id"], pcm_wav(121))
        assert response.status_code == 422
        assert "120" in response.json["errors"]["file"][0]
        assert len(stored_files(app)) == 1

    def test_over_2_mb_is_422(self, app, district, order):
        data = pcm_wav(70, rate=16000)  # 2.24 MB of 16-bit samples, under 120 s
        assert len(data) > 2 * MiB
        response = upload(district.api.resident, order["id"], data)
        assert response.status_code == 422
        assert "2 MB" in response.json["errors"]["file"][0]
        assert stored_files(app) == []

    def test_at_most_three_notes_an_order(self, district, order):
        for _ in range(3):
            assert upload(district.api.resident, order["id"], pcm_wav(1)).status_code == 201
        assert upload(district.api.resident, order["id"], pcm_wav(1)).status_code == 409


class TestWhoMay:
    def test_the_secretary_adds_one_to_an_order_filed_for_a_resident(self, district):
        filed = district.api.secretary.post(
            "/orders",
            json={
                "kind": "need",
                "title": "帮老人取药",
                "description": "王奶奶腿脚不便，需要有人帮忙去社区医院取药。",
                "category": "eldercare",
                "community_id": district.community,
                "address": "幸福里小区1栋",
                "contact_phone": "13800138001",
                "urgency": "normal",
                "on_behalf_of": {"name": "王奶奶", "phone": "13800138001"},
            },
        )
        assert filed.status_code == 201, filed.json
        response = upload(district.api.secretary, filed.json["id"], recording("ogg", 1.0))
        assert response.status_code == 201

    def test_the_secretary_may_not_speak_for_a_resident_who_posted_themselves(
        self, district, order
    ):
        assert upload(district.api.secretary, order["id"], pcm_wav(1)).status_code == 403

    def test_another_resident_sees_no_such_order(self, district, order):
        assert upload(district.api.other_resident, order["id"], pcm_wav(1)).status_code == 404

    def test_the_member_hears_the_note_of_an_order_offered_to_the_team(self, district, order):
        note = upload(district.api.resident, order["id"], pcm_wav(1)).json
        district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
        )
        member = district.api.member
        assert member.client.get(note["url"], headers=member.headers).status_code == 200
        other = district.api.other_resident
        assert other.client.get(note["url"], headers=other.headers).status_code == 404

    def test_a_closed_order_takes_no_more_notes(self, district, order):
        district.api.resident.post(f"/orders/{order['id']}/cancel", json={"reason": "不需要了"})
        assert upload(district.api.resident, order["id"], pcm_wav(1)).status_code == 409

    def test_a_note_of_another_order_is_404(self, district, post_order):
        first, second = post_order(), post_order()
        note = upload(district.api.resident, first["id"], pcm_wav(1)).json
        api = district.api.resident
        url = f"/api/v1/orders/{second['id']}/voice/{note['id']}"
        assert api.client.get(url, headers=api.headers).status_code == 404
