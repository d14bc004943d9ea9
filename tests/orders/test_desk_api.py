"""The desk at fifty requests a day (#11) through the API: GET /orders's text search,
filters and sort, and POST /orders/bulk."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.orders.models import Order, OrderEvent
from volunteer.orders.search import listed_ids, query_grams
from volunteer.orders.search_index import OrderSearch, grams_of, terms_of
from volunteer.organisations.models import Community


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json
    return [order["id"] for order in response.json]


@pytest.fixture
def orders(district, post_order):
    """Four orders of the secretary's community and one of the neighbouring one."""
    heater = post_order(title="修理暖气", description="暖气片不热，老人怕冷。", grid="第一网格")
    washer = post_order(
        title="洗衣机不脱水",
        description="洗衣机转不起来，想请人维修。",
        category="repair",
        urgency="urgent",
        address="和平小区5栋1单元302",
        grid="第二网格",
    )
    visit = post_order(
        kind="need",
        title="独居老人探访",
        description="子女在外地，想请人每周来看看。",
        category="eldercare",
        address="幸福里小区8栋",
    )
    tv = post_order(
        title="TV no signal", description="电视机没有信号", category="repair", address=""
    )
    other = post_order(
        api=district.api.other_resident,
        title="修理暖气",
        description="邻居社区的暖气也不热，需要维修。",
    )
    return {"heater": heater, "washer": washer, "visit": visit, "tv": tv, "other": other}


class TestGrams:
    def test_chinese_runs_become_bigrams_and_words_stay_whole(self):
        assert grams_of("修理暖气 TV-42") == ["修理", "理暖", "暖气", "tv", "42"]
        assert grams_of("5栋") == ["5", "栋"]

    def test_terms_carry_the_scope(self):
        assert terms_of(3, 1, "维修", None, "").split() == ["c3", "s1", "维修"]

    def test_a_two_character_query_is_one_gram_and_needs_no_check(self):
        assert query_grams("暖气") == (["暖气"], True)
        assert query_grams("修理暖气") == (["修理", "理暖", "暖气"], False)
        assert query_grams("修") == ([], False)


class TestSearch:
    def test_two_chinese_characters_find_title_description_and_address(self, district, orders):
        api = district.api.secretary
        assert ids(api.get("/orders?q=暖气")) == [orders["heater"]["id"]]
        assert ids(api.get("/orders?q=维修")) == [orders["washer"]["id"]]
        assert ids(api.get("/orders?q=幸福里")) == [orders["visit"]["id"], orders["heater"]["id"]]

    def test_longer_text_must_be_contiguous(self, district, orders):
        api = district.api.secretary
        assert ids(api.get("/orders?q=洗衣机不脱水")) == [orders["washer"]["id"]]
        # every bigram of 暖气老人 occurs somewhere, but not the four characters together
        assert ids(api.get("/orders?q=暖气老人")) == []

    def test_words_each_must_match(self, district, orders):
        api = district.api.secretary
        assert ids(api.get("/orders?q=暖气 怕冷")) == [orders["heater"]["id"]]
        assert ids(api.get("/orders?q=暖气 维修")) == []

    def test_latin_words_ignore_case_and_one_character_is_searched_too(self, district, orders):
        api = district.api.secretary
        assert ids(api.get("/orders?q=tv")) == [orders["tv"]["id"]]
        assert ids(api.get("/orders?q=栋")) == [
            orders[k]["id"] for k in ("visit", "washer", "heater")
        ]
        assert ids(api.get("/orders?q=5栋")) == [orders["washer"]["id"]]

    def test_a_secretary_never_finds_another_communitys_orders(self, district, orders):
        found = ids(district.api.secretary.get("/orders?q=暖气"))
        assert orders["other"]["id"] not in found
        assert ids(district.api.other_secretary.get("/orders?q=暖气")) == [orders["other"]["id"]]
        assert ids(district.api.other_secretary.get("/orders?q=洗衣机")) == []

    def test_the_street_and_the_resident_search_their_scope(self, district, orders):
        assert ids(district.api.street_admin.get("/orders?q=暖气")) == [
            orders["other"]["id"],
            orders["heater"]["id"],
        ]
        assert ids(district.api.admin.get("/orders?q=暖气&community_id=" + str(district.community)))
        assert ids(district.api.other_resident.get("/orders?q=暖气")) == [orders["other"]["id"]]
        assert ids(district.api.contact.get("/orders?q=暖气")) == []

    def test_a_changed_text_is_found_by_its_new_words(self, app, district, orders):
        with app.app_context():
            order = db.session.get(Order, orders["visit"]["id"])
            order.description = "想请人陪同去医院复诊。"
            order.address = None
            db.session.commit()
        api = district.api.secretary
        assert ids(api.get("/orders?q=复诊")) == [orders["visit"]["id"]]
        assert ids(api.get("/orders?q=子女")) == []
        assert ids(api.get("/orders?q=幸福里")) == [orders["heater"]["id"]]

    def test_the_index_row_is_written_with_the_order(self, app, orders):
        with app.app_context():
            terms = db.session.get(OrderSearch, orders["washer"]["id"]).terms.split()
        assert {"洗衣", "维修", "302"} <= set(terms)

    def test_the_index_row_carries_the_scope_status_and_age(self, app, district, orders):
        with app.app_context():
            row = db.session.get(OrderSearch, orders["washer"]["id"])
            order = db.session.get(Order, orders["washer"]["id"])
            assert (row.community_id, row.status) == (district.community, "submitted")
            assert row.created_at == order.created_at
            # the street a new order's row is filed under: noted when posting read it
            street = db.session.get(Community, district.community).street_id
            assert {f"c{district.community}", f"s{street}"} <= set(row.terms.split())

    def test_a_status_change_reaches_the_index_row(self, app, district, orders):
        api = district.api.secretary
        heater = orders["heater"]["id"]
        assert api.post(f"/orders/{heater}/accept").status_code == 200
        with app.app_context():
            assert db.session.get(OrderSearch, heater).status == "accepted"
        assert ids(api.get("/orders?q=暖气&status=accepted")) == [heater]
        assert ids(api.get("/orders?q=暖气&status=submitted")) == []
        both = api.get("/orders?q=暖气&status=submitted&status=accepted")
        assert ids(both) == [heater]

    def test_a_text_query_pages_with_its_total(self, district, orders):
        api = district.api.secretary
        first = api.get("/orders?q=栋 小区&page_size=1")  # the heater's is the default address
        assert ids(first) == [orders["visit"]["id"]]
        assert '"total": 3' in first.headers["X-Pagination"]
        second = api.get("/orders?q=小区&page_size=2&page=2")
        assert ids(second) == [orders["heater"]["id"]]
        assert '"total": 3' in second.headers["X-Pagination"]
        assert ids(api.get("/orders?q=小区&page_size=2&page=3")) == []

    def test_the_words_of_a_longer_query_ignore_case_and_stay_in_one_field(self, district, orders):
        api = district.api.secretary
        assert ids(api.get("/orders?q=tv NO")) == [orders["tv"]["id"]]
        assert ids(api.get("/orders?q=no 信号")) == [orders["tv"]["id"]]
        assert ids(api.get("/orders?q=signal电视")) == []  # the title's end and the description

    def test_a_text_query_sorts_by_age(self, district, orders):
        api = district.api.secretary
        found = [orders["washer"]["id"], orders["visit"]["id"]]
        assert ids(api.get("/orders?q=请人&sort=created_at")) == found
        assert ids(api.get("/orders?q=请人&sort=-created_at")) == found[::-1]

    def test_the_admin_and_a_community_filter(self, district, orders):
        everywhere = ids(district.api.admin.get("/orders?q=暖气"))
        assert everywhere == [orders["other"]["id"], orders["heater"]["id"]]
        other = district.other_community
        assert ids(district.api.secretary.get(f"/orders?q=暖气&community_id={other}")) == []

    def test_the_index_alone_answers_only_what_it_can(self, app, district):
        with app.app_context():
            admin = db.session.get(User, district.admin)
            assert listed_ids(admin, {"q": "暖气", "status": ["submitted"]}) is not None
            assert listed_ids(admin, {"q": "暖气", "mine": False}) is not None
            assert listed_ids(admin, {"q": "修"}) is None  # nothing indexable
            for extra in ({"kind": "wish"}, {"overdue": False}, {"grid": "第一网格"}):
                assert listed_ids(admin, {"q": "暖气", **extra}) is None
            assert listed_ids(admin, {"q": "暖气", "sort": "due_at"}) is None

    def test_a_query_too_long_is_422(self, district):
        response = district.api.secretary.get("/orders?q=" + "修" * 101)
        assert response.status_code == 422
        assert "q" in response.json["errors"]


class TestFilters:
    def test_grid_category_urgency_kind(self, district, orders):
        api = district.api.secretary
        assert ids(api.get("/orders?grid=第二网格")) == [orders["washer"]["id"]]
        assert ids(api.get("/orders?category=eldercare")) == [orders["visit"]["id"]]
        assert ids(api.get("/orders?urgency=urgent")) == [orders["washer"]["id"]]
        repair = ids(api.get("/orders?category=repair&q=暖气"))
        assert repair == [orders["heater"]["id"]]

    @pytest.mark.parametrize(
        "query", ["category=cooking", "urgency=asap", "sort=title", "grid=" + "格" * 41]
    )
    def test_bad_filters_are_422(self, district, query):
        response = district.api.secretary.get("/orders?" + query)
        assert response.status_code == 422
        assert query.split("=")[0] in response.json["errors"]

    def test_overdue_and_team_filters_combine_with_the_text(self, app, district, orders):
        api = district.api.secretary
        api.post(
            f"/orders/{orders['heater']['id']}/dispatch", json={"team_id": district.repair_team}
        )
        api.post(
            f"/orders/{orders['washer']['id']}/dispatch", json={"team_id": district.repair_team}
        )
        with app.app_context():
            db.session.get(Order, orders["heater"]["id"]).due_at = utcnow() - timedelta(hours=1)
            db.session.commit()
        assert ids(api.get(f"/orders?team_id={district.repair_team}&q=暖气")) == [
            orders["heater"]["id"]
        ]
        assert ids(api.get("/orders?overdue=true")) == [orders["heater"]["id"]]
        assert ids(api.get("/orders?overdue=true&q=洗衣机")) == []


class TestSort:
    def test_by_age_both_ways(self, district, orders):
        api = district.api.secretary
        mine = [orders[k]["id"] for k in ("heater", "washer", "visit", "tv")]
        assert ids(api.get("/orders?sort=created_at")) == mine
        assert ids(api.get("/orders?sort=-created_at")) == mine[::-1]
        assert ids(api.get("/orders")) == mine[::-1]

    def test_by_due_time_with_the_undated_last(self, app, district, orders):
        api = district.api.secretary
        with app.app_context():
            now = utcnow()
            for key, hours in (("heater", 30), ("washer", 5), ("visit", 60)):
                db.session.get(Order, orders[key]["id"]).due_at = now + timedelta(hours=hours)
            db.session.commit()
        due = [orders[k]["id"] for k in ("washer", "heater", "visit")]
        assert ids(api.get("/orders?sort=due_at")) == [*due, orders["tv"]["id"]]
        assert ids(api.get("/orders?sort=-due_at")) == [*due[::-1], orders["tv"]["id"]]


class TestBulk:
    def test_dispatch_to_a_team_in_one_call(self, district, orders):
        api = district.api.secretary
        chosen = [orders["heater"]["id"], orders["washer"]["id"]]
        body = {"action": "dispatch", "order_ids": chosen, "team_id": district.repair_team}
        response = api.post("/orders/bulk", json=body)
        assert response.status_code == 200, response.json
        assert response.json == {"done": chosen, "refused": []}
        for order_id in chosen:
            order = api.get(f"/orders/{order_id}").json
            assert order["status"] == "dispatched"
            assert order["dispatch"]["team_id"] == district.repair_team

    def test_mixed_done_and_refused_leaves_the_refused_unchanged(self, app, district, orders):
        api = district.api.secretary
        api.post(f"/orders/{orders['visit']['id']}/reject", json={"reason": "重复"})
        before = api.get(f"/orders/{orders['visit']['id']}").json
        chosen = [orders["heater"]["id"], orders["visit"]["id"], orders["other"]["id"], 999999]
        response = api.post("/orders/bulk", json={"action": "accept", "order_ids": chosen})
        assert response.status_code == 200
        assert response.json["done"] == [orders["heater"]["id"]]
        refused = {r["order_id"]: r for r in response.json["refused"]}
        assert {k: v["code"] for k, v in refused.items()} == {
            orders["visit"]["id"]: 409,
            orders["other"]["id"]: 404,
            999999: 404,
        }
        assert all(r["message"] for r in refused.values())
        after = api.get(f"/orders/{orders['visit']['id']}").json
        assert after == before
        assert api.get(f"/orders/{orders['heater']['id']}").json["status"] == "accepted"

    def test_a_team_out_of_reach_refuses_the_order_and_changes_nothing(self, app, district, orders):
        api = district.api.street_admin
        with app.app_context():
            events = db.session.scalar(sa.select(sa.func.count()).select_from(OrderEvent))
        body = {
            "action": "dispatch",
            "order_ids": [orders["tv"]["id"]],
            "team_id": 10**8,
        }
        response = api.post("/orders/bulk", json=body)
        assert response.status_code == 200
        assert response.json["done"] == []
        assert response.json["refused"][0]["code"] == 422
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(OrderEvent)) == events
            assert db.session.get(Order, orders["tv"]["id"]).status == "submitted"

    def test_reject_with_one_reason_and_dispatch_to_the_pool(self, district, orders):
        api = district.api.secretary
        rejected = api.post(
            "/orders/bulk",
            json={
                "action": "reject",
                "order_ids": [orders["tv"]["id"]],
                "reason": "不属于服务范围",
            },
        )
        assert rejected.json == {"done": [orders["tv"]["id"]], "refused": []}
        assert (
            api.get(f"/orders/{orders['tv']['id']}").json["events"][-1]["note"] == "不属于服务范围"
        )
        pooled = api.post(
            "/orders/bulk",
            json={"action": "dispatch", "order_ids": [orders["visit"]["id"]], "pool": True},
        )
        assert pooled.json["done"] == [orders["visit"]["id"]]
        assert api.get(f"/orders/{orders['visit']['id']}").json["dispatch"]["pool"] is True

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"action": "accept", "order_ids": list(range(1, 102))}, "order_ids"),
            ({"action": "accept", "order_ids": []}, "order_ids"),
            ({"action": "close", "order_ids": [1]}, "action"),
            ({"action": "reject", "order_ids": [1]}, "reason"),
            ({"action": "dispatch", "order_ids": [1]}, "_schema"),
            ({"action": "dispatch", "order_ids": [1], "team_id": 1, "pool": True}, "_schema"),
            ({"action": "accept", "order_ids": [1], "member_id": 1}, "member_id"),
        ],
    )
    def test_bad_bodies_are_422(self, district, body, field):
        response = district.api.secretary.post("/orders/bulk", json=body)
        assert response.status_code == 422
        assert field in response.json["errors"]

    def test_a_hundred_is_the_limit(self, district, orders):
        chosen = [orders["heater"]["id"], *range(10**6, 10**6 + 99)]
        response = district.api.secretary.post(
            "/orders/bulk", json={"action": "accept", "order_ids": chosen}
        )
        assert response.status_code == 200
        assert response.json["done"] == [orders["heater"]["id"]]
        assert len(response.json["refused"]) == 99

    def test_residents_and_members_may_not(self, district, orders):
        body = {"action": "accept", "order_ids": [orders["heater"]["id"]]}
        assert district.api.resident.post("/orders/bulk", json=body).status_code == 403
        assert district.api.member.post("/orders/bulk", json=body).status_code == 403

    def test_unauthenticated_is_401(self, anonymous):
        body = {"action": "accept", "order_ids": [1]}
        assert anonymous.post("/orders/bulk", json=body).status_code == 401
