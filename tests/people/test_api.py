"""/members: report-in (报到), confirmation, listing, visibility, consent, leaving."""

import pytest


def report_in_body(district, **changes):
    body = {
        "community_id": district.community,
        "member_type": "in_service",
        "employer_id": district.employer,
        "phone": "13912345678",
        "skills": ["电工", "水暖"],
        "consent_employer_feedback": True,
    }
    body.update(changes)
    return body


def test_resident_reports_in_and_secretary_confirms(district):
    response = district.api.resident.post("/members", json=report_in_body(district))
    assert response.status_code == 201
    member = response.json
    assert member["status"] == "pending"
    assert member["consent_version"] == "2026-01"
    assert member["consent_at"].endswith("+00:00")
    assert member["skills"] == ["电工", "水暖"]

    confirmed = district.api.secretary.post(f"/members/{member['id']}/confirm")
    assert confirmed.status_code == 200
    assert confirmed.json["status"] == "active"
    roles = district.api.resident.get("/me").json["roles"]
    assert {"role": "member", "community_id": district.community} in roles


def test_second_report_in_is_409(district):
    assert district.api.resident.post("/members", json=report_in_body(district)).status_code == 201
    again = district.api.resident.post("/members", json=report_in_body(district))
    assert again.status_code == 409


def test_consent_is_separate_and_optional(district):
    body = report_in_body(district, consent_employer_feedback=False)
    member = district.api.resident.post("/members", json=body).json
    assert member["consent_employer_feedback"] is False
    assert member["consent_at"] is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"employer_id": None}, "employer_id"),
        ({"member_type": "community"}, "employer_id"),
        ({"employer_id": 99999}, "employer_id"),
        ({"community_id": 99999}, "community_id"),
        ({"member_type": "retired"}, "member_type"),
        ({"phone": "1234"}, "phone"),
        ({"skills": ["x" * 21]}, "skills"),
        ({"skills": ["电工"] * 21}, "skills"),
        ({"consent_employer_feedback": "yes"}, "consent_employer_feedback"),
        ({"favourite_colour": "red"}, "favourite_colour"),
    ],
)
def test_bad_report_in_names_the_field(district, changes, field):
    response = district.api.resident.post("/members", json=report_in_body(district, **changes))
    assert response.status_code == 422
    assert field in response.json["errors"]


def test_residents_report_in_only_where_they_live(district):
    # 党员报到 is to the residential community: reporting in elsewhere would hand the resident
    # another community's pool and members.
    body = report_in_body(district, community_id=district.other_community)
    response = district.api.resident.post("/members", json=body)
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["community_id"]
    assert district.api.resident.get("/me").json["member"] is None
    assert district.api.other_resident.post("/members", json=body).status_code == 201


def test_an_account_without_a_home_community_may_report_in_anywhere(district):
    body = report_in_body(district, community_id=district.far_community)
    assert district.api.contact.post("/members", json=body).status_code == 201


def test_community_member_needs_no_employer(district):
    body = report_in_body(district, member_type="community", employer_id=None)
    assert district.api.resident.post("/members", json=body).status_code == 201


def test_confirm_is_scoped(district):
    pending = district.pending_member
    assert district.api.other_secretary.post(f"/members/{pending}/confirm").status_code == 404
    assert district.api.resident.post(f"/members/{pending}/confirm").status_code == 404
    assert district.api.pending_member.post(f"/members/{pending}/confirm").status_code == 403
    assert district.api.street_admin.post(f"/members/{pending}/confirm").status_code == 200
    assert district.api.secretary.post(f"/members/{pending}/confirm").status_code == 409


def test_secretary_lists_own_community_members(district):
    response = district.api.secretary.get("/members")
    assert response.status_code == 200
    assert {m["id"] for m in response.json} == {district.member, district.pending_member}
    pending = district.api.secretary.get("/members?status=pending").json
    assert [m["id"] for m in pending] == [district.pending_member]
    in_team = district.api.secretary.get(f"/members?team_id={district.repair_team}").json
    assert [m["id"] for m in in_team] == [district.member]
    assert district.api.secretary.get("/members?q=dangyuan").json[0]["id"] == district.member


def test_street_admin_lists_the_street(district):
    ids = {m["id"] for m in district.api.street_admin.get("/members").json}
    assert ids == {district.member, district.pending_member, district.other_member}


def test_listing_another_community_is_404(district):
    response = district.api.secretary.get(f"/members?community_id={district.other_community}")
    assert response.status_code == 404


@pytest.mark.parametrize("speaker", ["resident", "member", "contact"])
def test_listing_members_is_for_secretaries(district, speaker):
    assert getattr(district.api, speaker).get("/members").status_code == 403


def test_member_sees_self_secretary_sees_all(district):
    own = district.api.member.get(f"/members/{district.member}")
    assert own.status_code == 200
    assert own.json["phone"]
    assert district.api.secretary.get(f"/members/{district.member}").json["phone"]
    assert district.api.other_secretary.get(f"/members/{district.member}").status_code == 404
    assert district.api.resident.get(f"/members/{district.member}").status_code == 404
    assert district.api.member.get(f"/members/{district.other_member}").status_code == 404
    assert district.api.member.get("/members/99999").status_code == 404


def test_employer_contact_sees_record_fields_only(district):
    response = district.api.contact.get(f"/members/{district.member}")
    assert response.status_code == 200
    assert "phone" not in response.json
    assert response.json["display_name"]
    assert district.api.contact.get(f"/members/{district.other_member}").status_code == 404


def test_withdrawn_consent_hides_the_record_from_the_employer(district):
    withdrawn = district.api.member.put(
        f"/members/{district.member}/consent", json={"consent_employer_feedback": False}
    )
    assert withdrawn.status_code == 200
    assert withdrawn.json["consent_withdrawn_at"]
    seen = district.api.contact.get(f"/members/{district.member}").json
    assert seen == {
        "id": district.member,
        "display_name": seen["display_name"],
        "consent_employer_feedback": False,
    }


def test_only_the_member_decides_consent(district):
    body = {"consent_employer_feedback": False}
    response = district.api.secretary.put(f"/members/{district.member}/consent", json=body)
    assert response.status_code == 403


def test_leaving_ends_the_report_in_and_team_posts(district):
    left = district.api.member.post(f"/members/{district.member}/leave")
    assert left.status_code == 200
    assert left.json["status"] == "left"
    assert left.json["teams"] == []
    assert district.api.member.post(f"/members/{district.member}/leave").status_code == 409
    again = district.api.member.post("/members", json=report_in_body(district))
    assert again.status_code == 201
    assert again.json["id"] == district.member
    assert again.json["status"] == "pending"
