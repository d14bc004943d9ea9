"""/auth/register, /auth/tokens, /me and /grants through the HTTP API."""

import pytest

from tests.factories import PASSWORD


def register(api, **overrides):
    body = {
        "username": "new_user",
        "password": "long enough, and unusual",
        "display_name": "新居民",
        "community_id": overrides.pop("community_id"),
    }
    body.update(overrides)
    return api.post("/auth/register", json=body)


def test_register_creates_a_resident(anonymous, district):
    response = register(anonymous, community_id=district.community, phone="+86 138 0013 8001")
    assert response.status_code == 201
    user = response.json
    assert user["username"] == "new_user"
    assert user["phone"] == "13800138001"
    assert user["roles"] == [
        {"id": user["roles"][0]["id"], "role": "resident", "community_id": district.community}
    ]
    assert "password" not in user and "password_hash" not in user
    assert user["created_at"].endswith("+00:00")


def test_duplicate_username_is_409(anonymous, district):
    assert register(anonymous, community_id=district.community).status_code == 201
    response = register(anonymous, community_id=district.community)
    assert response.status_code == 409
    assert response.json["code"] == 409


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "AB"),
        ("username", "Has-Caps"),
        ("username", "x" * 33),
        ("password", "short"),
        ("display_name", ""),
        ("display_name", "名" * 61),
        ("phone", "12345"),
        ("phone", "010 6512 3456"),
        ("community_id", "1"),
        ("community_id", 99999),
    ],
)
def test_bad_registration_names_the_field(anonymous, district, field, value):
    response = register(anonymous, **{"community_id": district.community, field: value})
    assert response.status_code == 422
    assert field in response.json["errors"]
    assert response.json["status"] == "Unprocessable Entity"


def test_unknown_fields_are_rejected(anonymous, district):
    response = register(anonymous, community_id=district.community, role="admin")
    assert response.status_code == 422
    assert response.json["errors"] == {"role": ["Unknown field."]}


def test_malformed_json_is_400(anonymous):
    response = anonymous.post(
        "/auth/register", data="{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["code"] == 400
    assert response.json["status"] == "Bad Request"


def test_token_login_and_me(anonymous, client, district):
    response = anonymous.post("/auth/tokens", json={"username": "shuji", "password": PASSWORD})
    assert response.status_code == 201
    body = response.json
    assert body["expires_at"].endswith("+00:00")
    assert body["user"]["username"] == "shuji"
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.json["roles"][0]["role"] == "secretary"
    assert me.json["roles"][0]["community_id"] == district.community
    assert me.json["member"] is None


def test_me_of_a_member_shows_the_member_role(district):
    me = district.api.member.get("/me").json
    assert {"role": "member", "community_id": district.community} in me["roles"]
    assert me["member"]["status"] == "active"


def test_wrong_password_is_401(anonymous, district):
    response = anonymous.post("/auth/tokens", json={"username": "shuji", "password": "wrong one"})
    assert response.status_code == 401
    assert response.json == {
        "code": 401,
        "status": "Unauthorized",
        "message": "Wrong username or password.",
    }


def test_missing_or_bad_token_is_401(anonymous, client):
    assert anonymous.get("/me").status_code == 401
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert response.json["code"] == 401


def test_revoked_token_stops_working(district):
    assert district.api.resident.delete("/auth/tokens/current").status_code == 204
    assert district.api.resident.get("/me").status_code == 401


def test_expired_token_is_401(district, time_machine):
    time_machine.move_to("2099-01-01T00:00:00+00:00")
    assert district.api.resident.get("/me").status_code == 401


def test_ten_failed_logins_lock_the_username(anonymous, district):
    for _ in range(10):
        bad = anonymous.post("/auth/tokens", json={"username": "shuji", "password": "nope nope"})
        assert bad.status_code == 401
    locked = anonymous.post("/auth/tokens", json={"username": "shuji", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.json["code"] == 429
    other = anonymous.post("/auth/tokens", json={"username": "jumin", "password": PASSWORD})
    assert other.status_code == 201


def test_lockout_ends_after_the_window(anonymous, district, time_machine):
    time_machine.move_to("2026-11-22T08:00:00+00:00", tick=False)
    for _ in range(10):
        anonymous.post("/auth/tokens", json={"username": "shuji", "password": "nope nope"})
    time_machine.move_to("2026-11-22T08:16:00+00:00", tick=False)
    ok = anonymous.post("/auth/tokens", json={"username": "shuji", "password": PASSWORD})
    assert ok.status_code == 201


def test_auth_endpoints_are_rate_limited_per_address(app, anonymous, district):
    app.config["AUTH_RATE_LIMIT"] = "5 per minute"
    statuses = [
        anonymous.post("/auth/tokens", json={"username": "jumin", "password": PASSWORD}).status_code
        for _ in range(6)
    ]
    assert statuses == [201] * 5 + [429]
    limited = anonymous.post("/auth/register", json={})
    assert limited.status_code == 429
    assert limited.json["status"] == "Too Many Requests"


def test_wrong_method_is_405_with_allow(anonymous):
    response = anonymous.put("/health")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert response.json["code"] == 405


def test_unknown_path_is_404_json(anonymous):
    response = anonymous.get("/nothing-here")
    assert response.status_code == 404
    assert response.json["status"] == "Not Found"


def test_oversized_body_is_413(app, anonymous):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = anonymous.post("/auth/register", json={"username": "x" * 5000})
    assert response.status_code == 413
    assert response.json["code"] == 413


class TestGrants:
    def test_admin_grants_and_revokes_a_secretary(self, district):
        body = {
            "user_id": district.resident,
            "role": "secretary",
            "community_id": district.community,
        }
        response = district.api.admin.post("/grants", json=body)
        assert response.status_code == 201
        assert response.json["role"] == "secretary"
        roles = district.api.resident.get("/me").json["roles"]
        assert {"secretary", "resident"} == {r["role"] for r in roles}
        assert district.api.admin.delete(f"/grants/{response.json['id']}").status_code == 204
        roles = district.api.resident.get("/me").json["roles"]
        assert [r["role"] for r in roles] == ["resident"]

    def test_duplicate_grant_is_409(self, district):
        body = {"user_id": district.resident, "role": "admin"}
        assert district.api.admin.post("/grants", json=body).status_code == 201
        assert district.api.admin.post("/grants", json=body).status_code == 409

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"role": "secretary"}, "community_id"),
            ({"role": "street_admin", "community_id": 1}, "street_id"),
            ({"role": "admin", "street_id": 1}, "street_id"),
            ({"role": "employer_contact", "employer_id": 99999}, "employer_id"),
            ({"role": "resident", "community_id": 1}, "role"),
            ({"role": "king"}, "role"),
        ],
    )
    def test_grant_scope_must_fit_the_role(self, district, body, field):
        response = district.api.admin.post("/grants", json={"user_id": district.resident, **body})
        assert response.status_code == 422
        assert field in response.json["errors"]

    def test_grant_to_unknown_user_is_422(self, district):
        response = district.api.admin.post("/grants", json={"user_id": 99999, "role": "admin"})
        assert response.status_code == 422
        assert "user_id" in response.json["errors"]

    def test_only_admin_grants(self, district):
        body = {"user_id": district.resident, "role": "admin"}
        assert district.api.secretary.post("/grants", json=body).status_code == 403
        assert district.api.street_admin.post("/grants", json=body).status_code == 403

    def test_revoking_unknown_grant_is_404(self, district):
        assert district.api.admin.delete("/grants/99999").status_code == 404
