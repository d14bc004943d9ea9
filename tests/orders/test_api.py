"""The 三单 lifecycle through the HTTP API: roles, scopes, states and validation."""

from datetime import timedelta

import pytest

from tests.order_fixtures import order_body
from volunteer.db import utcnow


def actions(order) -> list[str]:
    return [event["action"] for event in order["events"]]


class TestPosting:
    def test_resident_posts_an_order(self, district):
        response = district.api.resident.post("/orders", json=order_body())
        assert response.status_code == 201
        order = response.json
        assert order["status"] == "submitted"
        assert order["community_id"] == district.community
        assert order["contact"]["phone"] == "13800138000"
        assert order["contact"]["masked"] is False
        assert order["created_at"].endswith("+00:00")
        assert actions(order) == ["submit"]
        assert order["events"][0]["actor"]["id"] == district.resident
        assert order["dispatch"] == {"team_id": None, "member_id": None, "pool": False}
        assert order["claimed_by"] is None and order["completion"] is None

    def test_phone_defaults_to_the_residents(self, district):
        body = order_body()
        del body["contact_phone"]
        order = district.api.resident.post("/orders", json=body).json
        assert order["contact"]["phone"] == "13800138000"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"title": ""}, "title"),
            ({"title": "题" * 61}, "title"),
            ({"description": "长" * 2001}, "description"),
            ({"category": "cooking"}, "category"),
            ({"kind": "gift"}, "kind"),
            ({"urgency": "asap"}, "urgency"),
            ({"address": "址" * 201}, "address"),
            ({"contact_phone": "021-12345678"}, "contact_phone"),
            ({"preferred_time": "时" * 101}, "preferred_time"),
            ({"status": "closed"}, "status"),
        ],
    )
    def test_bad_order_names_the_field(self, district, changes, field):
        response = district.api.resident.post("/orders", json=order_body(**changes))
        assert response.status_code == 422
        assert field in response.json["errors"]

    def test_another_community_is_404(self, district):
        body = order_body(community_id=district.other_community)
        assert district.api.resident.post("/orders", json=body).status_code == 404

    def test_employer_contact_may_not_post(self, district):
        body = order_body(community_id=district.community)
        assert district.api.contact.post("/orders", json=body).status_code == 404

    def test_secretary_posts_on_behalf_of_a_resident(self, district):
        body = order_body(on_behalf_of={"name": "孙大爷", "phone": "13700137000"})
        response = district.api.secretary.post("/orders", json=body)
        assert response.status_code == 201
        order = response.json
        assert order["on_behalf"] is True
        assert order["contact"]["name"] == "孙大爷"
        assert order["contact"]["phone"] == "13700137000"

    def test_secretary_without_on_behalf_of_is_422(self, district):
        response = district.api.secretary.post("/orders", json=order_body())
        assert response.status_code == 422
        assert "on_behalf_of" in response.json["errors"]

    def test_resident_may_not_post_on_behalf(self, district):
        body = order_body(on_behalf_of={"name": "孙大爷", "phone": "13700137000"})
        assert district.api.resident.post("/orders", json=body).status_code == 403

    def test_anonymous_is_401(self, anonymous):
        assert anonymous.post("/orders", json=order_body()).status_code == 401


class TestLifecycle:
    def test_submitted_to_closed_with_its_timeline(self, district, post_order):
        order = post_order()
        oid = order["id"]
        accepted = district.api.secretary.post(f"/orders/{oid}/accept", json={"urgency": "urgent"})
        assert accepted.status_code == 200
        assert accepted.json["status"] == "accepted"
        assert accepted.json["urgency"] == "urgent"
        dispatched = district.api.secretary.post(
            f"/orders/{oid}/dispatch", json={"team_id": district.repair_team}
        ).json
        assert dispatched["status"] == "dispatched"
        assert dispatched["dispatch"]["team_id"] == district.repair_team
        assert dispatched["due_at"].endswith("+00:00")
        assert dispatched["overdue"] is False
        claimed = district.api.member.post(f"/orders/{oid}/claim").json
        assert claimed["status"] == "claimed"
        assert claimed["claimed_by"]["member_id"] == district.member
        done = district.api.member.post(
            f"/orders/{oid}/complete", json={"note": "已修好", "hours": 2}
        ).json
        assert done["status"] == "completed"
        assert done["completion"]["hours"] == 2.0
        rated = district.api.resident.post(
            f"/orders/{oid}/rate", json={"score": 5, "comment": "谢谢"}
        )
        assert rated.status_code == 200
        final = district.api.resident.get(f"/orders/{oid}").json
        assert final["status"] == "closed"
        assert final["close_reason"] == "rated"
        assert final["rating"]["score"] == 5
        assert actions(final) == ["submit", "accept", "dispatch", "claim", "complete", "rate"]
        assert [e["to_status"] for e in final["events"]] == [
            "submitted",
            "accepted",
            "dispatched",
            "claimed",
            "completed",
            "closed",
        ]
        assert final["events"][3]["actor"]["display_name"]

    def test_wrong_state_is_409_and_changes_nothing(self, district, post_order):
        order = post_order()
        response = district.api.member.post(
            f"/orders/{order['id']}/complete", json={"note": "x", "hours": 1}
        )
        assert response.status_code == 403
        response = district.api.resident.post(f"/orders/{order['id']}/rate", json={"score": 5})
        assert response.status_code == 409
        assert response.json["code"] == 409
        after = district.api.resident.get(f"/orders/{order['id']}").json
        assert after["status"] == "submitted"
        assert after["version"] == order["version"]

    def test_reject_needs_a_reason(self, district, post_order):
        order = post_order()
        response = district.api.secretary.post(f"/orders/{order['id']}/reject", json={})
        assert response.status_code == 422
        assert "reason" in response.json["errors"]
        rejected = district.api.secretary.post(
            f"/orders/{order['id']}/reject", json={"reason": "不属于服务范围"}
        ).json
        assert rejected["status"] == "rejected"
        assert rejected["close_reason"] is None

    def test_merge_into_another_open_order(self, district, post_order):
        first, second = post_order(), post_order()
        merged = district.api.secretary.post(
            f"/orders/{second['id']}/merge", json={"into_order_id": first["id"]}
        )
        assert merged.status_code == 200
        assert merged.json["status"] == "merged"
        assert merged.json["merged_into_id"] == first["id"]

    def test_merge_into_itself_or_a_closed_order_is_422(self, district, post_order):
        first, second = post_order(), post_order()
        district.api.resident.post(f"/orders/{first['id']}/cancel", json={})
        for target in (second["id"], first["id"], 99999):
            response = district.api.secretary.post(
                f"/orders/{second['id']}/merge", json={"into_order_id": target}
            )
            assert response.status_code == 422
            assert "into_order_id" in response.json["errors"]

    @pytest.mark.parametrize(
        "body",
        [{}, {"team_id": 1, "pool": True}, {"team_id": 1, "member_id": 1}, {"pool": False}],
    )
    def test_dispatch_needs_exactly_one_target(self, district, post_order, body):
        order = post_order()
        response = district.api.secretary.post(f"/orders/{order['id']}/dispatch", json=body)
        assert response.status_code == 422

    def test_dispatch_to_another_communitys_team_is_422(self, district, post_order):
        order = post_order()
        teams = district.api.other_secretary.get(f"/communities/{district.other_community}/teams")
        response = district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"team_id": teams.json[0]["id"]}
        )
        assert response.status_code == 422
        assert "team_id" in response.json["errors"]

    def test_dispatch_due_at_must_be_in_the_future(self, district, post_order):
        order = post_order()
        response = district.api.secretary.post(
            f"/orders/{order['id']}/dispatch",
            json={"pool": True, "due_at": "2020-01-01T00:00:00+00:00"},
        )
        assert response.status_code == 422
        assert "due_at" in response.json["errors"]

    def test_pool_dispatch_is_claimable_by_any_active_member(self, district, post_order, app):
        order = post_order()
        district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
        assert district.api.pending_member.post(f"/orders/{order['id']}/claim").status_code == 404
        response = district.api.member.post(f"/orders/{order['id']}/claim")
        assert response.status_code == 200

    def test_direct_dispatch_is_an_offer_to_that_member(self, district, post_order):
        order = post_order()
        district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"member_id": district.member}
        )
        declined = district.api.member.post(
            f"/orders/{order['id']}/decline", json={"reason": "本周出差"}
        )
        assert declined.status_code == 200
        assert declined.json["status"] == "accepted"
        assert declined.json["dispatch"]["member_id"] is None

    def test_only_the_offered_member_may_decline(self, district, dispatched):
        response = district.api.member.post(
            f"/orders/{dispatched['id']}/decline", json={"reason": "忙"}
        )
        assert response.status_code == 403

    def test_claim_by_member_outside_the_team_is_403(self, district, dispatched, app):
        from tests.factories import MemberFactory
        from volunteer.extensions import db
        from volunteer.organisations.models import Community

        with app.app_context():
            community = db.session.get(Community, district.community)
            outsider = MemberFactory(community=community, user__community_id=community.id)
            db.session.commit()
            outsider_user = outsider.user_id
        from tests.conftest import Api
        from volunteer.auth.models import User
        from volunteer.auth.services import issue_token

        with app.app_context():
            token, _ = issue_token(db.session.get(User, outsider_user))
            db.session.commit()
        outsider_api = Api(app.test_client(), token)
        assert outsider_api.post(f"/orders/{dispatched['id']}/claim").status_code == 403
        assert (
            district.api.other_member.post(f"/orders/{dispatched['id']}/claim").status_code == 404
        )
        assert district.api.resident.post(f"/orders/{dispatched['id']}/claim").status_code == 403
        assert (
            district.api.other_resident.post(f"/orders/{dispatched['id']}/claim").status_code == 404
        )

    def test_second_claim_gets_409(self, district, claimed):
        assert district.api.member.post(f"/orders/{claimed['id']}/claim").status_code == 409

    def test_claimer_releases_with_a_reason(self, district, claimed):
        released = district.api.member.post(
            f"/orders/{claimed['id']}/release", json={"reason": "临时有事"}
        )
        assert released.status_code == 200
        assert released.json["status"] == "dispatched"
        assert released.json["claimed_by"] is None

    def test_secretary_releases_to_reassign(self, district, claimed):
        response = district.api.secretary.post(
            f"/orders/{claimed['id']}/release", json={"reason": "改派"}
        )
        assert response.status_code == 200

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"note": "好了", "hours": 0}, "hours"),
            ({"note": "好了", "hours": 8.5}, "hours"),
            ({"note": "好了", "hours": 1.3}, "hours"),
            ({"note": "", "hours": 1}, "note"),
            ({"note": "长" * 1001, "hours": 1}, "note"),
            ({"hours": 1}, "note"),
        ],
    )
    def test_bad_completion_names_the_field(self, district, claimed, body, field):
        response = district.api.member.post(f"/orders/{claimed['id']}/complete", json=body)
        assert response.status_code == 422
        assert field in response.json["errors"]

    def test_at_most_eight_hours_a_day(self, district, post_order):
        for hours, expected in ((6, 200), (2.5, 422), (2, 200)):
            order = post_order()
            district.api.secretary.post(
                f"/orders/{order['id']}/dispatch", json={"team_id": district.repair_team}
            )
            district.api.member.post(f"/orders/{order['id']}/claim")
            response = district.api.member.post(
                f"/orders/{order['id']}/complete", json={"note": "完成", "hours": hours}
            )
            assert response.status_code == expected, response.json

    def test_only_the_claimer_completes(self, district, claimed):
        body = {"note": "完成", "hours": 1}
        assert (
            district.api.secretary.post(f"/orders/{claimed['id']}/complete", json=body).status_code
            == 403
        )

    @pytest.mark.parametrize("score", [0, 6, "5", 4.5])
    def test_score_is_one_to_five(self, district, completed, score):
        response = district.api.resident.post(
            f"/orders/{completed['id']}/rate", json={"score": score}
        )
        assert response.status_code == 422
        assert "score" in response.json["errors"]

    def test_only_the_owner_rates(self, district, completed):
        assert (
            district.api.secretary.post(
                f"/orders/{completed['id']}/rate", json={"score": 5}
            ).status_code
            == 403
        )
        assert (
            district.api.other_resident.post(
                f"/orders/{completed['id']}/rate", json={"score": 5}
            ).status_code
            == 404
        )

    def test_low_score_opens_a_follow_up_for_the_secretary(self, district, completed):
        district.api.resident.post(
            f"/orders/{completed['id']}/rate", json={"score": 2, "comment": "没修好"}
        )
        notes = district.api.secretary.get("/notifications").json
        assert notes[0]["kind"] == "follow_up"
        assert notes[0]["order_id"] == completed["id"]
        follow_ups = district.api.secretary.get("/follow-ups").json
        assert [f["order_id"] for f in follow_ups] == [completed["id"]]

    def test_reopen_goes_back_to_the_same_member(self, district, completed):
        reopened = district.api.resident.post(
            f"/orders/{completed['id']}/reopen", json={"reason": "又不热了"}
        ).json
        assert reopened["status"] == "claimed"
        assert reopened["claimed_by"]["member_id"] == district.member
        assert reopened["completion"] is None

    def test_reopen_after_the_window_is_409(self, district, completed, time_machine):
        time_machine.move_to(utcnow() + timedelta(days=8))
        response = district.api.resident.post(
            f"/orders/{completed['id']}/reopen", json={"reason": "又坏了"}
        )
        assert response.status_code == 409

    def test_owner_cancels_before_the_claim(self, district, dispatched):
        cancelled = district.api.resident.post(
            f"/orders/{dispatched['id']}/cancel", json={"reason": "已自行解决"}
        )
        assert cancelled.status_code == 200
        assert cancelled.json["status"] == "cancelled"

    def test_cancel_without_a_body(self, district, post_order):
        order = post_order()
        assert district.api.resident.post(f"/orders/{order['id']}/cancel").status_code == 200

    def test_claimed_order_cannot_be_cancelled(self, district, claimed):
        assert (
            district.api.resident.post(f"/orders/{claimed['id']}/cancel", json={}).status_code
            == 409
        )

    def test_secretary_cancels_only_a_proxy_order(self, district, post_order):
        own = post_order()
        assert (
            district.api.secretary.post(f"/orders/{own['id']}/cancel", json={}).status_code == 403
        )
        proxy = district.api.secretary.post(
            "/orders", json=order_body(on_behalf_of={"name": "孙大爷", "phone": "13700137000"})
        ).json
        assert (
            district.api.secretary.post(f"/orders/{proxy['id']}/cancel", json={}).status_code == 200
        )


class TestEscalation:
    def test_street_dispatches_an_escalated_order_to_another_community(
        self, district, post_order, app
    ):
        order = post_order()
        oid = order["id"]
        district.api.secretary.post(f"/orders/{oid}/accept")
        escalated = district.api.secretary.post(
            f"/orders/{oid}/escalate", json={"reason": "需要街道协调"}
        )
        assert escalated.json["status"] == "escalated"
        # Once escalated, the street decides.
        response = district.api.secretary.post(f"/orders/{oid}/dispatch", json={"pool": True})
        assert response.status_code == 403
        other_repair = next(
            t["id"]
            for t in district.api.street_admin.get(
                f"/communities/{district.other_community}/teams"
            ).json
            if t["key"] == "repair"
        )
        dispatched = district.api.street_admin.post(
            f"/orders/{oid}/dispatch", json={"team_id": other_repair}
        )
        assert dispatched.status_code == 200
        # The other community's member joins that team and may claim.
        assert district.api.other_member.post(f"/teams/{other_repair}/members").status_code == 201
        assert district.api.other_member.post(f"/orders/{oid}/claim").status_code == 200

    def test_escalate_is_for_the_secretary(self, district, post_order):
        order = post_order()
        district.api.secretary.post(f"/orders/{order['id']}/accept")
        response = district.api.street_admin.post(
            f"/orders/{order['id']}/escalate", json={"reason": "x"}
        )
        assert response.status_code == 403

    def test_street_admin_rejects_an_escalated_order(self, district, post_order):
        order = post_order()
        district.api.secretary.post(f"/orders/{order['id']}/accept")
        district.api.secretary.post(f"/orders/{order['id']}/escalate", json={"reason": "x"})
        assert (
            district.api.secretary.post(
                f"/orders/{order['id']}/reject", json={"reason": "x"}
            ).status_code
            == 403
        )
        assert (
            district.api.street_admin.post(
                f"/orders/{order['id']}/reject", json={"reason": "x"}
            ).status_code
            == 200
        )


class TestScopes:
    def test_lists_are_scoped(self, district, post_order, dispatched):
        own = post_order()
        assert {o["id"] for o in district.api.resident.get("/orders").json} == {
            own["id"],
            dispatched["id"],
        }
        assert district.api.other_resident.get("/orders").json == []
        assert [o["id"] for o in district.api.member.get("/orders").json] == [dispatched["id"]]
        assert len(district.api.secretary.get("/orders").json) == 2
        assert district.api.other_secretary.get("/orders").json == []
        assert len(district.api.street_admin.get("/orders").json) == 2
        assert district.api.contact.get("/orders").json == []
        assert district.api.other_secretary.get(f"/orders/{own['id']}").status_code == 404
        assert district.api.contact.get(f"/orders/{own['id']}").status_code == 404
        assert district.api.member.get(f"/orders/{own['id']}").status_code == 404

    def test_list_filters(self, district, post_order, dispatched):
        post_order(kind="wish", category="eldercare")
        secretary = district.api.secretary
        assert [o["status"] for o in secretary.get("/orders?status=dispatched").json] == [
            "dispatched"
        ]
        both = secretary.get("/orders?status=dispatched&status=submitted").json
        assert len(both) == 2
        assert [o["kind"] for o in secretary.get("/orders?kind=wish").json] == ["wish"]
        assert len(secretary.get(f"/orders?team_id={district.repair_team}").json) == 1
        assert secretary.get("/orders?overdue=true").json == []
        assert len(secretary.get("/orders?overdue=false").json) == 2
        assert secretary.get("/orders?status=bogus").status_code == 422
        response = secretary.get("/orders?page_size=1")
        assert '"total": 2' in response.headers["X-Pagination"]

    def test_the_total_counts_an_order_seen_two_ways_once(self, district, post_order):
        """The secretary's 代办 is theirs (proxy) and their community's."""
        body = order_body(on_behalf_of={"name": "孙大爷", "phone": "13700137000"})
        assert district.api.secretary.post("/orders", json=body).status_code == 201
        post_order()
        for query in ("", "?status=submitted", "?category=repair"):
            response = district.api.secretary.get(f"/orders{query}")
            assert len(response.json) == 2
            assert '"total": 2' in response.headers["X-Pagination"]

    @pytest.mark.parametrize("sort", ["", "due_at", "-due_at", "created_at"])
    def test_pages_mix_the_community_s_orders_with_the_caller_s_own(self, app, district, sort):
        """The community's branch gives only the first orders a page needs: pages of two
        still interleave them rightly with the secretary's own orders elsewhere."""
        from tests.factories import OrderFactory
        from volunteer.extensions import db
        from volunteer.organisations.models import Community

        with app.app_context():
            here = db.session.get(Community, district.community)
            there = db.session.get(Community, district.other_community)
            now = utcnow()
            for n in range(9):
                community = there if n % 3 == 1 else here
                owner = district.secretary if community is there else district.resident
                OrderFactory(
                    community=community,
                    owner_id=owner,
                    due_at=now + timedelta(hours=(n * 5) % 9) if n != 4 else None,
                )
            OrderFactory(community=there, owner_id=district.other_resident)  # not seen
            db.session.commit()
        query = f"sort={sort}&" if sort else ""
        secretary = district.api.secretary
        whole = secretary.get(f"/orders?{query}page_size=100")
        assert len(whole.json) == 9 and '"total": 9' in whole.headers["X-Pagination"]
        pages = [secretary.get(f"/orders?{query}page_size=2&page={p}") for p in range(1, 6)]
        assert all('"total": 9' in page.headers["X-Pagination"] for page in pages)
        assert [o["id"] for page in pages for o in page.json] == [o["id"] for o in whole.json]

    def test_mine_is_what_i_ordered_or_hold(self, district, claimed, post_order):
        post_order()
        assert [o["id"] for o in district.api.member.get("/orders?mine=true").json] == [
            claimed["id"]
        ]

    def test_overdue_is_computed(self, district, dispatched, time_machine):
        time_machine.move_to(utcnow() + timedelta(days=20))
        order = district.api.secretary.get(f"/orders/{dispatched['id']}").json
        assert order["overdue"] is True
        assert order["status"] == "dispatched"
        assert [o["id"] for o in district.api.secretary.get("/orders?overdue=true").json] == [
            dispatched["id"]
        ]
