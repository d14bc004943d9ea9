"""承诺 · 践诺 · 评诺 over the API."""

from datetime import date, timedelta


def test_member_pledges_fulfils_and_residents_rate_once(district, anonymous):
    due_on = (date.today() + timedelta(days=30)).isoformat()
    made = district.api.member.post(
        "/pledges", json={"text": "每周为独居老人测一次血压", "due_on": due_on}
    )
    assert made.status_code == 201 and made.json["status"] == "open"
    assert made.json["community_id"] == district.community and made.json["member_id"]
    pledge = made.json["id"]
    rated = district.api.resident.post(
        f"/pledges/{pledge}/ratings", json={"satisfaction": "satisfied"}
    )
    assert rated.status_code == 201
    again = district.api.resident.post(
        f"/pledges/{pledge}/ratings", json={"satisfaction": "dissatisfied"}
    )
    assert again.status_code == 409
    fulfilled = district.api.member.post(f"/pledges/{pledge}/fulfil", json={"note": "已坚持8周"})
    assert fulfilled.status_code == 200 and fulfilled.json["status"] == "fulfilled"
    assert (
        district.api.member.post(f"/pledges/{pledge}/fulfil", json={"note": "再"}).status_code
        == 409
    )
    listed = anonymous.get(f"/communities/{district.community}/pledges")
    assert listed.status_code == 200
    (shown,) = listed.json
    assert shown["ratings"] == {"satisfied": 1, "basically_satisfied": 0, "dissatisfied": 0}
    assert shown["status"] == "fulfilled" and shown["note"] == "已坚持8周"
    assert "jumin" not in listed.get_data(as_text=True)
    assert anonymous.get(f"/communities/{district.other_community}/pledges").json == []
    assert anonymous.get("/communities/999999/pledges").status_code == 404


def test_secretary_pledges_for_a_team(district):
    made = district.api.secretary.post(
        "/pledges", json={"text": "维修队承诺24小时内响应", "team_id": district.repair_team}
    )
    assert made.status_code == 201 and made.json["team_id"] == district.repair_team
    assert made.json["pledger"]
    other = district.api.other_secretary.post(
        "/pledges", json={"text": "不是我的队", "team_id": district.repair_team}
    )
    assert other.status_code == 403
    fulfil = district.api.secretary.post(
        f"/pledges/{made.json['id']}/fulfil", json={"note": "做到了"}
    )
    assert fulfil.status_code == 200


def test_pledge_refusals(district, anonymous):
    assert district.api.resident.post("/pledges", json={"text": "我也想"}).status_code == 403
    assert district.api.pending_member.post("/pledges", json={"text": "未确认"}).status_code == 403
    too_long = district.api.member.post("/pledges", json={"text": "长" * 201})
    assert too_long.status_code == 422 and "text" in too_long.json["errors"]
    empty = district.api.member.post("/pledges", json={"text": "  "})
    assert empty.status_code == 422 and "text" in empty.json["errors"]
    pledge = district.api.member.post("/pledges", json={"text": "清理楼道"}).json["id"]
    assert (
        district.api.other_member.post(f"/pledges/{pledge}/fulfil", json={"note": "x"}).status_code
        == 403
    )
    assert (
        district.api.other_resident.post(
            f"/pledges/{pledge}/ratings", json={"satisfaction": "satisfied"}
        ).status_code
        == 403
    )
    assert (
        district.api.member.post(
            f"/pledges/{pledge}/ratings", json={"satisfaction": "satisfied"}
        ).status_code
        == 403
    )
    assert (
        district.api.resident.post(
            "/pledges/999999/ratings", json={"satisfaction": "satisfied"}
        ).status_code
        == 404
    )
    assert anonymous.post("/pledges", json={"text": "x"}).status_code == 401
