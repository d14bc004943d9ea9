"""GET /users (search), POST /users/{id}/disable and /enable: the operator's accounts."""

import pytest

from tests.factories import PASSWORD
from tests.pages.helpers import log_in


def usernames(response) -> list[str]:
    return [user["username"] for user in response.json]


def test_admin_searches_every_user(district):
    response = district.api.admin.get("/users?q=jumin")
    assert response.status_code == 200
    assert usernames(response) == ["jumin", "jumin_b"]
    shown = response.json[0]
    assert set(shown) == {"id", "username", "display_name", "phone", "community_id", "active"}
    assert shown["phone"] == "138****8000"
    assert (shown["community_id"], shown["active"]) == (district.community, True)


def test_search_matches_the_display_name_and_the_whole_phone(app, district):
    from volunteer.auth.models import User
    from volunteer.extensions import db

    with app.app_context():
        db.session.get(User, district.resident).display_name = "王秀英"
        db.session.commit()
    assert usernames(district.api.admin.get("/users?q=秀英")) == ["jumin"]
    assert usernames(district.api.admin.get("/users?q=13800138000")) == ["jumin"]
    assert usernames(district.api.admin.get("/users?q=138001")) == []  # no phone guessing


def test_without_q_the_admin_lists_everyone_paged(district):
    response = district.api.admin.get("/users?page_size=3")
    assert response.status_code == 200
    assert len(response.json) == 3
    assert "X-Pagination" in response.headers


def test_secretary_and_street_admin_see_the_residents_of_their_scope(district):
    assert set(usernames(district.api.secretary.get("/users?q=jumin"))) == {"jumin"}
    street = set(usernames(district.api.street_admin.get("/users?q=jumin")))
    assert street == {"jumin", "jumin_b"}


@pytest.mark.parametrize("speaker", ["resident", "member", "contact"])
def test_others_may_not_list_users(district, speaker):
    assert getattr(district.api, speaker).get("/users").status_code == 403


def test_users_need_authentication(anonymous):
    assert anonymous.get("/users").status_code == 401
    assert anonymous.post("/users/1/disable").status_code == 401


def test_a_disabled_user_cannot_log_in_and_its_tokens_and_sessions_answer_401(
    app, client, anonymous, district
):
    log_in(client, "jumin")
    assert client.get("/api/v1/me").status_code == 200
    response = district.api.admin.post(f"/users/{district.resident}/disable")
    assert response.status_code == 200
    assert response.json["active"] is False
    assert district.api.resident.get("/me").status_code == 401  # the token
    assert client.get("/api/v1/me").status_code == 401  # the page session's cookie
    login = {"username": "jumin", "password": PASSWORD}
    assert anonymous.post("/auth/tokens", json=login).status_code == 401
    assert usernames(district.api.admin.get("/users?q=jumin")) == ["jumin", "jumin_b"]

    response = district.api.admin.post(f"/users/{district.resident}/enable")
    assert (response.status_code, response.json["active"]) == (200, True)
    assert anonymous.post("/auth/tokens", json=login).status_code == 201
    assert district.api.resident.get("/me").status_code == 401  # old tokens stay ended


def test_disable_and_enable_twice_are_harmless(district):
    for _ in range(2):
        assert district.api.admin.post(f"/users/{district.resident}/disable").status_code == 200
    for _ in range(2):
        assert district.api.admin.post(f"/users/{district.resident}/enable").status_code == 200


def test_the_admin_cannot_disable_itself(district):
    response = district.api.admin.post(f"/users/{district.admin}/disable")
    assert response.status_code == 409
    assert district.api.admin.get("/me").status_code == 200


def test_disabling_is_the_admins_alone(district):
    # In the secretary's scope: 403; outside it: 404.
    assert district.api.secretary.post(f"/users/{district.resident}/disable").status_code == 403
    assert (
        district.api.secretary.post(f"/users/{district.other_resident}/disable").status_code == 404
    )
    assert district.api.street_admin.post(f"/users/{district.resident}/enable").status_code == 403
    assert (
        district.api.resident.post(f"/users/{district.other_resident}/disable").status_code == 404
    )
    assert district.api.admin.post("/users/99999/disable").status_code == 404
    assert district.api.resident.get("/me").status_code == 200
