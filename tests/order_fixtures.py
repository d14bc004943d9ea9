"""Order fixtures for every test package (registered in tests/conftest.py): an order posted by
the district's resident, and the same order dispatched, claimed and completed."""

import pytest


def order_body(**changes) -> dict:
    body = {
        "kind": "need",
        "title": "修理暖气",
        "description": "家里暖气片不热，老人怕冷，需要师傅上门看看。",
        "category": "repair",
        "address": "幸福里小区3栋2单元501",
        "contact_phone": "13800138000",
        "urgency": "normal",
        "preferred_time": "工作日下午",
    }
    body.update(changes)
    return body


@pytest.fixture
def post_order(district):
    """`post_order(**changes)` posts as the district's resident and returns the order."""

    def post(api=None, **changes):
        response = (api or district.api.resident).post("/orders", json=order_body(**changes))
        assert response.status_code == 201, response.json
        return response.json

    return post


@pytest.fixture
def dispatched(district, post_order):
    """An order dispatched to the repair team, which the district's member belongs to."""
    order = post_order()
    response = district.api.secretary.post(
        f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
    )
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def claimed(district, dispatched):
    response = district.api.member.post(f"/orders/{dispatched['id']}/claim")
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def completed(district, claimed):
    response = district.api.member.post(
        f"/orders/{claimed['id']}/complete", json={"note": "更换了阀门，暖气恢复。", "hours": 1.5}
    )
    assert response.status_code == 200, response.json
    return response.json
