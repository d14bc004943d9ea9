"""回访 → 重办: a low rating opens a follow-up for the secretaries; the call is recorded with an
outcome, and `rework` sends the order back to be dispatched again (API.md "Closing the loop")."""

import pytest

from tests.conftest import Api
from volunteer.extensions import db
from volunteer.orders.models import Order


@pytest.fixture
def follow_up(district, completed) -> dict:
    rated = district.api.resident.post(
        f"/orders/{completed['id']}/rate", json={"score": 1, "comment": "没修好，还是不热"}
    )
    assert rated.status_code == 200
    (item,) = district.api.secretary.get("/follow-ups?done=false").json
    return item


def done(api: Api, follow_up: dict, outcome: str = "rework", note: str = "电话回访：仍不热"):
    return api.post(f"/follow-ups/{follow_up['id']}/done", json={"outcome": outcome, "note": note})


def test_a_low_rating_notifies_the_secretaries(district, follow_up):
    notes = district.api.secretary.get("/notifications?unread=true").json
    assert [(n["kind"], n["order_id"]) for n in notes][:1] == [("follow_up", follow_up["order_id"])]
    assert set(follow_up) >= {"id", "order_id", "community_id", "created_at", "done_at", "outcome"}
    assert follow_up["outcome"] is None and follow_up["done_at"] is None


def test_rework_sends_the_order_back(district, follow_up):
    answer = done(district.api.secretary, follow_up)
    assert answer.status_code == 200, answer.json
    assert answer.json["outcome"] == "rework" and answer.json["done_at"] is not None
    order = district.api.secretary.get(f"/orders/{follow_up['order_id']}").json
    assert order["status"] == "accepted"
    assert (order["rating"], order["completion"], order["claimed_by"]) == (None, None, None)
    assert order["rework_count"] == 1
    assert order["dispatch"] == {"team_id": None, "member_id": None, "pool": False}
    assert order["due_at"] is None and order["overdue"] is False
    actions = [event["action"] for event in order["events"]]
    assert actions[-2:] == ["follow_up", "rework"]
    follow_note, rework = order["events"][-2:]
    assert "电话回访：仍不热" in follow_note["note"]
    # What was cleared stays in the events: the first rating, completion and claimer.
    assert "1.5" in rework["note"] and "1" in rework["note"]
    assert any("没修好" in (e["note"] or "") for e in order["events"])
    assert any("更换了阀门" in (e["note"] or "") for e in order["events"])
    assert district.api.secretary.get("/follow-ups?done=false").json == []


def test_the_reworked_order_goes_round_again(app, district, follow_up):
    api, path = district.api, f"/orders/{follow_up['order_id']}"
    done(api.secretary, follow_up)
    steps = [
        (api.secretary, "dispatch", {"team_id": district.repair_team}),
        (api.member, "claim", {}),
        (api.member, "complete", {"note": "换了新阀门", "hours": 2}),
        (api.resident, "rate", {"score": 5, "comment": "这次好了"}),
    ]
    for speaker, action, body in steps:
        assert speaker.post(f"{path}/{action}", json=body).status_code == 200, action
    order = api.resident.get(path).json
    assert order["status"] == "closed" and order["rating"]["score"] == 5
    assert order["completion"]["hours"] == 2 and order["rework_count"] == 1
    with app.app_context():
        stored = db.session.get(Order, order["id"])
        assert (stored.first_score, stored.score) == (1, 5)
    # The member's record counts the order once, with its final completion and rating.
    record = api.member.get(f"/members/{district.member}/record").json
    assert (record["orders_completed"], record["hours"], record["satisfaction_rate"]) == (1, 2, 1)


def test_a_second_bad_rating_opens_a_second_follow_up(district, follow_up):
    api, path = district.api, f"/orders/{follow_up['order_id']}"
    done(api.secretary, follow_up)
    api.secretary.post(f"{path}/dispatch", json={"team_id": district.repair_team})
    api.member.post(f"{path}/claim")
    api.member.post(f"{path}/complete", json={"note": "又修了一次", "hours": 1})
    assert api.resident.post(f"{path}/rate", json={"score": 2}).status_code == 200
    (second,) = api.secretary.get("/follow-ups?done=false").json
    assert second["order_id"] == follow_up["order_id"] and second["id"] != follow_up["id"]


@pytest.mark.parametrize("outcome", ["resolved", "unreachable"])
def test_other_outcomes_leave_the_order_closed_with_the_note(district, follow_up, outcome):
    answer = done(district.api.secretary, follow_up, outcome, "已解释，居民表示理解")
    assert answer.status_code == 200 and answer.json["outcome"] == outcome
    order = district.api.resident.get(f"/orders/{follow_up['order_id']}").json
    assert order["status"] == "closed" and order["rework_count"] == 0
    assert order["rating"]["score"] == 1
    assert order["events"][-1]["action"] == "follow_up"
    assert "已解释，居民表示理解" in order["events"][-1]["note"]
    # The resident hears the outcome.
    kinds = [n["kind"] for n in district.api.resident.get("/notifications").json]
    assert "follow_up_done" in kinds


def test_a_second_done_is_409(district, follow_up):
    assert done(district.api.secretary, follow_up).status_code == 200
    assert done(district.api.street_admin, follow_up, "resolved").status_code == 409


def test_an_unknown_outcome_is_422(district, follow_up):
    answer = done(district.api.secretary, follow_up, "fixed")
    assert answer.status_code == 422 and "outcome" in answer.json["errors"]
    missing = district.api.secretary.post(f"/follow-ups/{follow_up['id']}/done", json={"note": "x"})
    assert missing.status_code == 422 and "outcome" in missing.json["errors"]


def test_the_street_admin_may_record_it(district, follow_up):
    assert done(district.api.street_admin, follow_up, "unreachable").status_code == 200


def test_others_are_refused_by_scope(district, follow_up):
    assert done(district.api.other_secretary, follow_up).status_code == 404
    assert done(district.api.resident, follow_up).status_code == 403
    assert done(district.api.member, follow_up).status_code == 403
    assert district.api.other_secretary.get("/follow-ups").json == []
    assert district.api.resident.get("/follow-ups").status_code == 403


def test_rework_only_through_a_follow_up(district, completed):
    path = f"/orders/{completed['id']}"
    district.api.resident.post(f"{path}/rate", json={"score": 5})
    assert district.api.secretary.post(f"{path}/rework", json={}).status_code in (404, 405)
