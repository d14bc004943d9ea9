"""A forgotten password: the desk issues a one-time code, the resident sets a new password."""

from datetime import datetime, timedelta

import pytest

from tests.factories import PASSWORD

NEW = "a brand new passphrase"


def issue(api, user_id):
    return api.post(f"/users/{user_id}/reset-code")


def reset(api, login, code, new_password=NEW):
    return api.post(
        "/auth/reset", json={"login": login, "code": code, "new_password": new_password}
    )


def login(api, username, password):
    return api.post("/auth/tokens", json={"username": username, "password": password})


@pytest.mark.parametrize("who", ["secretary", "street_admin", "admin"])
def test_the_managers_issue_an_8_digit_code(district, who):
    response = issue(getattr(district.api, who), district.resident)
    assert response.status_code == 201
    code = response.json["code"]
    assert len(code) == 8 and code.isdigit()
    expires = datetime.fromisoformat(response.json["expires_at"])
    assert timedelta(hours=23) < expires - datetime.now(expires.tzinfo) <= timedelta(hours=24)


def test_outside_the_scope_is_404(district):
    assert issue(district.api.other_secretary, district.resident).status_code == 404
    assert issue(district.api.secretary, 999999).status_code == 404
    assert issue(district.api.contact, district.resident).status_code == 404


def test_in_scope_but_no_manager_is_403(district):
    assert issue(district.api.member, district.resident).status_code == 403
    assert issue(district.api.resident, district.member_user).status_code == 403


def test_a_secretary_cannot_reset_a_manager(district):
    assert issue(district.api.secretary, district.secretary).status_code in (403, 404)


def test_anonymous_is_401(anonymous, district):
    assert issue(anonymous, district.resident).status_code == 401


def test_only_a_hash_is_stored(app, district):
    code = issue(district.api.secretary, district.resident).json["code"]
    from volunteer.auth.models import ResetCode
    from volunteer.extensions import db

    with app.app_context():
        stored = db.session.scalars(db.select(ResetCode)).one()
        assert code not in stored.code_hash


def test_the_resident_sets_a_new_password(anonymous, district):
    old_session = district.api.resident
    assert old_session.get("/me").status_code == 200
    code = issue(district.api.secretary, district.resident).json["code"]
    assert reset(anonymous, "jumin", code).status_code == 204
    assert old_session.get("/me").status_code == 401  # every token ends
    assert login(anonymous, "jumin", PASSWORD).status_code == 401
    assert login(anonymous, "jumin", NEW).status_code == 201


def test_the_login_may_be_the_phone(anonymous, district):
    code = issue(district.api.secretary, district.resident).json["code"]
    assert reset(anonymous, "138 0013 8000", code).status_code == 204
    assert login(anonymous, "13800138000", NEW).status_code == 201


def test_a_wrong_code_is_422_naming_code(anonymous, district):
    code = issue(district.api.secretary, district.resident).json["code"]
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    response = reset(anonymous, "jumin", wrong)
    assert response.status_code == 422
    assert "code" in response.json["errors"]
    assert reset(anonymous, "jumin", code).status_code == 204


def test_an_unknown_login_is_422_naming_code(anonymous, district):
    response = reset(anonymous, "nobody_here", "12345678")
    assert response.status_code == 422
    assert "code" in response.json["errors"]


def test_five_wrong_codes_burn_it(anonymous, district):
    code = issue(district.api.secretary, district.resident).json["code"]
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    for _ in range(5):
        assert reset(anonymous, "jumin", wrong).status_code == 422
    response = reset(anonymous, "jumin", code)
    assert response.status_code == 422
    assert "code" in response.json["errors"]
    assert login(anonymous, "jumin", PASSWORD).status_code == 201


def test_an_expired_code_is_422(anonymous, district, time_machine):
    code = issue(district.api.secretary, district.resident).json["code"]
    time_machine.move_to(datetime.now().astimezone() + timedelta(hours=24, minutes=1))
    response = reset(anonymous, "jumin", code)
    assert response.status_code == 422
    assert "code" in response.json["errors"]


def test_a_used_code_is_422(anonymous, district):
    code = issue(district.api.secretary, district.resident).json["code"]
    assert reset(anonymous, "jumin", code).status_code == 204
    response = reset(anonymous, "jumin", code, "another fresh passphrase")
    assert response.status_code == 422
    assert "code" in response.json["errors"]


def test_a_new_code_replaces_the_last(anonymous, district):
    first = issue(district.api.secretary, district.resident).json["code"]
    second = issue(district.api.secretary, district.resident).json["code"]
    if first != second:
        assert reset(anonymous, "jumin", first).status_code == 422
    assert reset(anonymous, "jumin", second).status_code == 204


def test_a_weak_password_is_422_and_keeps_the_code(anonymous, district):
    code = issue(district.api.secretary, district.resident).json["code"]
    response = reset(anonymous, "jumin", code, "password123")
    assert response.status_code == 422
    assert "password" in response.json["errors"]
    assert reset(anonymous, "jumin", code).status_code == 204


def test_a_code_for_one_user_does_not_open_another(anonymous, district):
    code = issue(district.api.secretary, district.member_user).json["code"]
    assert reset(anonymous, "jumin", code).status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"login": "jumin", "code": "1234", "new_password": NEW},
        {"login": "", "code": "12345678"},
    ],
)
def test_a_malformed_reset_is_422(anonymous, district, body):
    assert anonymous.post("/auth/reset", json=body).status_code == 422
