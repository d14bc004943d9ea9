"""Grids as records (网格) and grid workers (网格员, 首问负责) through the HTTP API (#20 item 2)."""

import pytest

from tests.order_fixtures import order_body
from volunteer.extensions import db
from volunteer.notifications.models import Notification

ELDER = {"name": "孙大爷", "phone": "13700137000"}


def grids_of(api, community_id) -> dict[str, int]:
    response = api.get(f"/communities/{community_id}/grids")
    assert response.status_code == 200, response.json
    return {grid["name"]: grid["id"] for grid in response.json}


@pytest.fixture
def grid_worker(district, as_user, app):
    """小周, a resident of the community made grid worker of its 第一网格 by the secretary."""
    from tests import factories

    with app.app_context():
        user = factories.UserFactory(username="wangge", display_name="周网格员")
        db.session.commit()
        user_id = user.id
    grid_id = grids_of(district.api.secretary, district.community)["第一网格"]
    response = district.api.secretary.post(
        "/grants", json={"user_id": user_id, "role": "grid_worker", "grid_id": grid_id}
    )
    assert response.status_code == 201, response.json
    assert response.json["grid_id"] == grid_id
    return {"id": user_id, "grid_id": grid_id, "api": as_user(user_id)}


class TestGrids:
    def test_a_community_lists_its_grids_to_anyone(self, district, anonymous):
        grids = anonymous.get(f"/communities/{district.community}/grids").json
        assert [grid["name"] for grid in grids] == ["第一网格", "第二网格"]
        assert {"id", "name", "boundary", "guide_member_id", "guide_name", "active"} <= set(
            grids[0]
        )
        community = anonymous.get(f"/communities/{district.community}").json
        assert community["grids"] == ["第一网格", "第二网格"]

    def test_the_secretary_adds_a_grid(self, district):
        body = {"name": "第三网格", "boundary": "7–12 栋"}
        path = f"/communities/{district.community}/grids"
        response = district.api.secretary.post(path, json=body)
        assert response.status_code == 201, response.json
        assert response.json["name"] == "第三网格" and response.json["boundary"] == "7–12 栋"
        assert "第三网格" in grids_of(district.api.resident, district.community)
        again = district.api.secretary.post(path, json=body)
        assert again.status_code == 409

    def test_a_grid_needs_a_name(self, district):
        response = district.api.secretary.post(
            f"/communities/{district.community}/grids", json={"name": ""}
        )
        assert response.status_code == 422
        assert "name" in response.json["errors"]

    @pytest.mark.parametrize(("speaker", "status"), [("resident", 403), ("other_secretary", 404)])
    def test_only_its_managers_add_grids(self, district, speaker, status):
        api = getattr(district.api, speaker)
        response = api.post(f"/communities/{district.community}/grids", json={"name": "第九网格"})
        assert response.status_code == status
        assert "第九网格" not in grids_of(district.api.secretary, district.community)

    def test_a_member_of_the_community_guides_a_grid(self, district):
        grid_id = grids_of(district.api.secretary, district.community)["第一网格"]
        response = district.api.secretary.patch(
            f"/grids/{grid_id}", json={"guide_member_id": district.member}
        )
        assert response.status_code == 200, response.json
        assert response.json["guide_member_id"] == district.member
        assert response.json["guide_name"]
        other = district.api.secretary.patch(
            f"/grids/{grid_id}", json={"guide_member_id": district.other_member}
        )
        assert other.status_code == 422
        assert "guide_member_id" in other.json["errors"]

    def test_a_retired_grid_is_no_longer_offered(self, district):
        grid_id = grids_of(district.api.secretary, district.community)["第二网格"]
        retire = district.api.secretary.patch(f"/grids/{grid_id}", json={"active": False})
        assert retire.status_code == 200
        assert list(grids_of(district.api.secretary, district.community)) == ["第一网格"]
        response = district.api.resident.post("/orders", json=order_body(grid_id=grid_id))
        assert response.status_code == 422
        assert "grid_id" in response.json["errors"]


class TestOrdersInGrids:
    def test_an_order_carries_the_grid_chosen(self, district):
        grid_id = grids_of(district.api.resident, district.community)["第二网格"]
        order = district.api.resident.post("/orders", json=order_body(grid_id=grid_id)).json
        assert order["grid_id"] == grid_id and order["grid"] == "第二网格"
        by_name = district.api.resident.post("/orders", json=order_body(grid="第二网格")).json
        assert by_name["grid_id"] == grid_id

    @pytest.mark.parametrize("body", [{"grid": "不存在的网格"}, {"grid_id": 999999}])
    def test_a_grid_of_another_community_is_refused(self, district, body):
        response = district.api.resident.post("/orders", json=order_body(**body))
        assert response.status_code == 422
        assert set(body) <= set(response.json["errors"])

    def test_the_desk_filters_by_grid(self, district):
        grids = grids_of(district.api.resident, district.community)
        first = district.api.resident.post("/orders", json=order_body(grid="第一网格")).json
        district.api.resident.post("/orders", json=order_body(grid="第二网格"))
        listed = district.api.secretary.get(f"/orders?grid_id={grids['第一网格']}").json
        assert [order["id"] for order in listed] == [first["id"]]

    def test_a_member_of_the_same_grid_is_recommended_for_it(self, district, app):
        from volunteer.people.models import Member

        grids = grids_of(district.api.resident, district.community)
        with app.app_context():
            member = db.session.get(Member, district.member)
            member.grid_id, member.grid = grids["第一网格"], "第一网格"
            db.session.commit()
        order = district.api.resident.post("/orders", json=order_body(grid="第一网格")).json
        ranked = district.api.secretary.get(f"/orders/{order['id']}/recommendations").json
        mine = next(m for m in ranked["members"] if m["member_id"] == district.member)
        assert any("第一网格" in reason for reason in mine["reasons"]), mine


class TestGridWorkers:
    def test_only_the_grids_managers_grant_grid_workers(self, district, grid_worker):
        body = {"user_id": district.resident, "role": "grid_worker"}
        other = district.api.other_secretary.post(
            "/grants", json={**body, "grid_id": grid_worker["grid_id"]}
        )
        assert other.status_code == 403
        assert district.api.secretary.post("/grants", json=body).status_code == 403
        secretary = {"user_id": district.resident, "role": "secretary"}
        assert (
            district.api.secretary.post(
                "/grants", json={**secretary, "community_id": district.community}
            ).status_code
            == 403
        )
        missing = district.api.admin.post("/grants", json=body)
        assert missing.status_code == 422 and "grid_id" in missing.json["errors"]

    def test_a_grid_worker_files_for_an_elder_and_owns_it_to_the_end(
        self, district, grid_worker, app
    ):
        api = grid_worker["api"]
        response = api.post("/orders", json=order_body(on_behalf_of=ELDER))
        assert response.status_code == 201, response.json
        order = response.json
        assert order["grid_id"] == grid_worker["grid_id"]
        assert order["first_contact_id"] == grid_worker["id"]
        assert order["first_contact"]["display_name"] == "周网格员"
        assert order["contact"]["masked"] is False and order["contact"]["name"] == "孙大爷"

        # The order goes all the way; the grid worker hears of every step.
        secretary, member = district.api.secretary, district.api.member
        assert secretary.post(f"/orders/{order['id']}/accept").status_code == 200
        dispatch = {"team_id": district.repair_team}
        assert secretary.post(f"/orders/{order['id']}/dispatch", json=dispatch).status_code == 200
        assert member.post(f"/orders/{order['id']}/claim").status_code == 200
        done = {"note": "修好了。", "hours": 1}
        assert member.post(f"/orders/{order['id']}/complete", json=done).status_code == 200
        with app.app_context():
            heard = db.session.scalars(
                db.select(Notification.message)
                .where(Notification.user_id == grid_worker["id"])
                .order_by(Notification.id)
            ).all()
        assert heard == [
            "您首问负责的“修理暖气”已受理。",
            "您首问负责的“修理暖气”已派单，等待党员接单。",
            "“修理暖气”已有党员接单。",
            "您首问负责的“修理暖气”已办结。",
        ]
        timeline = api.get(f"/orders/{order['id']}").json
        assert timeline["first_contact"]["user_id"] == grid_worker["id"]

    def test_a_grid_worker_files_only_in_their_grid(self, district, grid_worker):
        second = grids_of(district.api.secretary, district.community)["第二网格"]
        body = order_body(on_behalf_of=ELDER, grid_id=second)
        response = grid_worker["api"].post("/orders", json=body)
        assert response.status_code == 422
        assert "grid_id" in response.json["errors"]
        elsewhere = order_body(on_behalf_of=ELDER, community_id=district.other_community)
        assert grid_worker["api"].post("/orders", json=elsewhere).status_code in (403, 404)

    def test_a_grid_worker_sees_the_grids_orders_masked(self, district, grid_worker):
        grids = grids_of(district.api.resident, district.community)
        in_grid = district.api.resident.post("/orders", json=order_body(grid="第一网格")).json
        other = district.api.resident.post("/orders", json=order_body(grid="第二网格")).json
        api = grid_worker["api"]
        seen = {order["id"]: order for order in api.get("/orders").json}
        assert in_grid["id"] in seen and other["id"] not in seen
        assert seen[in_grid["id"]]["contact"]["masked"] is True
        assert seen[in_grid["id"]]["contact"]["phone"] != "13800138000"
        assert api.get(f"/orders/{other['id']}").status_code == 404
        assert grids["第一网格"] == grid_worker["grid_id"]

    def test_a_revoked_grid_worker_sees_nothing_more(self, district, grid_worker, app):
        from volunteer.auth.models import RoleGrant

        order = district.api.resident.post("/orders", json=order_body(grid="第一网格")).json
        with app.app_context():
            grant_id = db.session.scalar(
                db.select(RoleGrant.id).where(RoleGrant.user_id == grid_worker["id"])
            )
        assert district.api.secretary.delete(f"/grants/{grant_id}").status_code == 204
        assert grid_worker["api"].get(f"/orders/{order['id']}").status_code == 404
