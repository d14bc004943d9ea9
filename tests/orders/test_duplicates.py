"""Likely duplicates (GET /orders/{id}/similar), merging one into another, and following a
neighbour's request (关注) instead of posting it again."""

import pytest

from tests.factories import resident_of
from volunteer.auth.models import User
from volunteer.extensions import db
from volunteer.orders.duplicates import THRESHOLD, Text, similarity
from volunteer.organisations.models import Community

HEATER = {"title": "暖气不热", "description": "家里暖气片不热，老人怕冷，请师傅上门看看。"}
LAMP = {
    "title": "楼道灯坏了",
    "description": "3栋2单元楼道的灯不亮，晚上上下楼看不见。",
    "category": "repair",
    "address": "幸福里小区3栋2单元",
}


class TestSimilarity:
    """The score itself: pure, no database."""

    def test_the_same_request_in_other_words_scores_high(self):
        a = Text("楼道灯坏了", "3栋楼道的灯不亮了", "repair", "幸福里小区3栋2单元101")
        b = Text(
            "3栋楼道灯不亮",
            "晚上楼道灯一直不亮，老人上下楼不方便",
            "repair",
            "幸福里小区3栋2单元502",
        )
        assert similarity(a, b) >= THRESHOLD

    def test_another_need_of_the_same_category_and_compound_is_not_listed(self):
        a = Text("修理暖气", "暖气片不热", "repair", "幸福里小区3栋2单元101")
        b = Text("水管漏水", "厨房下水管一直滴水", "repair", "幸福里小区3栋2单元502")
        assert similarity(a, b) < THRESHOLD

    def test_category_and_address_rank_among_similar_texts(self):
        lamp = Text("楼道灯坏了", "楼道的灯不亮", "repair", "幸福里小区3栋")
        same_place = Text("楼道灯坏了", "灯不亮", "repair", "幸福里小区3栋")
        elsewhere = Text("楼道灯坏了", "灯不亮", "other", "和平家园9栋")
        assert similarity(lamp, same_place) > similarity(lamp, elsewhere) >= THRESHOLD

    def test_the_words_of_asking_for_help_do_not_make_two_requests_alike(self):
        a = Text(
            "修理暖气", "家里暖气片不热，老人怕冷，请师傅上门看看。", "repair", "幸福里小区3栋"
        )
        b = Text(
            "修理水管", "家里水管漏水，老人不方便，请师傅上门看看。", "repair", "幸福里小区3栋"
        )
        assert similarity(a, b) < THRESHOLD

    def test_unrelated_texts_score_zero(self):
        a = Text("修理暖气", "暖气片不热", "repair", "幸福里小区3栋")
        b = Text("陪老人看病", "需要人陪同去医院复诊", "repair", "幸福里小区3栋")
        assert similarity(a, b) == 0


@pytest.fixture
def neighbour(app, district, as_user):
    """A second resident of the district's community: (user id, Api)."""
    with app.app_context():
        user = resident_of(db.session.get(Community, district.community), username="linju")
        db.session.commit()
        user_id = user.id
    return user_id, as_user(user_id)


def post(api, **body) -> dict:
    response = api.post("/orders", json={"kind": "need", "category": "repair", **body})
    assert response.status_code == 201, response.json
    return response.json


class TestSimilarOrders:
    def test_best_first_with_scores_and_unrelated_left_out(self, district, neighbour):
        _, neighbour_api = neighbour
        lamp = post(district.api.resident, **LAMP)
        close = post(
            neighbour_api, **{**LAMP, "title": "3栋楼道灯不亮", "address": "幸福里小区3栋2单元502"}
        )
        vaguer = post(
            neighbour_api,
            title="楼道灯不亮了",
            description="楼道灯晚上不亮",
            category="repair",
            address="和平家园8栋",
        )
        post(neighbour_api, **HEATER)
        found = district.api.secretary.get(f"/orders/{lamp['id']}/similar")
        assert found.status_code == 200
        assert [entry["order_id"] for entry in found.json] == [close["id"], vaguer["id"]]
        assert set(found.json[0]) == {"order_id", "title", "score"}
        assert 1 >= found.json[0]["score"] > found.json[1]["score"] >= THRESHOLD

    def test_closed_orders_and_other_communities_are_left_out(self, district, neighbour):
        _, neighbour_api = neighbour
        lamp = post(district.api.resident, **LAMP)
        cancelled = post(neighbour_api, **LAMP)
        neighbour_api.post(f"/orders/{cancelled['id']}/cancel", json={})
        rejected = post(neighbour_api, **LAMP)
        district.api.secretary.post(f"/orders/{rejected['id']}/reject", json={"reason": "重复"})
        post(district.api.other_resident, **{**LAMP, "address": "和平社区3栋"})
        assert district.api.secretary.get(f"/orders/{lamp['id']}/similar").json == []

    def test_street_admin_sees_them_others_are_refused(self, district, neighbour, anonymous):
        _, neighbour_api = neighbour
        lamp = post(district.api.resident, **LAMP)
        post(neighbour_api, **LAMP)
        path = f"/orders/{lamp['id']}/similar"
        assert len(district.api.street_admin.get(path).json) == 1
        assert len(district.api.admin.get(path).json) == 1
        # As the order endpoints: in scope but not a manager → 403; outside the scope → 404.
        assert district.api.resident.get(path).status_code == 403
        assert district.api.member.get(path).status_code == 403
        assert district.api.other_secretary.get(path).status_code == 404
        assert district.api.contact.get(path).status_code == 404
        assert anonymous.get(path).status_code == 401
        assert district.api.secretary.get("/orders/99999/similar").status_code == 404


class TestMerge:
    def test_merge_closes_the_duplicate_and_its_resident_follows_the_kept_one(
        self, app, district, neighbour
    ):
        _, neighbour_api = neighbour
        kept = post(district.api.resident, **LAMP)
        duplicate = post(neighbour_api, **LAMP)
        merged = district.api.secretary.post(
            f"/orders/{duplicate['id']}/merge", json={"into_order_id": kept["id"]}
        )
        assert merged.status_code == 200
        assert merged.json["status"] == "merged"
        assert merged.json["merged_into_id"] == kept["id"]
        assert merged.json["events"][-1]["action"] == "merge"
        # The kept order's timeline says so; the merged one is no longer a likely duplicate.
        seen = district.api.secretary.get(f"/orders/{kept['id']}").json
        assert seen["status"] == "submitted"
        assert seen["events"][-1]["action"] == "absorb"
        assert f"#{duplicate['id']}" in seen["events"][-1]["note"]
        assert district.api.secretary.get(f"/orders/{kept['id']}/similar").json == []
        # The duplicate's resident is told, and follows the kept order with its contact masked.
        notes = neighbour_api.get("/notifications").json
        assert notes[0]["kind"] == "merged" and f"#{kept['id']}" in notes[0]["message"]
        followed = neighbour_api.get(f"/orders/{kept['id']}")
        assert followed.status_code == 200
        assert followed.json["contact"]["masked"] is True
        assert followed.json["contact"]["phone"] != "13800138000"
        assert "幸福里小区3栋2单元" not in (followed.json["contact"]["address"] or "")
        # ...and hears of each later step of the kept order.
        district.api.secretary.post(
            f"/orders/{kept['id']}/dispatch", json={"team_id": district.repair_team}
        )
        district.api.member.post(f"/orders/{kept['id']}/claim")
        kinds = [(n["kind"], n["order_id"]) for n in neighbour_api.get("/notifications").json]
        assert kinds[:2] == [("followed", kept["id"]), ("followed", kept["id"])]
        latest = neighbour_api.get("/notifications").json[0]["message"]
        assert "已有党员接单" in latest

    def test_refusals_change_nothing(self, district, neighbour, post_order):
        _, neighbour_api = neighbour
        kept = post(district.api.resident, **LAMP)
        duplicate = post(neighbour_api, **LAMP)
        path = f"/orders/{duplicate['id']}/merge"
        body = {"into_order_id": kept["id"]}
        assert neighbour_api.post(path, json=body).status_code == 403  # its owner
        assert district.api.member.post(path, json=body).status_code == 403
        assert district.api.resident.post(path, json=body).status_code == 404
        assert district.api.other_secretary.post(path, json=body).status_code == 404
        other = post(district.api.other_resident, **LAMP)
        refused = district.api.secretary.post(path, json={"into_order_id": other["id"]})
        assert refused.status_code == 422 and "into_order_id" in refused.json["errors"]
        # A dispatched order is no longer merged (merge starts from submitted or accepted).
        district.api.secretary.post(
            f"/orders/{duplicate['id']}/dispatch", json={"team_id": district.repair_team}
        )
        assert district.api.secretary.post(path, json=body).status_code == 409
        after = district.api.secretary.get(f"/orders/{duplicate['id']}").json
        assert after["status"] == "dispatched" and after["merged_into_id"] is None
        assert neighbour_api.get(f"/orders/{kept['id']}").status_code == 404
        assert [n["kind"] for n in neighbour_api.get("/notifications").json] == []


class TestFollowing:
    def test_resident_is_told_while_posting_and_follows_instead(self, app, district, neighbour):
        _, neighbour_api = neighbour
        lamp = post(district.api.resident, **LAMP)
        query = {"title": "楼道灯不亮", "description": "3栋楼道灯坏了", "category": "repair"}
        hint = neighbour_api.get("/orders/similar", query_string=query)
        assert hint.status_code == 200
        assert hint.json == [{"order_id": lamp["id"], "title": lamp["title"], "following": False}]
        assert neighbour_api.post(f"/orders/{lamp['id']}/follow").json == {
            "order_id": lamp["id"],
            "following": True,
        }
        assert neighbour_api.get("/orders/similar", query_string=query).json[0]["following"]
        seen = neighbour_api.get(f"/orders/{lamp['id']}").json
        assert seen["contact"]["masked"] is True
        # The owner's own orders are never offered as "a neighbour's".
        assert district.api.resident.get("/orders/similar", query_string=query).json == []
        assert neighbour_api.delete(f"/orders/{lamp['id']}/follow").status_code == 204
        assert neighbour_api.get(f"/orders/{lamp['id']}").status_code == 404

    def test_following_is_for_residents_of_the_community_and_open_orders(self, district):
        lamp = post(district.api.resident, **LAMP)
        path = f"/orders/{lamp['id']}/follow"
        assert district.api.other_resident.post(path).status_code == 404
        assert district.api.resident.post(path).status_code == 409  # one's own
        district.api.resident.post(f"/orders/{lamp['id']}/cancel", json={})
        assert district.api.member.post(path).status_code == 409  # no longer open
        assert district.api.member.delete(path).status_code == 404
        query = {"title": "楼道灯坏了", "community_id": district.other_community}
        assert district.api.resident.get("/orders/similar", query_string=query).status_code == 404


def test_the_hint_never_shows_private_data(app, district, neighbour):
    _, neighbour_api = neighbour
    lamp = post(district.api.resident, **LAMP)
    with app.app_context():
        owner = db.session.get(User, district.resident)
        private = [owner.display_name, owner.phone, LAMP["address"]]
    hint = neighbour_api.get("/orders/similar", query_string={"title": LAMP["title"]})
    assert hint.json[0]["order_id"] == lamp["id"]
    assert not any(value and value in hint.get_data(as_text=True) for value in private)
