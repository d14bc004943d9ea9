"""retention: contact data and the resident's photos of orders ended a year ago are erased."""

import io
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from PIL import Image

from tests.order_fixtures import order_body
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.models import IdempotencyKey, OrderPhoto


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "tomato").save(out, format="PNG")
    return out.getvalue()


def upload(api, order_id: int) -> dict:
    response = api.post(
        f"/orders/{order_id}/photos",
        data={"photo": (io.BytesIO(png()), "p.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    return response.json


def photos(app) -> dict[int, tuple[str, str]]:
    """id → (stage, storage key) of every photo row."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(OrderPhoto.id, OrderPhoto.stage, OrderPhoto.storage_key)
        )
        return {row.id: (row.stage, row.storage_key) for row in rows}


def test_ended_orders_lose_contact_data_and_resident_photos_after_the_retention_period(
    app, district, post_order, completed, run, snapshot, order_row, time_machine
):
    api = district.api
    resident_photo = upload(api.resident, completed["id"])
    work_photo = upload(api.member, completed["id"])
    assert (
        api.resident.post(f"/orders/{completed['id']}/rate", json={"score": 4}).status_code == 200
    )
    cancelled = post_order(title="送一副老花镜", kind="wish", category="eldercare")
    assert api.resident.post(f"/orders/{cancelled['id']}/cancel", json={}).status_code == 200
    response = api.resident.post(
        "/orders", json=order_body(title="楼道灯坏了"), headers={"Idempotency-Key": "k1"}
    )
    assert response.status_code == 201, response.json
    still_open = response.json
    folder = Path(app.config["UPLOAD_FOLDER"])
    keys = photos(app)
    assert {stage for stage, _ in keys.values()} == {"order", "completion"}

    time_machine.move_to(utcnow() + timedelta(days=364))
    counts, orders = snapshot()
    assert run("retention") == "0 orders erased (0 photos), 1 expired idempotency records deleted"
    assert snapshot() == ({**counts, "idempotency_keys": 0}, orders)

    time_machine.move_to(utcnow() + timedelta(days=2))
    assert run("retention") == "2 orders erased (1 photos), 0 expired idempotency records deleted"

    for order_id in (completed["id"], cancelled["id"]):
        row = order_row(order_id)
        assert (row["contact_name"], row["address"], row["contact_phone"]) == (None, None, None)
        assert row["contact_erased_at"] is not None
    assert order_row(still_open["id"])["address"] == "幸福里小区3栋2单元501"
    assert order_row(still_open["id"])["contact_erased_at"] is None
    assert photos(app) == {work_photo["id"]: keys[work_photo["id"]]}
    assert not (folder / keys[resident_photo["id"]][1]).exists()
    assert (folder / keys[work_photo["id"]][1]).exists()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(IdempotencyKey)) == 0

    after = snapshot()
    assert run("retention") == "0 orders erased (0 photos), 0 expired idempotency records deleted"
    assert snapshot() == after
