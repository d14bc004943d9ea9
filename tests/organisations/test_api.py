"""/streets, /communities and /employers through the HTTP API."""

import pytest


def test_admin_creates_a_street(district):
    response = district.api.admin.post("/streets", json={"name": "  新城街道 "})
    assert response.status_code == 201
    assert response.json["name"] == "新城街道"
    names = [s["name"] for s in district.api.resident.get("/streets").json]
    assert "新城街道" in names


def test_streets_need_authentication(anonymous):
    assert anonymous.get("/streets").status_code == 401


@pytest.mark.parametrize("speaker", ["secretary", "street_admin", "resident", "contact"])
def test_only_admin_creates_streets_and_communities(district, speaker):
    api = getattr(district.api, speaker)
    assert api.post("/streets", json={"name": "x"}).status_code == 403
    body = {"name": "x", "street_id": district.street}
    assert api.post("/communities", json=body).status_code == 403


def test_duplicate_street_is_409(district):
    assert district.api.admin.post("/streets", json={"name": "金桥街道"}).status_code == 409


def test_community_comes_with_its_eight_standard_teams(district):
    body = {"name": "新华社区", "street_id": district.street, "grids": ["一网格"]}
    response = district.api.admin.post("/communities", json=body)
    assert response.status_code == 201
    community = response.json
    assert community["street_id"] == district.street
    teams = district.api.admin.get(f"/communities/{community['id']}/teams").json
    assert [t["key"] for t in teams] == [
        "policy",
        "patrol",
        "mediation",
        "eldercare",
        "repair",
        "environment",
        "legal",
        "health",
    ]
    assert teams[4]["name"] == "家电维修服务队"
    assert teams[4]["categories"] == ["repair"]
    assert {t["kind"] for t in teams} == {"standard"}
    assert {t["status"] for t in teams} == {"active"}
    assert {t["member_count"] for t in teams} == {0}


def test_community_in_unknown_street_is_422(district):
    response = district.api.admin.post("/communities", json={"name": "x", "street_id": 99999})
    assert response.status_code == 422
    assert "street_id" in response.json["errors"]


def test_communities_are_public_for_registration(anonymous, district):
    response = anonymous.get("/communities")
    assert response.status_code == 200
    assert {c["name"] for c in response.json} >= {"幸福里社区", "和平社区"}
    assert set(response.json[0]) >= {"id", "name", "street_id"}
    only = anonymous.get(f"/communities?street_id={district.other_street}").json
    assert [c["name"] for c in only] == ["远方社区"]


def test_lists_are_paginated(anonymous, district):
    response = anonymous.get("/communities?page=2&page_size=2")
    assert response.status_code == 200
    assert len(response.json) == 1
    assert '"total": 3' in response.headers["X-Pagination"]
    assert anonymous.get("/communities?page_size=101").status_code == 422
    assert anonymous.get("/communities?page=0").status_code == 422


class TestEmployers:
    body = {
        "name": "市自来水公司",
        "party_org_name": "市自来水公司党委",
        "report_emails": ["party@water.example.cn"],
    }

    @pytest.mark.parametrize("speaker", ["admin", "street_admin"])
    def test_admin_and_street_admin_add_employers(self, district, speaker):
        response = getattr(district.api, speaker).post("/employers", json=self.body)
        assert response.status_code == 201
        assert response.json["report_emails"] == ["party@water.example.cn"]

    @pytest.mark.parametrize("speaker", ["secretary", "resident", "contact"])
    def test_others_may_not(self, district, speaker):
        assert getattr(district.api, speaker).post("/employers", json=self.body).status_code == 403

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"report_emails": []}, "report_emails"),
            ({"report_emails": ["not-an-address"]}, "report_emails"),
            ({"name": ""}, "name"),
            ({"party_org_name": "党" * 101}, "party_org_name"),
        ],
    )
    def test_bad_employer_names_the_field(self, district, change, field):
        response = district.api.admin.post("/employers", json={**self.body, **change})
        assert response.status_code == 422
        assert field in response.json["errors"]

    def test_report_emails_only_for_those_who_may_see_them(self, district):
        def emails_by_name(api):
            return {e["name"]: e.get("report_emails") for e in api.get("/employers").json}

        assert emails_by_name(district.api.admin)["市第一人民医院"]
        assert emails_by_name(district.api.street_admin)["区税务局"]
        contact_view = emails_by_name(district.api.contact)
        assert contact_view["市第一人民医院"]
        assert contact_view["区税务局"] is None
        assert set(emails_by_name(district.api.resident).values()) == {None}
