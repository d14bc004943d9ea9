"""Auto-dispatch rules: a category mapped to a team sends new orders straight there."""

import pytest


def rule_path(district, category="repair"):
    return f"/communities/{district.community}/dispatch-rules/{category}"


def test_mapped_category_is_dispatched_by_the_system(district, post_order):
    rule = district.api.secretary.put(rule_path(district), json={"team_id": district.repair_team})
    assert rule.status_code == 200
    assert rule.json == {
        "community_id": district.community,
        "category": "repair",
        "team_id": district.repair_team,
    }
    order = post_order(category="repair")
    assert order["status"] == "dispatched"
    assert order["dispatch"]["team_id"] == district.repair_team
    assert order["due_at"] is not None
    event = order["events"][-1]
    assert (event["action"], event["actor"]) == ("dispatch", None)
    # The timeline the POST answers with (the events made, not read back) is the one kept.
    assert order["events"] == district.api.resident.get(f"/orders/{order['id']}").json["events"]
    assert district.api.member.post(f"/orders/{order['id']}/claim").status_code == 200
    other = post_order(category="legal")
    assert other["status"] == "submitted"


def test_a_team_with_nobody_active_leaves_the_order_to_the_secretary(district, post_order):
    legal = next(
        t["id"]
        for t in district.api.secretary.get(f"/communities/{district.community}/teams").json
        if t["key"] == "legal"
    )
    district.api.secretary.put(rule_path(district, "legal"), json={"team_id": legal})
    assert post_order(category="legal")["status"] == "submitted"


def test_rules_are_listed_replaced_and_deleted(district):
    secretary = district.api.secretary
    secretary.put(rule_path(district), json={"team_id": district.repair_team})
    assert len(secretary.get(f"/communities/{district.community}/dispatch-rules").json) == 1
    assert secretary.delete(rule_path(district)).status_code == 204
    assert secretary.get(f"/communities/{district.community}/dispatch-rules").json == []
    assert secretary.delete(rule_path(district)).status_code == 404


def test_rule_needs_an_active_team_of_the_community(district):
    other_team = district.api.street_admin.get(f"/communities/{district.other_community}/teams")
    response = district.api.secretary.put(
        rule_path(district), json={"team_id": other_team.json[0]["id"]}
    )
    assert response.status_code == 422
    assert "team_id" in response.json["errors"]


def test_unknown_category_is_404(district):
    path = f"/communities/{district.community}/dispatch-rules/cooking"
    assert district.api.secretary.put(path, json={"team_id": 1}).status_code == 404


@pytest.mark.parametrize(("speaker", "status"), [("member", 403), ("other_secretary", 404)])
def test_rules_are_for_the_secretary(district, speaker, status):
    response = getattr(district.api, speaker).put(
        rule_path(district), json={"team_id": district.repair_team}
    )
    assert response.status_code == status
