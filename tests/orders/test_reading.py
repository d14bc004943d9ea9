"""GET /orders/{id} reads the order as plain rows (orders/reading.py): for every viewer it
shows exactly what the mapped order shows, and hides it from exactly the same people."""

import json

import pytest

from tests.orders.test_photos import image_bytes, uploaded
from tests.orders.test_voice import recording
from tests.orders.test_voice import upload as upload_voice
from volunteer.auth.models import User
from volunteer.errors import NotFound
from volunteer.extensions import db
from volunteer.orders.access import PRESENTED, access_order
from volunteer.orders.models import Order
from volunteer.orders.presenter import present
from volunteer.orders.queries import filtered_orders, sort_columns
from volunteer.orders.reading import read_order
from volunteer.orders.schemas import OrderDetailSchema, OrderSchema

VIEWERS = ("resident", "secretary", "street_admin", "member", "admin", "contact")
OUTSIDERS = ("other_secretary", "other_resident", "other_member")
USERS = {"member": "member_user", "other_member": "other_member_user"}  # the district's ids


def shown(app, user_id: int, order_id: int, read) -> dict:
    with app.test_request_context("/"):
        actor = db.session.get(User, user_id)
        body = OrderDetailSchema().dump(present(read(actor, order_id), actor, with_events=True))
        db.session.rollback()
    return body


def assert_same_for_everyone(app, district, order_id: int) -> None:
    for name in VIEWERS:
        user_id = getattr(district, USERS.get(name, name))
        try:
            by_rows = shown(app, user_id, order_id, read_order)
        except NotFound:
            with pytest.raises(NotFound):
                shown(app, user_id, order_id, access_order)
            continue
        assert by_rows == shown(app, user_id, order_id, access_order), name
    for name in OUTSIDERS:
        user_id = getattr(district, USERS.get(name, name))
        for read in (read_order, access_order):
            with pytest.raises(NotFound):
                shown(app, user_id, order_id, read)


def test_a_rated_order_with_photos_and_a_voice_note(app, district, post_order):
    order = post_order()
    uploaded(district.api.resident, order["id"], image_bytes("JPEG"))
    assert upload_voice(district.api.resident, order["id"], recording()).status_code == 201
    district.api.secretary.post(
        f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
    )
    assert district.api.member.post(f"/orders/{order['id']}/claim").status_code == 200
    uploaded(district.api.member, order["id"], image_bytes("PNG"))
    done = district.api.member.post(
        f"/orders/{order['id']}/complete", json={"note": "修好了", "hours": 1.5}
    )
    assert done.status_code == 200, done.json
    rated = district.api.resident.post(f"/orders/{order['id']}/rate", json={"score": 3})
    assert rated.status_code == 200, rated.json

    body = district.api.secretary.get(f"/orders/{order['id']}").json
    assert [photo["stage"] for photo in body["photos"]] == ["order", "completion"]
    assert len(body["voice_notes"]) == 1 and body["voice_notes"][0]["seconds"] > 2
    assert body["claimed_by"]["display_name"]
    assert [event["action"] for event in body["events"]][:2] == ["submit", "dispatch"]
    assert_same_for_everyone(app, district, order["id"])


def test_an_order_just_posted_and_one_escalated(app, district, post_order):
    order = post_order()
    assert_same_for_everyone(app, district, order["id"])
    assert district.api.secretary.post(f"/orders/{order['id']}/accept").status_code == 200
    escalated = district.api.secretary.post(
        f"/orders/{order['id']}/escalate", json={"reason": "需要街道协调"}
    )
    assert escalated.status_code == 200, escalated.json
    assert_same_for_everyone(app, district, order["id"])


def test_no_such_order(app, district):
    with pytest.raises(NotFound):
        shown(app, district.admin, 10_000, read_order)


def listed_through_the_orm(app, user_id: int, args: dict) -> list[dict]:
    """The first page of 20 as the ORM loaded it before orders/reading.py."""
    with app.test_request_context("/"):
        actor = db.session.get(User, user_id)
        select = filtered_orders(actor, args).order_by(*sort_columns(args.get("sort")))
        orders = db.session.scalars(select.options(*PRESENTED).limit(20)).unique()
        body = OrderSchema(many=True).dump([present(order, actor) for order in orders])
        db.session.rollback()
    return json.loads(json.dumps(body))


@pytest.mark.parametrize("sort", [None, "due_at", "-created_at"])
def test_the_list_shows_what_the_mapped_orders_show(app, district, post_order, sort):
    orders = [post_order(title=f"修理暖气{index}") for index in range(5)]
    uploaded(district.api.resident, orders[0]["id"], image_bytes("JPEG"))
    uploaded(district.api.resident, orders[0]["id"], image_bytes("PNG"))
    uploaded(district.api.resident, orders[2]["id"], image_bytes("JPEG"))
    for order, target in zip(
        orders[:3], ({"team_id": district.repair_team}, {"pool": True}, {"pool": True}), strict=True
    ):
        answer = district.api.secretary.post(f"/orders/{order['id']}/dispatch", json=target)
        assert answer.status_code == 200, answer.json
    assert district.api.member.post(f"/orders/{orders[0]['id']}/claim").status_code == 200
    args = {"sort": sort} if sort else {}
    query = f"?sort={sort}" if sort else ""
    for name in (*VIEWERS, *OUTSIDERS):
        user_id = getattr(district, USERS.get(name, name))
        listed = getattr(district.api, name).get("/orders" + query)
        assert listed.status_code == 200
        assert listed.json == listed_through_the_orm(app, user_id, args), name
    photos = [len(order["photos"]) for order in district.api.secretary.get("/orders?q=暖气").json]
    assert sorted(photos) == [0, 0, 0, 1, 2]


def ids_in_order(app, user_id: int, sort: str | None) -> list[int]:
    """Every order the caller sees, in the list's order, as the unoptimised select has it."""
    with app.test_request_context("/"):
        actor = db.session.get(User, user_id)
        select = filtered_orders(actor, {}).order_by(*sort_columns(sort))
        ids = list(db.session.scalars(select.with_only_columns(Order.id)))
        db.session.rollback()
    return ids


@pytest.mark.parametrize("sort", [None, "due_at", "-due_at", "created_at"])
def test_every_page_holds_what_the_whole_list_holds_there(app, district, post_order, sort):
    """The pages are read off each way of seeing's first orders (first_visible): orders seen
    several ways (the secretary's community and posted by them for a resident; dispatched to
    the member's team and claimed by them) come once, and pages 1 to the last in a row are
    the whole list in its order."""
    for index in range(4):
        post_order(title=f"修理暖气{index}")
    for index in range(3):
        on_behalf = {"name": "李奶奶", "phone": "13900139000"}
        post_order(api=district.api.secretary, title=f"代办{index}", on_behalf_of=on_behalf)
    listed = district.api.secretary.get("/orders?page_size=100").json
    for order in listed[:4]:
        answer = district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
        )
        assert answer.status_code == 200, answer.json
    assert district.api.member.post(f"/orders/{listed[0]['id']}/claim").status_code == 200
    query = f"&sort={sort}" if sort else ""
    for name in ("secretary", "street_admin", "member", "resident", "admin"):
        user_id = getattr(district, USERS.get(name, name))
        expected = ids_in_order(app, user_id, sort)
        paged: list[int] = []
        for page in range(1, len(expected) // 3 + 3):
            answer = getattr(district.api, name).get(f"/orders?page_size=3&page={page}{query}")
            assert answer.status_code == 200, answer.json
            paged += [order["id"] for order in answer.json]
        assert paged == expected, name
        assert len(expected) > 3, name  # more than one page
