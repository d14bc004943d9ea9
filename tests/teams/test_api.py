"""The 8+N teams: listing, proposing, deciding, joining and leaving."""

import pytest


def teams_by_name(api, community):
    return {t["name"]: t for t in api.get(f"/communities/{community}/teams").json}


def test_team_list_shows_member_counts(district):
    teams = teams_by_name(district.api.resident, district.community)
    assert teams["家电维修服务队"]["member_count"] == 1
    assert teams["法律咨询服务队"]["member_count"] == 0


def test_team_list_is_scoped(district, anonymous):
    assert (
        district.api.resident.get(f"/communities/{district.far_community}/teams").status_code == 404
    )
    assert anonymous.get(f"/communities/{district.community}/teams").status_code == 401
    other = district.api.street_admin.get(f"/communities/{district.other_community}/teams")
    assert other.status_code == 200


def test_member_proposes_and_secretary_approves_an_n_team(district):
    body = {"name": "心理疏导服务队", "description": "陪伴与倾听", "categories": ["other"]}
    proposed = district.api.member.post(f"/communities/{district.community}/teams", json=body)
    assert proposed.status_code == 201
    team = proposed.json
    assert (team["kind"], team["status"], team["key"], team["member_count"]) == (
        "custom",
        "proposed",
        None,
        1,
    )
    assert district.api.member.post(f"/teams/{team['id']}/approve").status_code == 403
    approved = district.api.secretary.post(f"/teams/{team['id']}/approve")
    assert approved.status_code == 200
    assert approved.json["status"] == "active"
    assert district.api.secretary.post(f"/teams/{team['id']}/approve").status_code == 409


def test_secretary_rejects_a_proposal_with_a_note(district):
    body = {"name": "广场舞队", "description": ""}
    team = district.api.member.post(f"/communities/{district.community}/teams", json=body).json
    assert team["categories"] == ["other"]
    rejected = district.api.secretary.post(
        f"/teams/{team['id']}/reject", json={"note": "不属于服务"}
    )
    assert rejected.status_code == 200
    assert rejected.json["status"] == "rejected"
    assert district.api.secretary.post(f"/teams/{team['id']}/reject").status_code == 409


def test_secretary_creates_an_active_team(district):
    body = {"name": "少儿托管服务队", "categories": ["other", "eldercare"]}
    response = district.api.secretary.post(f"/communities/{district.community}/teams", json=body)
    assert response.status_code == 201
    assert response.json["status"] == "active"


@pytest.mark.parametrize("speaker", ["resident", "pending_member"])
def test_non_members_may_not_propose(district, speaker):
    body = {"name": "新队"}
    api = getattr(district.api, speaker)
    assert api.post(f"/communities/{district.community}/teams", json=body).status_code == 403


def test_other_communitys_member_gets_404(district):
    body = {"name": "新队"}
    response = district.api.other_member.post(f"/communities/{district.community}/teams", json=body)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "队" * 61}, "name"),
        ({"name": "x", "categories": ["cooking"]}, "categories"),
        ({"name": "x", "categories": []}, "categories"),
        ({"name": "x", "description": "长" * 501}, "description"),
        ({"name": "x", "status": "active"}, "status"),
    ],
)
def test_bad_team_names_the_field(district, body, field):
    response = district.api.secretary.post(f"/communities/{district.community}/teams", json=body)
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_duplicate_team_name_is_409(district):
    body = {"name": "家电维修服务队"}
    response = district.api.secretary.post(f"/communities/{district.community}/teams", json=body)
    assert response.status_code == 409


def test_member_joins_and_leaves_a_team(district):
    legal = teams_by_name(district.api.member, district.community)["法律咨询服务队"]["id"]
    joined = district.api.member.post(f"/teams/{legal}/members")
    assert joined.status_code == 201
    assert joined.json["member_id"] == district.member
    assert district.api.member.post(f"/teams/{legal}/members").status_code == 409
    assert (
        district.api.member.delete(f"/teams/{legal}/members/{district.member}").status_code == 204
    )
    assert (
        district.api.member.delete(f"/teams/{legal}/members/{district.member}").status_code == 404
    )


def test_secretary_takes_a_member_off_a_team(district):
    path = f"/teams/{district.repair_team}/members/{district.member}"
    assert district.api.resident.delete(path).status_code == 403
    assert district.api.secretary.delete(path).status_code == 204


def test_joining_needs_an_active_member_of_the_community(district):
    team = district.repair_team
    assert district.api.resident.post(f"/teams/{team}/members").status_code == 403
    assert district.api.pending_member.post(f"/teams/{team}/members").status_code == 403
    assert district.api.other_member.post(f"/teams/{team}/members").status_code == 404


def test_joining_a_proposed_team_is_409(district):
    body = {"name": "心理疏导服务队"}
    team = district.api.member.post(f"/communities/{district.community}/teams", json=body).json
    # The proposer is in it already; another active member of the community may not join yet.
    assert district.api.member.post(f"/teams/{team['id']}/members").status_code == 409
