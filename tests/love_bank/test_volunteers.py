"""Resident volunteers (居民志愿者): apply, confirm, and take pool orders only."""

import pytest

from tests.order_fixtures import order_body


def test_a_resident_applies_and_the_secretary_confirms(district, neighbour):
    person = neighbour()
    body = {"community_id": district.community, "skills": ["电工"], "phone": "13900139000"}
    applied = person.api.post("/volunteers", json=body)
    assert applied.status_code == 201, applied.json
    assert applied.json["status"] == "pending"
    assert person.api.get("/me").json["member"]["member_type"] == "volunteer"
    assert person.api.post("/volunteers", json=body).status_code == 409
    confirmed = district.api.secretary.post(f"/volunteers/{applied.json['id']}/confirm")
    assert confirmed.status_code == 200
    assert confirmed.json["status"] == "active"
    again = district.api.secretary.post(f"/volunteers/{applied.json['id']}/confirm")
    assert again.status_code == 409
    roles = person.api.get("/me").json["roles"]
    assert {"role": "volunteer", "community_id": district.community} in roles
    listed = district.api.secretary.get("/volunteers").json
    assert [v["id"] for v in listed] == [applied.json["id"]]


def test_who_may_confirm(district, neighbour):
    person = neighbour()
    applied = person.api.post(
        "/volunteers", json={"community_id": district.community, "phone": "13900139000"}
    )
    volunteer_id = applied.json["id"]
    assert person.api.post(f"/volunteers/{volunteer_id}/confirm").status_code == 403
    assert (
        district.api.other_secretary.post(f"/volunteers/{volunteer_id}/confirm").status_code == 404
    )
    assert district.api.resident.post(f"/volunteers/{volunteer_id}/confirm").status_code == 404
    assert district.api.secretary.post("/volunteers/999999/confirm").status_code == 404
    assert district.api.resident.get("/volunteers").status_code == 403


@pytest.mark.parametrize(
    "body, field",
    [
        ({"phone": "13900139000"}, "community_id"),
        ({"community_id": "x", "phone": "13900139000"}, "community_id"),
        ({"community_id": 0}, "phone"),
        ({"community_id": 0, "phone": "12"}, "phone"),
        ({"community_id": 0, "phone": "13900139000", "skills": ["x" * 21]}, "skills"),
        ({"community_id": 0, "phone": "13900139000", "extra": 1}, "extra"),
    ],
)
def test_invalid_applications_name_the_field(district, neighbour, body, field):
    person = neighbour()
    if body.get("community_id") == 0:
        body = {**body, "community_id": district.community}
    answer = person.api.post("/volunteers", json=body)
    assert answer.status_code == 422
    assert field in answer.json["errors"]


def test_only_where_one_lives_and_not_twice_as_member(district, neighbour, anonymous):
    person = neighbour()
    elsewhere = {"community_id": district.other_community, "phone": "13900139000"}
    assert person.api.post("/volunteers", json=elsewhere).status_code == 422
    here = {"community_id": district.community, "phone": "13900139000"}
    assert district.api.member.post("/volunteers", json=here).status_code == 409
    assert anonymous.post("/volunteers", json=here).status_code == 401


def test_a_volunteer_claims_pool_orders_only(district, volunteer, post_order):
    pool_order = post_order()
    district.api.secretary.post(f"/orders/{pool_order['id']}/dispatch", json={"pool": True})
    in_pool = volunteer.api.get("/pool").json
    assert [o["id"] for o in in_pool] == [pool_order["id"]]
    team_order = post_order()
    district.api.secretary.post(
        f"/orders/{team_order['id']}/dispatch", json={"team_id": district.repair_team}
    )
    assert volunteer.api.post(f"/orders/{team_order['id']}/claim").status_code == 403
    claimed = volunteer.api.post(f"/orders/{pool_order['id']}/claim")
    assert claimed.status_code == 200
    assert claimed.json["claimed_by"]["member_id"] == volunteer.id


def test_no_direct_dispatch_and_no_teams_for_volunteers(district, volunteer, post_order):
    order = post_order()
    offered = district.api.secretary.post(
        f"/orders/{order['id']}/dispatch", json={"member_id": volunteer.id}
    )
    assert offered.status_code == 422
    assert "member_id" in offered.json["errors"]
    assert volunteer.api.post(f"/teams/{district.repair_team}/members").status_code == 403
    proposed = volunteer.api.post(
        f"/communities/{district.community}/teams",
        json={"name": "邻里互助队", "description": "互相帮忙"},
    )
    assert proposed.status_code == 403


def test_recommendations_mark_volunteers(district, volunteer, post_order):
    order = post_order(**order_body(description="老人家里需要修理水龙头，请会修理的邻居帮忙。"))
    members = district.api.secretary.get(f"/orders/{order['id']}/recommendations").json["members"]
    marked = [m for m in members if m["member_id"] == volunteer.id]
    assert marked and marked[0]["volunteer"] is True
    assert any("居民志愿者" in reason for reason in marked[0]["reasons"])
    party = [m for m in members if m["member_id"] == district.member]
    assert party and party[0]["volunteer"] is False


def test_statistics_count_volunteers_apart(district, volunteer, post_order):
    order = post_order()
    district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
    volunteer.api.post(f"/orders/{order['id']}/claim")
    volunteer.api.post(f"/orders/{order['id']}/complete", json={"note": "修好了", "hours": 1})
    stats = district.api.secretary.get(f"/stats?community_id={district.community}").json
    assert stats["volunteers"] == {"active": 1, "participating": 1, "orders_completed": 1}
    assert stats["members"]["active"] == 1  # the district's one active party member
    assert stats["members"]["participating"] == 0
