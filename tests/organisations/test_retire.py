"""PATCH /streets, /communities and /employers: edit and retire (`active: false`); a retired
one is no longer offered as a choice but keeps its history."""

import pytest

from tests.reports.conftest import H1


def retire(api, kind: str, thing_id: int):
    return api.patch(f"/{kind}/{thing_id}", json={"active": False})


class TestStreets:
    def test_admin_renames_and_retires_a_street(self, district):
        response = district.api.admin.patch(
            f"/streets/{district.other_street}", json={"name": " 银杏新街道 "}
        )
        assert response.status_code == 200
        assert response.json["name"] == "银杏新街道"
        assert response.json["active"] is True
        response = retire(district.api.admin, "streets", district.other_street)
        assert response.status_code == 200
        assert response.json["active"] is False

    @pytest.mark.parametrize("speaker", ["street_admin", "secretary", "resident", "contact"])
    def test_only_the_admin_edits_streets_and_communities(self, district, speaker):
        api = getattr(district.api, speaker)
        assert api.patch(f"/streets/{district.street}", json={"name": "x"}).status_code == 403
        body = {"name": "x"}
        assert api.patch(f"/communities/{district.community}", json=body).status_code == 403

    def test_unknown_ones_are_404(self, district):
        for kind in ("streets", "communities", "employers"):
            assert district.api.admin.patch(f"/{kind}/99999", json={}).status_code == 404

    def test_a_name_taken_is_409(self, district):
        body = {"name": "金桥街道"}
        response = district.api.admin.patch(f"/streets/{district.other_street}", json=body)
        assert response.status_code == 409
        body = {"name": "和平社区"}
        response = district.api.admin.patch(f"/communities/{district.community}", json=body)
        assert response.status_code == 409
        body = {"name": "区税务局"}
        response = district.api.admin.patch(f"/employers/{district.employer}", json=body)
        assert response.status_code == 409

    def test_keeping_ones_own_name_is_no_conflict(self, district):
        body = {"name": "金桥街道"}
        assert district.api.admin.patch(f"/streets/{district.street}", json=body).status_code == 200

    def test_a_retired_street_is_listed_only_when_asked(self, district):
        retire(district.api.admin, "streets", district.other_street)
        names = {s["name"] for s in district.api.admin.get("/streets").json}
        assert names == {"金桥街道"}
        retired = district.api.admin.get("/streets?active=false").json
        assert [s["name"] for s in retired] == ["银杏街道"]


class TestCommunities:
    def test_admin_renames_and_retires_a_community(self, district):
        api = district.api.admin
        response = api.patch(f"/communities/{district.community}", json={"name": "幸福新社区"})
        assert response.status_code == 200
        assert response.json["name"] == "幸福新社区"
        response = retire(api, "communities", district.community)
        assert (response.status_code, response.json["active"]) == (200, False)
        assert api.get(f"/communities/{district.community}").json["active"] is False

    def test_bad_fields_are_422_naming_them(self, district):
        api = district.api.admin
        response = api.patch(f"/communities/{district.community}", json={"name": ""})
        assert (response.status_code, list(response.json["errors"])) == (422, ["name"])
        response = api.patch(f"/communities/{district.community}", json={"street_id": 1})
        assert response.status_code == 422
        response = api.patch(f"/communities/{district.community}", json={"active": "maybe"})
        assert "active" in response.json["errors"]

    def test_a_retired_community_is_no_longer_a_registration_choice(self, anonymous, district):
        retire(district.api.admin, "communities", district.other_community)
        names = {c["name"] for c in anonymous.get("/communities").json}
        assert names == {"幸福里社区", "远方社区"}
        body = {
            "username": "newcomer",
            "password": "long enough, and unusual",
            "display_name": "新居民",
            "community_id": district.other_community,
        }
        response = anonymous.post("/auth/register", json=body)
        assert response.status_code == 422
        assert "community_id" in response.json["errors"]

    def test_a_retired_community_keeps_its_history(self, district, post_order):
        order = post_order()
        retire(district.api.admin, "communities", district.community)
        assert district.api.secretary.get(f"/orders/{order['id']}").status_code == 200
        assert district.api.resident.get(f"/orders/{order['id']}").status_code == 200
        assert district.api.secretary.get("/members").json
        assert district.api.admin.get(f"/communities/{district.community}").status_code == 200

    def test_report_in_to_a_retired_community_is_refused(self, district):
        retire(district.api.admin, "communities", district.community)
        body = {
            "community_id": district.community,
            "member_type": "community",
            "phone": "13912345678",
            "consent_employer_feedback": False,
        }
        response = district.api.resident.post("/members", json=body)
        assert response.status_code == 422
        assert "community_id" in response.json["errors"]


class TestEmployers:
    @pytest.mark.parametrize("speaker", ["admin", "street_admin"])
    def test_admin_and_street_admin_edit_the_report_addresses(self, district, speaker):
        body = {"report_emails": ["dangwei@hospital.example.cn"], "party_org_name": "医院党委"}
        response = getattr(district.api, speaker).patch(
            f"/employers/{district.employer}", json=body
        )
        assert response.status_code == 200
        assert response.json["report_emails"] == ["dangwei@hospital.example.cn"]
        assert response.json["party_org_name"] == "医院党委"
        assert response.json["name"] == "市第一人民医院"

    @pytest.mark.parametrize("speaker", ["secretary", "resident", "contact", "member"])
    def test_others_may_not(self, district, speaker):
        body = {"name": "x"}
        response = getattr(district.api, speaker).patch(
            f"/employers/{district.employer}", json=body
        )
        assert response.status_code == 403

    def test_report_emails_are_checked(self, district):
        for emails in ([], ["not-an-address"]):
            response = district.api.admin.patch(
                f"/employers/{district.employer}", json={"report_emails": emails}
            )
            assert response.status_code == 422
            assert "report_emails" in response.json["errors"]

    def test_a_retired_employer_is_no_longer_a_report_in_choice(self, district):
        retire(district.api.admin, "employers", district.other_employer)
        names = {e["name"] for e in district.api.resident.get("/employers").json}
        assert names == {"市第一人民医院"}
        body = {
            "community_id": district.community,
            "member_type": "in_service",
            "employer_id": district.other_employer,
            "phone": "13912345678",
            "consent_employer_feedback": False,
        }
        response = district.api.resident.post("/members", json=body)
        assert response.status_code == 422
        assert "employer_id" in response.json["errors"]

    def test_no_report_is_drafted_for_a_retired_employer(self, district):
        retire(district.api.admin, "employers", district.employer)
        response = district.api.admin.post(
            "/reports", json={"employer_id": district.employer, **H1}
        )
        assert response.status_code == 422
        assert "employer_id" in response.json["errors"]

    def test_no_role_is_granted_over_a_retired_one(self, district):
        retire(district.api.admin, "employers", district.employer)
        retire(district.api.admin, "communities", district.community)
        retire(district.api.admin, "streets", district.other_street)
        for scope, role in (
            ({"employer_id": district.employer}, "employer_contact"),
            ({"community_id": district.community}, "secretary"),
            ({"street_id": district.other_street}, "street_admin"),
        ):
            body = {"user_id": district.resident, "role": role, **scope}
            response = district.api.admin.post("/grants", json=body)
            assert response.status_code == 422
            assert list(response.json["errors"]) == list(scope)

    def test_a_retired_employer_keeps_its_members_and_reports(self, district):
        report = district.api.admin.post("/reports", json={"employer_id": district.employer, **H1})
        retire(district.api.admin, "employers", district.employer)
        assert district.api.admin.get(f"/reports/{report.json['id']}").status_code == 200
        member = district.api.member.get("/me").json["member"]
        assert member["employer_id"] == district.employer
        retired = district.api.admin.get("/employers?active=false").json
        assert [e["name"] for e in retired] == ["市第一人民医院"]

    def test_retired_employers_are_left_out_of_the_periods_drafts(self, app, district):
        from volunteer.reports.periods import parse_period
        from volunteer.reports.services import draft_period

        retire(district.api.admin, "employers", district.other_employer)
        with app.app_context():
            counts = draft_period(parse_period("2026H1"))
        assert counts == {"created": 1, "regenerated": 0, "unchanged": 0}


def test_the_reports_desk_filters_by_retired_employers_but_drafts_for_those_in_use(app, district):
    from volunteer.auth.models import User
    from volunteer.extensions import db
    from volunteer.reports.services import employers_to_report_on

    retire(district.api.admin, "employers", district.other_employer)
    with app.app_context():
        admin = db.session.get(User, district.admin)
        assert [e.name for e in employers_to_report_on(admin)] == ["市第一人民医院"]
        every = employers_to_report_on(admin, with_retired=True)
        assert {e.name for e in every} == {"市第一人民医院", "区税务局"}
