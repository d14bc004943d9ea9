"""Photos of a need and of the finished work: POST /orders/{id}/photos (multipart field
`photo`) and GET of the URL in the order's `photos` list."""

import contextlib
import io
import os
import struct
import threading
import zlib
from pathlib import Path

import pytest
from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from volunteer.extensions import db
from volunteer.orders import photos as photo_service

TEST_DATABASE_URL = os.environ.get("VOLUNTEER_TEST_DATABASE_URL")

MiB = 1024 * 1024
GPS_IFD = 0x8825
ORIENTATION = 0x0112
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def image_bytes(image_format: str, size=(40, 30), color="tomato", **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=image_format, **options)
    return out.getvalue()


def gps_exif() -> Image.Exif:
    """EXIF as a phone writes it: camera, time, and where the picture was taken."""
    exif = Image.Exif()
    exif[0x010F] = "HUAWEI"
    exif[0x0132] = "2026:11:20 09:30:00"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (31.0, 14.0, 5.5)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 7.25)
    return exif


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload))
    )


def png_with_chunk(kind: bytes, payload: bytes) -> bytes:
    """A small valid PNG with one more chunk right after the header (IHDR ends at 33)."""
    png = image_bytes("PNG", (8, 8))
    return png[:33] + png_chunk(kind, payload) + png[33:]


def png_of_exactly(total: int) -> bytes:
    """A valid PNG of exactly `total` bytes, padded with a text chunk."""
    padding = total - len(image_bytes("PNG", (8, 8))) - 12 - len(b"Comment\x00")
    data = png_with_chunk(b"tEXt", b"Comment\x00" + b"x" * padding)
    assert len(data) == total
    return data


def broken_png() -> bytes:
    """A noise PNG whose second data chunk lost its type: the picture stops half way."""
    noise = Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))
    out = io.BytesIO()
    noise.save(out, format="PNG")
    data = bytearray(out.getvalue())
    second_idat = data.index(b"IDAT", data.index(b"IDAT") + 4)
    data[second_idat : second_idat + 4] = b"\0\0\0\0"
    return bytes(data)


def noise_png(min_bytes: int) -> bytes:
    """A real photo-sized PNG: random noise, stored uncompressed, just over min_bytes."""
    side = int((min_bytes / 3) ** 0.5) + 10
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=0)
    return out.getvalue()


def multipart(field: str, data: bytes, filename: str) -> dict:
    """The request body encoded here: given a dict of files, the test client spools large
    bodies to a temporary file it never closes (a ResourceWarning, an error here)."""
    boundary, body = encode_multipart({field: FileStorage(io.BytesIO(data), filename)})
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def upload(api, order_id: int, data: bytes, filename: str = "photo.jpg"):
    return api.post(f"/orders/{order_id}/photos", **multipart("photo", data, filename))


def uploaded(api, order_id: int, data: bytes, filename: str = "photo.jpg") -> dict:
    response = upload(api, order_id, data, filename)
    assert response.status_code == 201, response.json
    return response.json


def fetch(api, url: str):
    """GET a photo URL as given in the order (it already carries /api/v1)."""
    return api.client.get(url, headers=api.headers)


def served_image(api, url: str) -> tuple[Image.Image, str]:
    response = fetch(api, url)
    assert response.status_code == 200
    image = Image.open(io.BytesIO(response.data))
    image.load()
    return image, response.headers["Content-Type"]


def stored_files(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_FOLDER"])
    return sorted(folder.iterdir()) if folder.exists() else []


def assert_error(response, code: int) -> None:
    assert response.status_code == code
    assert response.json["code"] == code
    assert response.json["message"]


def assert_rejected(app, district, order, response, code: int, field: str | None = None):
    """The error body, and nothing stored: no photo on the order, no file on disk."""
    assert_error(response, code)
    if field is not None:
        assert field in response.json["errors"]
    assert district.api.resident.get(f"/orders/{order['id']}").json["photos"] == []
    assert stored_files(app) == []


@pytest.fixture
def order(post_order):
    return post_order()


class TestWhatIsStored:
    @pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
    def test_photo_is_stored_without_exif_or_gps(self, app, district, order, image_format):
        data = image_bytes(image_format, exif=gps_exif())
        with Image.open(io.BytesIO(data)) as original:
            assert original.getexif().get_ifd(GPS_IFD)[2] == (31.0, 14.0, 5.5)
        photo = uploaded(district.api.resident, order["id"], data)
        image, _ = served_image(district.api.resident, photo["url"])
        assert image.format == image_format
        assert dict(image.getexif()) == {}
        assert dict(image.getexif().get_ifd(GPS_IFD)) == {}
        assert "exif" not in image.info
        (stored,) = stored_files(app)
        assert b"Exif" not in stored.read_bytes()
        assert b"HUAWEI" not in stored.read_bytes()

    def test_jpeg_is_answered_with_its_place_in_the_order(self, district, order):
        photo = uploaded(district.api.resident, order["id"], image_bytes("JPEG", (64, 48)))
        assert photo["stage"] == "order"
        assert photo["content_type"] == "image/jpeg"
        assert (photo["width"], photo["height"]) == (64, 48)
        listed = district.api.resident.get(f"/orders/{order['id']}").json["photos"]
        assert listed == [photo]
        assert photo["url"] == f"/api/v1/orders/{order['id']}/photos/{photo['id']}"

    def test_photo_is_turned_upright_by_its_orientation_tag(self, district, order):
        exif = Image.Exif()
        exif[ORIENTATION] = 6  # taken with the phone turned: rotate 90° clockwise to view
        data = image_bytes("JPEG", (40, 20), exif=exif)
        photo = uploaded(district.api.resident, order["id"], data)
        assert (photo["width"], photo["height"]) == (20, 40)
        image, _ = served_image(district.api.resident, photo["url"])
        assert image.size == (20, 40)
        assert ORIENTATION not in image.getexif()

    @pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
    def test_png_and_webp_are_accepted(self, district, order, image_format):
        name = "photo." + image_format.lower()
        photo = uploaded(district.api.resident, order["id"], image_bytes(image_format), name)
        assert photo["content_type"] == CONTENT_TYPES[image_format]
        image, content_type = served_image(district.api.resident, photo["url"])
        assert image.format == image_format
        assert content_type == CONTENT_TYPES[image_format]

    def test_a_48_megapixel_phone_jpeg_is_stored_at_a_bounded_size(self, district, order):
        phone = image_bytes("JPEG", (8000, 6000), quality=85)
        photo = uploaded(district.api.resident, order["id"], phone)
        assert (photo["width"], photo["height"]) == (2000, 1500)
        image, content_type = served_image(district.api.resident, photo["url"])
        assert (image.size, content_type) == ((2000, 1500), "image/jpeg")

    def test_a_large_png_screenshot_is_stored_at_a_bounded_size(self, district, order):
        photo = uploaded(district.api.resident, order["id"], image_bytes("PNG", (1440, 3200)))
        assert (photo["width"], photo["height"]) == (900, 2000)

    def test_format_is_recognised_by_content_not_by_name(self, district, order):
        photo = uploaded(district.api.resident, order["id"], image_bytes("PNG"), "photo.jpg")
        assert photo["content_type"] == "image/png"


class TestRefused:
    def test_text_file_named_jpg_is_422(self, app, district, order):
        response = upload(district.api.resident, order["id"], b"not a photo at all\n", "x.jpg")
        assert_rejected(app, district, order, response, 422, "photo")

    def test_gif_is_422(self, app, district, order):
        gif = io.BytesIO()
        Image.new("P", (20, 20)).save(gif, format="GIF")
        response = upload(district.api.resident, order["id"], gif.getvalue(), "anim.gif")
        assert_rejected(app, district, order, response, 422, "photo")

    def test_missing_photo_field_is_422(self, district, order):
        response = district.api.resident.post(
            f"/orders/{order['id']}/photos",
            **multipart("picture", image_bytes("JPEG"), "a.jpg"),
        )
        assert_error(response, 422)
        assert "photo" in response.json["errors"]

    def test_truncated_jpeg_is_422(self, app, district, order):
        response = upload(district.api.resident, order["id"], broken_png(), "broken.png")
        assert_rejected(app, district, order, response, 422, "photo")

    def test_image_with_too_many_pixels_is_422(self, app, district, order):
        big = io.BytesIO()
        Image.new("1", (7000, 7000)).save(big, format="PNG")  # 49 Mpx in a few kB
        response = upload(district.api.resident, order["id"], big.getvalue(), "big.png")
        assert_rejected(app, district, order, response, 422, "photo")

    def test_a_6300_pixel_square_png_is_refused_before_decoding(self, app, district, order):
        # 130 kB on the wire, 40 Mpx: decoding it took 6 s and 388 MB.
        bomb = image_bytes("PNG", (6300, 6300))
        assert len(bomb) < 200_000
        response = upload(district.api.resident, order["id"], bomb, "bomb.png")
        assert_rejected(app, district, order, response, 422, "photo")
        assert response.json["errors"]["photo"] == ["The image has too many pixels."]

    def test_a_progressive_jpeg_is_bounded_like_a_png(self, app, district, order):
        # libjpeg decodes a progressive JPEG at full size whatever the scale asked for.
        big = image_bytes("JPEG", (4200, 3200), progressive=True)
        response = upload(district.api.resident, order["id"], big)
        assert_rejected(app, district, order, response, 422, "photo")
        photo = uploaded(district.api.resident, order["id"], image_bytes("JPEG", (4200, 3200)))
        assert (photo["width"], photo["height"]) == (2000, 1524)

    def test_decompression_bomb_is_422(self, app, district, order):
        # A header claiming 30000 × 30000 pixels; Pillow refuses it on opening.
        header = struct.pack(">IIBBBBB", 30000, 30000, 1, 0, 0, 0, 0)
        bomb = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IEND", b"")
        response = upload(district.api.resident, order["id"], bomb, "bomb.png")
        assert_rejected(app, district, order, response, 422, "photo")

    def test_png_broken_between_its_data_chunks_is_422(self, app, district, order):
        response = upload(district.api.resident, order["id"], broken_png(), "broken.png")
        assert_rejected(app, district, order, response, 422, "photo")

    def test_a_broken_png_is_422_after_a_report_pdf_was_rendered(self, app, district, order):
        # WeasyPrint, imported to render the PDF, makes Pillow accept truncated images.
        body = {"employer_id": district.employer, "period_start": "2026-01-01"}
        report = district.api.admin.post("/reports", json={**body, "period_end": "2026-06-30"})
        assert district.api.admin.get(f"/reports/{report.json['id']}/pdf").status_code == 200
        response = upload(district.api.resident, order["id"], broken_png(), "broken.png")
        assert_rejected(app, district, order, response, 422, "photo")

    def test_png_with_a_text_bomb_is_422(self, app, district, order):
        # 2 kB on the wire, 2 MB of text when inflated: over Pillow's MAX_TEXT_CHUNK.
        bomb = png_with_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"x" * 2 * MiB, 9))
        assert len(bomb) < 10_000
        response = upload(district.api.resident, order["id"], bomb, "text.png")
        assert_rejected(app, district, order, response, 422, "photo")


class TestSize:
    def test_default_limit_is_five_megabytes(self, app):
        assert app.config["MAX_PHOTO_BYTES"] == 5 * MiB

    def test_real_photo_over_five_megabytes_is_413(self, app, district, order):
        data = noise_png(5 * MiB)
        assert 5 * MiB < len(data) < 6 * MiB
        response = upload(district.api.resident, order["id"], data, "noise.png")
        assert_rejected(app, district, order, response, 413)

    def test_photo_of_exactly_five_megabytes_is_accepted(self, app, district, order):
        response = upload(district.api.resident, order["id"], png_of_exactly(5 * MiB + 1))
        assert_rejected(app, district, order, response, 413)
        photo = uploaded(district.api.resident, order["id"], png_of_exactly(5 * MiB))
        assert photo["content_type"] == "image/png"

    def test_lowered_limit_is_honoured(self, app, district, order):
        app.config["MAX_PHOTO_BYTES"] = 1000
        response = upload(district.api.resident, order["id"], png_of_exactly(1001))
        assert_rejected(app, district, order, response, 413)
        uploaded(district.api.resident, order["id"], png_of_exactly(1000))

    def test_body_over_the_request_limit_is_413_in_the_error_body(self, app, district, order):
        data = os.urandom(app.config["MAX_CONTENT_LENGTH"] + 1)
        response = upload(district.api.resident, order["id"], data)
        assert_rejected(app, district, order, response, 413)


class TestHowMany:
    def test_fourth_resident_photo_is_409(self, app, district, order):
        for _ in range(3):
            uploaded(district.api.resident, order["id"], image_bytes("JPEG"))
        response = upload(district.api.resident, order["id"], image_bytes("JPEG"))
        assert_error(response, 409)
        photos = district.api.resident.get(f"/orders/{order['id']}").json["photos"]
        assert [photo["stage"] for photo in photos] == ["order"] * 3
        assert len(stored_files(app)) == 3

    def test_claimer_adds_up_to_three_completion_photos(self, district, claimed):
        for _ in range(3):
            uploaded(district.api.resident, claimed["id"], image_bytes("JPEG"))
        for _ in range(3):
            photo = uploaded(district.api.member, claimed["id"], image_bytes("JPEG", color="navy"))
            assert photo["stage"] == "completion"
        response = upload(district.api.member, claimed["id"], image_bytes("JPEG"))
        assert_error(response, 409)
        photos = district.api.member.get(f"/orders/{claimed['id']}").json["photos"]
        assert [photo["stage"] for photo in photos] == ["order"] * 3 + ["completion"] * 3

    def test_two_uploads_at_once_do_not_pass_the_limit(
        self, app, district, order, as_user, monkeypatch
    ):
        """With two photos on the order, the resident sends two more at the same moment
        (two devices): one is stored, the other is 409.

        Both requests are held just after the count until both have counted (a real
        interleaving on PostgreSQL; SQLite serialises writing requests, BEGIN IMMEDIATE,
        so there the second only starts once the first has committed)."""
        for _ in range(2):
            uploaded(district.api.resident, order["id"], image_bytes("JPEG"))
        with app.app_context():
            interleave = db.engine.dialect.name != "sqlite"
        both_counted = threading.Barrier(2, timeout=3)
        original = photo_service.reencode

        def reencode_in_lockstep(data):
            if interleave:
                # Broken: the other request is held elsewhere (a lock), so go on alone.
                with contextlib.suppress(threading.BrokenBarrierError):
                    both_counted.wait()
            return original(data)

        monkeypatch.setattr(photo_service, "reencode", reencode_in_lockstep)
        devices = [as_user(district.resident) for _ in range(2)]
        statuses: list = []

        def send(api) -> None:
            api.client = app.test_client()
            try:
                statuses.append(upload(api, order["id"], image_bytes("JPEG")).status_code)
            except Exception as error:  # reported in the main thread
                statuses.append(error)

        threads = [threading.Thread(target=send, args=(api,)) for api in devices]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(statuses) == [201, 409]
        photos = district.api.resident.get(f"/orders/{order['id']}").json["photos"]
        assert len(photos) == 3


class TestWhoMay:
    def test_team_member_who_has_not_claimed_gets_403(self, district, dispatched):
        response = upload(district.api.member, dispatched["id"], image_bytes("JPEG"))
        assert_error(response, 403)

    def test_claimer_who_released_gets_403(self, district, claimed):
        district.api.member.post(f"/orders/{claimed['id']}/release", json={"reason": "出差"})
        response = upload(district.api.member, claimed["id"], image_bytes("JPEG"))
        assert_error(response, 403)

    def test_secretary_gets_403(self, district, order):
        response = upload(district.api.secretary, order["id"], image_bytes("JPEG"))
        assert_error(response, 403)

    def test_owner_of_a_cancelled_order_gets_409(self, district, order):
        district.api.resident.post(f"/orders/{order['id']}/cancel", json={})
        response = upload(district.api.resident, order["id"], image_bytes("JPEG"))
        assert_error(response, 409)

    @pytest.mark.parametrize("outsider", ["other_resident", "other_secretary", "contact"])
    def test_who_cannot_see_the_order_gets_404_on_upload_and_get(
        self, app, district, order, outsider
    ):
        photo = uploaded(district.api.resident, order["id"], image_bytes("JPEG"))
        api = getattr(district.api, outsider)
        assert_error(upload(api, order["id"], image_bytes("JPEG")), 404)
        assert_error(fetch(api, photo["url"]), 404)
        assert len(stored_files(app)) == 1

    def test_anonymous_gets_401(self, district, anonymous, order):
        photo = uploaded(district.api.resident, order["id"], image_bytes("JPEG"))
        assert_error(upload(anonymous, order["id"], image_bytes("JPEG")), 401)
        assert_error(fetch(anonymous, photo["url"]), 401)

    def test_owner_and_secretary_get_the_bytes(self, district, order):
        photo = uploaded(district.api.resident, order["id"], image_bytes("PNG"), "a.png")
        served = []
        for api in (district.api.resident, district.api.secretary):
            response = fetch(api, photo["url"])
            assert response.status_code == 200
            assert response.headers["Content-Type"] == "image/png"
            served.append(response.data)
        assert served[0] == served[1]
        assert Image.open(io.BytesIO(served[0])).size == (40, 30)

    def test_claimer_and_owner_see_the_completion_photo(self, district, claimed):
        photo = uploaded(district.api.member, claimed["id"], image_bytes("WEBP"), "done.webp")
        for api in (district.api.member, district.api.resident, district.api.secretary):
            response = fetch(api, photo["url"])
            assert response.status_code == 200
            assert response.headers["Content-Type"] == "image/webp"

    def test_photo_under_another_orders_url_is_404(self, district, post_order):
        first, second = post_order(), post_order()
        photo = uploaded(district.api.resident, second["id"], image_bytes("JPEG"))
        response = fetch(
            district.api.resident, f"/api/v1/orders/{first['id']}/photos/{photo['id']}"
        )
        assert_error(response, 404)
