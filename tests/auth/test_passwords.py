"""Weak passwords are refused; an unknown username costs a password check like a known one."""

import pytest

from tests.factories import PASSWORD
from tests.pages.helpers import submit
from volunteer.auth import passwords

STRONG = "Lantern-orchard-42"


def register(api, community_id, **overrides):
    body = {
        "username": "new_user",
        "password": STRONG,
        "display_name": "新居民",
        "community_id": community_id,
        "phone": "13800138001",
    }
    return api.post("/auth/register", json={**body, **overrides})


@pytest.mark.parametrize(
    "password",
    [
        "12345678",
        "password",
        "woaini1314",
        "qwertyuiop",
        "new_user",  # the username
        "new_user-Lantern-42",  # containing the username
        "NEW_USER-Lantern-42",  # in any case
        "13800138001",  # the phone
        "tel13800138001!",  # containing the phone
    ],
)
def test_registering_with_a_weak_password_is_422(anonymous, district, password):
    response = register(anonymous, district.community, password=password)
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["password"]


def test_registering_with_a_strong_password_works(anonymous, district):
    assert register(anonymous, district.community).status_code == 201
    login = {"username": "new_user", "password": STRONG}
    assert anonymous.post("/auth/tokens", json=login).status_code == 201


@pytest.mark.parametrize(
    "password", ["12345678", "password", "woaini1314", "qwertyuiop", "jumin2026", "13800138000"]
)
def test_changing_to_a_weak_password_is_422(district, password):
    """The resident `jumin` has the phone 13800138000."""
    response = district.api.resident.post(
        "/auth/password", json={"current_password": PASSWORD, "new_password": password}
    )
    assert response.status_code == 422
    assert "password" in response.json["errors"]


def test_the_register_page_says_it_in_chinese_at_the_password(client, district):
    data = {
        "username": "xiaoming",
        "display_name": "李小明",
        "password": "woaini1314",
        "community_id": district.community,
    }
    response = submit(client, "/register", data, form_page="/register")
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="password-error"' in page
    assert "太常见" in page

    data["password"] = "xiaoming-Lantern-42"
    page = submit(client, "/register", data, form_page="/register").data.decode()
    assert "密码不能包含用户名或手机号" in page


def test_the_api_says_it_in_english(anonymous, district):
    response = register(anonymous, district.community, password="password")
    assert response.json["errors"]["password"] == [passwords.TOO_COMMON]


class TestTiming:
    """An unknown username is answered after a password check, as a known one is."""

    @pytest.fixture
    def checks(self, monkeypatch):
        """The hashes each password check of this test compared against."""
        checked: list[str] = []
        real = passwords.check_password_hash

        def counting(password_hash, password):
            checked.append(password_hash)
            return real(password_hash, password)

        monkeypatch.setattr(passwords, "check_password_hash", counting)
        return checked

    def test_an_unknown_user_costs_one_check_of_the_configured_method(
        self, app, anonymous, district, checks
    ):
        login = {"username": "nobody_here", "password": "some guess"}
        assert anonymous.post("/auth/tokens", json=login).status_code == 401
        method = app.config["PASSWORD_HASH_METHOD"]
        assert len(checks) == 1
        assert checks[0].startswith(method + "$")

    def test_a_wrong_password_costs_one_check_too(self, anonymous, district, checks):
        login = {"username": "shuji", "password": "some guess"}
        assert anonymous.post("/auth/tokens", json=login).status_code == 401
        assert len(checks) == 1

    def test_an_inactive_user_costs_one_check_too(self, app, anonymous, district, checks):
        from volunteer.auth.models import User
        from volunteer.extensions import db

        with app.app_context():
            db.session.get(User, district.secretary).active = False
            db.session.commit()
        login = {"username": "shuji", "password": PASSWORD}
        assert anonymous.post("/auth/tokens", json=login).status_code == 401
        assert len(checks) == 1

    def test_the_login_page_checks_for_an_unknown_user(self, client, checks):
        from tests.pages.helpers import log_in

        assert log_in(client, "nobody_here", "some guess").status_code == 422
        assert len(checks) == 1
