"""volunteer/dumping.py: a schema's dump as one function gives what marshmallow gives, key
for key and in the same order, and refuses a field it does not know when it is built."""

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from marshmallow import fields

from tests.order_fixtures import order_body
from volunteer.auth.models import User
from volunteer.dumping import plain_dump
from volunteer.extensions import db
from volunteer.orders.access import access_order
from volunteer.orders.presenter import present
from volunteer.orders.schemas import OrderDetailSchema, OrderSchema
from volunteer.orders.states import OrderStatus
from volunteer.schemas import Schema

AT = datetime(2026, 12, 1, 8, 30, 5, 123456, tzinfo=UTC)


def full_order() -> dict:
    """Every field of an order's detail, nested ones too, with values of the types the
    presenter gives (enums, Decimal hours, aware datetimes, dates) and an extra key."""
    return {
        "id": 7,
        "kind": "wish",
        "title": "修理暖气",
        "description": "暖气不热",
        "category": "repair",
        "community_id": 1,
        "grid_id": None,
        "grid": "一网格",
        "urgency": "urgent",
        "preferred_time": None,
        "status": OrderStatus.CLOSED,
        "close_reason": None,
        "created_at": AT,
        "dispatched_at": AT,
        "due_at": None,
        "overdue": False,
        "merged_into_id": None,
        "rework_count": 1,
        "first_contact_id": 3,
        "version": 5,
        "on_behalf": True,
        "dispatch": {"team_id": 2, "member_id": None, "pool": False},
        "claimed_by": {"member_id": 4, "display_name": "李党员"},
        "completion": {"note": "修好了", "hours": Decimal("1.5"), "at": AT},
        "rating": {"score": 3, "comment": None, "at": AT},
        "contact": {"name": "王**", "address": "幸福里小区****", "phone": None, "masked": True},
        "photos": [
            {
                "id": 1,
                "stage": "order",
                "url": "/api/v1/orders/7/photos/1",
                "content_type": "image/jpeg",
                "width": 40,
                "height": 30,
            }
        ],
        "appointment": {
            "date": date(2026, 12, 2),
            "half_day": "pm",
            "confirmed_at": AT,
            "proposed": {"date": date(2026, 12, 3), "half_day": "am"},
            "missed": False,
        },
        "first_contact": {"user_id": 3, "display_name": "周网格员"},
        "voice_notes": [{"id": 2, "seconds": 3.0, "url": "/v", "content_type": "audio/webm"}],
        "events": [
            {
                "at": AT,
                "actor": None,
                "action": "submit",
                "from_status": None,
                "to_status": OrderStatus.SUBMITTED,
                "note": None,
            },
            {
                "at": AT,
                "actor": {"id": 6, "display_name": "王**"},
                "action": "rate",
                "from_status": "completed",
                "to_status": "closed",
                "note": "满意",
            },
        ],
        "not_in_the_schema": "dropped",
    }


def test_an_order_with_every_field_is_dumped_as_marshmallow_dumps_it():
    body = full_order()
    for schema in (OrderDetailSchema(), OrderSchema()):
        expected = schema.dump(body)
        got = plain_dump(schema)(body)
        assert got == expected
        assert json.dumps(got, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_nones_and_missing_keys_as_marshmallow():
    body = full_order()
    for key in ("claimed_by", "completion", "rating", "appointment", "first_contact"):
        body[key] = None
    body["appointment"] = None
    del body["voice_notes"], body["events"]
    schema = OrderDetailSchema()
    assert plain_dump(schema)(body) == schema.dump(body)
    assert "events" not in plain_dump(schema)(body)


def test_a_list_of_orders():
    bodies = [full_order(), {**full_order(), "id": 8, "photos": []}]
    schema = OrderSchema(many=True)
    assert plain_dump(schema)(bodies) == schema.dump(bodies)


@pytest.mark.parametrize(
    "field",
    [fields.Decimal(), fields.Email(), fields.Function(str), fields.Integer(dump_default=0)],
)
def test_a_field_it_does_not_know_is_refused_when_built(field):
    unknown = Schema.from_dict({"value": field})
    with pytest.raises(TypeError, match="value"):
        plain_dump(unknown())


def test_the_api_answers_what_the_schema_dumps(app, district):
    """GET /orders/{id} and GET /orders against the schema's dump of the mapped order."""
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    response = district.api.resident.post(
        "/orders", json=order_body(appointment={"date": tomorrow, "half_day": "pm"})
    )
    assert response.status_code == 201, response.json
    posted = response.json
    detail = district.api.secretary.get(f"/orders/{posted['id']}").json
    listed = district.api.secretary.get("/orders").json
    with app.test_request_context("/"):
        actor = db.session.get(User, district.secretary)
        order = access_order(actor, posted["id"])
        body = present(order, actor, with_events=True)
        assert detail == json.loads(json.dumps(OrderDetailSchema().dump(body)))
        bodies = [present(order, actor)]
        assert listed == json.loads(json.dumps(OrderSchema(many=True).dump(bodies)))
