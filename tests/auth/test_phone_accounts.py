"""Registering and logging in with a mainland mobile number instead of a username."""

import pytest

from tests.factories import PASSWORD

STRONG = "long enough, and unusual"


def register(api, community_id, **fields):
    body = {"password": STRONG, "display_name": "王阿姨", "community_id": community_id}
    return api.post("/auth/register", json={**body, **fields})


def login(api, username, password=STRONG):
    return api.post("/auth/tokens", json={"username": username, "password": password})


def test_register_with_a_phone_only(anonymous, district):
    response = register(anonymous, district.community, phone="139 1234 5678")
    assert response.status_code == 201, response.json
    assert response.json["phone"] == "13912345678"
    assert response.json["username"]  # an internal name, not one to remember
    assert "13912345678" not in response.json["username"]


def test_without_username_or_phone_names_username(anonymous, district):
    response = register(anonymous, district.community)
    assert response.status_code == 422
    assert "username" in response.json["errors"]


def test_a_phone_is_unique_among_users(anonymous, district):
    # The district's resident registered 13800138000.
    response = register(anonymous, district.community, phone="+86 138 0013 8000")
    assert response.status_code == 409
    assert "phone" in response.json["errors"]


def test_a_phone_taken_with_a_username_too(anonymous, district):
    response = register(anonymous, district.community, phone="13800138000", username="fresh")
    assert response.status_code == 409
    assert "phone" in response.json["errors"]


@pytest.mark.parametrize(
    "typed",
    ["13912345678", "139 1234 5678", "+86 139 1234 5678", "+8613912345678", "139-1234-5678"],
)
def test_log_in_with_the_phone_in_any_format(anonymous, district, typed):
    assert register(anonymous, district.community, phone="13912345678").status_code == 201
    response = login(anonymous, typed)
    assert response.status_code == 201, response.json
    assert response.json["user"]["phone"] == "13912345678"


def test_log_in_by_phone_with_a_username_too(anonymous, district):
    assert login(anonymous, "138 0013 8000", PASSWORD).status_code == 201
    assert login(anonymous, "jumin", PASSWORD).status_code == 201


def test_a_wrong_password_by_phone_is_401(anonymous, district):
    assert login(anonymous, "13800138000", "nope nope").status_code == 401
    assert login(anonymous, "13700000000", "nope nope").status_code == 401


def test_the_lockout_counts_phone_and_username_as_one(app, anonymous, district):
    app.config["LOGIN_FAILURE_LIMIT"] = 4
    for typed in ("13800138000", "138 0013 8000", "+86 13800138000", "jumin"):
        assert login(anonymous, typed, "nope nope").status_code == 401
    assert login(anonymous, "jumin", PASSWORD).status_code == 429
    assert login(anonymous, "13800138000", PASSWORD).status_code == 429


def test_the_lockout_holds_for_an_unknown_phone_in_any_format(app, anonymous, district):
    app.config["LOGIN_FAILURE_LIMIT"] = 2
    assert login(anonymous, "13700000000", "nope nope").status_code == 401
    assert login(anonymous, "137 0000 0000", "nope nope").status_code == 401
    assert login(anonymous, "+86 137 0000 0000", "nope nope").status_code == 429
