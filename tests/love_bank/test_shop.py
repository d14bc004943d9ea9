"""The 爱心超市: the catalogue, redeeming with a code, the hand-over, cancelling refunds."""

import pytest


@pytest.fixture
def item(district):
    """Two of an item worth 20 points in the district's community."""
    created = district.api.secretary.post(
        f"/communities/{district.community}/shop-items",
        json={"name": "大米一袋", "points": 20, "stock": 2},
    )
    assert created.status_code == 201, created.json
    return created.json


def test_the_secretary_keeps_the_catalogue(district, item, anonymous):
    assert item["name"] == "大米一袋" and item["stock"] == 2 and item["points"] == 20
    listed = district.api.resident.get(f"/communities/{district.community}/shop-items")
    assert listed.status_code == 200
    assert [i["id"] for i in listed.json] == [item["id"]]
    assert (
        district.api.member.get(f"/communities/{district.community}/shop-items").status_code == 200
    )
    assert (
        district.api.other_resident.get(f"/communities/{district.community}/shop-items").status_code
        == 404
    )
    body = {"name": "毛巾", "points": 5, "stock": 10}
    path = f"/communities/{district.community}/shop-items"
    assert district.api.resident.post(path, json=body).status_code == 403
    assert district.api.other_secretary.post(path, json=body).status_code == 404
    assert anonymous.post(path, json=body).status_code == 401
    assert (
        district.api.secretary.post("/communities/99999/shop-items", json=body).status_code == 404
    )
    restocked = district.api.secretary.patch(f"/shop-items/{item['id']}", json={"stock": 5})
    assert restocked.status_code == 200 and restocked.json["stock"] == 5


@pytest.mark.parametrize(
    "body, field",
    [
        ({"points": 5, "stock": 1}, "name"),
        ({"name": "x" * 61, "points": 5, "stock": 1}, "name"),
        ({"name": "毛巾", "points": 0, "stock": 1}, "points"),
        ({"name": "毛巾", "points": 5, "stock": -1}, "stock"),
        ({"name": "毛巾", "points": "5", "stock": 1}, "points"),
        ({"name": "毛巾", "points": 5, "stock": 1, "picture": "x"}, "picture"),
    ],
)
def test_an_invalid_item_names_the_field(district, body, field):
    answer = district.api.secretary.post(f"/communities/{district.community}/shop-items", json=body)
    assert answer.status_code == 422
    assert field in answer.json["errors"]


def test_redeem_hand_over_and_cancel(app, district, volunteer, item, give_points):
    redeem = f"/shop-items/{item['id']}/redeem"
    assert volunteer.api.post(redeem).status_code == 409  # no points yet
    give_points(volunteer.user, district.community, 45)
    first = volunteer.api.post(redeem)
    assert first.status_code == 201, first.json
    assert first.json["status"] == "reserved" and len(first.json["code"]) == 6
    second = volunteer.api.post(redeem)
    assert second.status_code == 201
    assert volunteer.api.get("/accounts/me").json["balance"] == 5
    give_points(volunteer.user, district.community, 40)
    out = volunteer.api.post(redeem)
    assert out.status_code == 409  # out of stock
    assert volunteer.api.get("/accounts/me").json["balance"] == 45  # the refusal wrote nothing

    hand_over = "/redemptions/hand-over"
    assert volunteer.api.post(hand_over, json={"code": first.json["code"]}).status_code == 403
    assert (
        district.api.other_secretary.post(hand_over, json={"code": first.json["code"]}).status_code
        == 404
    )
    assert district.api.secretary.post(hand_over, json={"code": "ZZZZZZ"}).status_code == 404
    assert district.api.secretary.post(hand_over, json={}).status_code == 422
    given = district.api.secretary.post(hand_over, json={"code": first.json["code"].lower()})
    assert given.status_code == 200
    assert given.json["status"] == "handed_over"
    assert (
        district.api.secretary.post(hand_over, json={"code": first.json["code"]}).status_code == 409
    )
    assert volunteer.api.post(f"/redemptions/{first.json['id']}/cancel").status_code == 409

    assert (
        district.api.other_resident.post(f"/redemptions/{second.json['id']}/cancel").status_code
        == 404
    )
    cancelled = volunteer.api.post(f"/redemptions/{second.json['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    assert volunteer.api.post(f"/redemptions/{second.json['id']}/cancel").status_code == 409
    account = volunteer.api.get("/accounts/me").json
    assert account["balance"] == 65
    assert [e["reason"] for e in account["entries"]][:1] == ["refund"]
    stock = district.api.resident.get(f"/communities/{district.community}/shop-items").json
    assert stock[0]["stock"] == 1
    mine = volunteer.api.get("/redemptions/mine").json
    assert [r["status"] for r in mine] == ["cancelled", "handed_over"]


def test_redeeming_an_unknown_or_foreign_item_is_404(district, volunteer, item):
    assert volunteer.api.post("/shop-items/99999/redeem").status_code == 404
    assert district.api.other_resident.post(f"/shop-items/{item['id']}/redeem").status_code == 404


def png_bytes() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def test_an_item_has_a_picture(district, item):
    import io

    path = f"/shop-items/{item['id']}/picture"
    assert district.api.resident.get(path).status_code == 404  # none yet
    upload = {"picture": (io.BytesIO(png_bytes()), "rice.png")}
    refused = district.api.resident.post(path, data=upload, content_type="multipart/form-data")
    assert refused.status_code == 403
    text = {"picture": (io.BytesIO(b"not an image"), "rice.png")}
    invalid = district.api.secretary.post(path, data=text, content_type="multipart/form-data")
    assert invalid.status_code == 422 and "picture" in invalid.json["errors"]
    upload = {"picture": (io.BytesIO(png_bytes()), "rice.png")}
    saved = district.api.secretary.post(path, data=upload, content_type="multipart/form-data")
    assert saved.status_code == 200 and saved.json["has_picture"] is True
    shown = district.api.resident.get(path)
    assert shown.status_code == 200 and shown.content_type == "image/png"
    assert shown.data.startswith(b"\x89PNG")
    assert district.api.other_resident.get(path).status_code == 404
