"""Recommendations for dispatch and the member's pool, through the HTTP API."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import Api
from tests.factories import MemberFactory, grant, team
from volunteer.auth.services import issue_token
from volunteer.extensions import db
from volunteer.organisations.models import Community
from volunteer.teams.models import TeamMembership


@pytest.fixture
def crew(app, district, client):
    """More members of the district's community: an electrician outside any team, a cook in
    the repair team, and a member of the other community with the perfect skill. (The
    district's own member is in the repair team and has the skill 电工.)"""

    def add(community_id, username, skills, team_key=None, grid=None):
        community = db.session.get(Community, community_id)
        user = grant(
            __import__("tests.factories", fromlist=["UserFactory"]).UserFactory(
                username=username, community_id=community_id
            ),
            "resident",
            community_id=community_id,
        )
        member = MemberFactory(user=user, community=community, skills=skills, grid=grid)
        if team_key:
            db.session.add(
                TeamMembership(team_id=team(community, team_key).id, member_id=member.id)
            )
        token, _ = issue_token(user)
        return member.id, Api(client, token)

    with app.app_context():
        people = {
            "electrician": add(district.community, "dianggong", ["电工", "水暖"], grid="第一网格"),
            "cook": add(district.community, "chushi", ["烹饪"], "repair"),
            "far_electrician": add(district.other_community, "dianggong_b", ["电工", "暖气"]),
            "calligrapher": add(district.community, "shufa", ["书法"]),
        }
        db.session.commit()
    return people


def recommend(district, order_id, api=None, **headers):
    response = (api or district.api.secretary).get(
        f"/orders/{order_id}/recommendations", headers=headers
    )
    assert response.status_code == 200, response.json
    return response.json


def test_the_team_serving_the_category_ranks_first(district, post_order, crew):
    order = post_order(category="repair", title="暖气不热", description="暖气片不热，需要检修")
    teams = recommend(district, order["id"])["teams"]
    assert teams[0]["team_id"] == district.repair_team
    assert teams[0]["name"] == "家电维修服务队"
    assert any("家电维修" in reason for reason in teams[0]["reasons"])


def test_matching_skills_rank_above_none(district, post_order, crew):
    order = post_order(category="repair", title="跳闸了", description="家里跳闸了，想找个电工看看")
    members = recommend(district, order["id"])["members"]
    ids = [m["member_id"] for m in members]
    cook, _ = crew["cook"]
    electrician, _ = crew["electrician"]
    assert ids.index(district.member) < ids.index(cook)
    assert "技能：电工" in members[ids.index(district.member)]["reasons"]
    assert "技能：电工" not in members[ids.index(cook)]["reasons"]
    # Outside every team, the skill alone still makes the electrician a candidate.
    assert electrician in ids


def test_skilled_outranks_unskilled_outside_any_team(district, post_order, crew):
    order = post_order(category="other", title="找个电工", description="家里跳闸了，想找个电工看看")
    ids = [m["member_id"] for m in recommend(district, order["id"])["members"]]
    electrician, _ = crew["electrician"]
    calligrapher, _ = crew["calligrapher"]
    assert calligrapher in ids  # few fit, so the community's other members are listed too
    assert ids.index(electrician) < ids.index(calligrapher)


def test_other_communities_members_are_never_offered(district, post_order, crew):
    order = post_order(category="repair", title="暖气维修", description="电工 暖气")
    far_electrician, _ = crew["far_electrician"]
    members = recommend(district, order["id"])["members"]
    assert far_electrician not in [m["member_id"] for m in members]
    assert district.other_member not in [m["member_id"] for m in members]
    assert {m["community_id"] for m in members} == {district.community}
    teams = recommend(district, order["id"])["teams"]
    assert {t["community_id"] for t in teams} == {district.community}


def test_scores_are_sorted_and_reasons_present(district, post_order, crew):
    order = post_order()
    result = recommend(district, order["id"])
    for key in ("teams", "members"):
        scores = [entry["score"] for entry in result[key]]
        assert scores == sorted(scores, reverse=True)
        assert all(entry["reasons"] for entry in result[key])


def test_reasons_in_english_on_request(district, post_order, crew):
    order = post_order(category="repair")
    teams = recommend(district, order["id"], **{"Accept-Language": "en"})["teams"]
    assert "serves category appliance repair" in teams[0]["reasons"]
    assert "服务类别：家电维修" in recommend(district, order["id"])["teams"][0]["reasons"]


def test_escalated_orders_reach_the_streets_teams(district, post_order, crew):
    order = post_order(category="repair", description="暖气 电工")
    district.api.secretary.post(f"/orders/{order['id']}/accept")
    district.api.secretary.post(f"/orders/{order['id']}/escalate", json={"reason": "需协调"})
    result = recommend(district, order["id"], api=district.api.street_admin)
    assert {t["community_id"] for t in result["teams"]} == {
        district.community,
        district.other_community,
    }
    far_electrician, _ = crew["far_electrician"]
    assert far_electrician in [m["member_id"] for m in result["members"]]
    assert district.far_community not in {t["community_id"] for t in result["teams"]}


@pytest.mark.parametrize(
    ("speaker", "status"), [("member", 403), ("resident", 403), ("other_secretary", 404)]
)
def test_recommendations_are_for_secretaries(district, post_order, speaker, status):
    order = post_order()
    response = getattr(district.api, speaker).get(f"/orders/{order['id']}/recommendations")
    assert response.status_code == status


class TestPool:
    def test_pool_lists_what_i_may_claim_ranked_and_masked(self, district, post_order, crew):
        _, electrician = crew["electrician"]
        to_pool = post_order(
            title="水管漏水", description="厨房水管漏水，找个懂水暖的", category="other"
        )
        to_team = post_order(category="repair")
        offered = post_order(category="health", title="量血压")
        urgent = post_order(category="other", urgency="urgent", title="紧急求助")
        secretary = district.api.secretary
        secretary.post(f"/orders/{to_pool['id']}/dispatch", json={"pool": True})
        secretary.post(f"/orders/{to_team['id']}/dispatch", json={"team_id": district.repair_team})
        secretary.post(f"/orders/{offered['id']}/dispatch", json={"member_id": district.member})
        secretary.post(f"/orders/{urgent['id']}/dispatch", json={"pool": True})

        pool = electrician.get("/pool")
        assert pool.status_code == 200
        ids = [o["id"] for o in pool.json]
        assert set(ids) == {to_pool["id"], urgent["id"]}
        # Urgent first, whatever the match score (API.md); the score and its reasons are shown.
        assert ids == [urgent["id"], to_pool["id"]]
        assert pool.json[0]["match"]["score"] < pool.json[1]["match"]["score"]
        skilled = next(o for o in pool.json if o["id"] == to_pool["id"])
        assert "技能：水暖" in skilled["match"]["reasons"]
        assert skilled["contact"]["masked"] is True
        assert skilled["contact"]["phone"] == "138****8000"

        mine = [o["id"] for o in district.api.member.get("/pool").json]
        assert mine[0] == offered["id"]
        assert set(mine) == {offered["id"], to_team["id"], to_pool["id"], urgent["id"]}
        other = [o["id"] for o in district.api.other_member.get("/pool").json]
        assert other == []

    def test_direct_dispatch_is_claimable_only_by_that_member(self, district, post_order, crew):
        _, electrician = crew["electrician"]
        order = post_order()
        district.api.secretary.post(
            f"/orders/{order['id']}/dispatch", json={"member_id": district.member}
        )
        assert order["id"] not in [o["id"] for o in electrician.get("/pool").json]
        assert electrician.post(f"/orders/{order['id']}/claim").status_code == 403
        assert district.api.member.post(f"/orders/{order['id']}/claim").status_code == 200

    @pytest.mark.parametrize("speaker", ["resident", "pending_member", "secretary"])
    def test_pool_is_for_active_members(self, district, speaker):
        assert getattr(district.api, speaker).get("/pool").status_code == 403

    def test_pool_is_paginated(self, district, post_order):
        for _ in range(3):
            order = post_order()
            district.api.secretary.post(f"/orders/{order['id']}/dispatch", json={"pool": True})
        response = district.api.member.get("/pool?page_size=2&page=2")
        assert len(response.json) == 1
        assert '"total": 3' in response.headers["X-Pagination"]


def test_pool_ranks_urgent_first_then_the_earlier_due_time(district, post_order, crew):
    """A skilled, near, normal order must not sit above an urgent one, nor a later one above an
    earlier one of the same urgency (API.md: "The pool ranks urgent orders above normal ones")."""
    _, electrician = crew["electrician"]
    secretary = district.api.secretary

    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)  # due times to come

    def dispatched(hours, **changes):
        order = post_order(**changes)
        due_at = (soon + timedelta(hours=hours)).isoformat()
        response = secretary.post(
            f"/orders/{order['id']}/dispatch", json={"pool": True, "due_at": due_at}
        )
        assert response.status_code == 200, response.json
        return order["id"]

    skilled_late = dispatched(54, title="电工活", description="需要电工、水暖", category="repair")
    skilled_early = dispatched(30, title="陪同就医", category="other")
    urgent_later = dispatched(6, urgency="urgent", category="other")
    urgent_first = dispatched(0, urgency="urgent", category="other")
    ids = [o["id"] for o in electrician.get("/pool").json]
    assert ids == [urgent_first, urgent_later, skilled_early, skilled_late]
