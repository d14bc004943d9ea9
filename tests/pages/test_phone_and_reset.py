"""The pages of signing up and logging in with a mobile number, the 忘记密码 page and the
secretary's reset codes."""

import re

from tests.factories import PASSWORD
from tests.pages.helpers import csrf_token, log_in, submit

STRONG = "long enough, and unusual"
NEW = "a brand new passphrase"


def register(client, **fields):
    token = csrf_token(client.get("/register").data)
    return client.post("/register", data={"csrf_token": token, **fields})


def test_register_with_a_phone_only(client, district):
    response = register(
        client,
        display_name="王阿姨",
        community_id=str(district.community),
        phone="139 1234 5678",
        password=STRONG,
    )
    assert response.status_code == 302, response.data.decode()
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/").data)})
    assert log_in(client, "+86 139 1234 5678", STRONG).status_code == 302


def test_register_with_a_taken_phone_names_the_field(client, district):
    response = register(
        client,
        display_name="王阿姨",
        community_id=str(district.community),
        phone="13800138000",
        password=STRONG,
    )
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="phone-error"' in page or "phone-error" in page
    assert "手机号已注册" in page


def test_register_without_username_or_phone_names_username(client, district):
    response = register(
        client, display_name="王阿姨", community_id=str(district.community), password=STRONG
    )
    assert response.status_code == 422
    assert "username-error" in response.data.decode()


def test_log_in_with_the_phone(client, district):
    page = client.get("/login").data.decode()
    assert "用户名或手机号" in page
    assert 'href="/forgot-password"' in page
    assert log_in(client, "138 0013 8000").status_code == 302


def test_the_forgot_password_page_explains_where_the_code_comes_from(client):
    page = client.get("/forgot-password").data.decode()
    assert "请到社区或致电社区领取重置码" in page
    for name in ("login", "code", "new_password"):
        assert f'name="{name}"' in page


def test_a_wrong_code_is_shown_at_the_code(client, district):
    response = submit(
        client,
        "/forgot-password",
        {"login": "jumin", "code": "12345678", "new_password": NEW},
        form_page="/forgot-password",
    )
    assert response.status_code == 422
    assert "code-error" in response.data.decode()


def test_the_secretary_finds_a_resident_and_shows_a_code(client, district):
    assert log_in(client, "shuji").status_code == 302
    page = client.get("/desk/reset-codes?q=138 0013 8000").data.decode()
    assert f"/desk/users/{district.resident}/reset-code" in page
    assert f"/desk/users/{district.other_resident}/reset-code" not in page
    response = submit(
        client, f"/desk/users/{district.resident}/reset-code", form_page="/desk/reset-codes"
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    code = re.search(r'class="reset-code"[^>]*>(\d{8})<', response.data.decode()).group(1)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/").data)})

    response = submit(
        client,
        "/forgot-password",
        {"login": "13800138000", "code": code, "new_password": NEW},
        form_page="/forgot-password",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert log_in(client, "jumin", PASSWORD).status_code == 422
    assert log_in(client, "jumin", NEW).status_code == 302


def test_the_secretary_finds_by_name(client, district):
    assert log_in(client, "shuji").status_code == 302
    page = client.get("/desk/reset-codes?q=用户").data.decode()
    assert f"/desk/users/{district.resident}/reset-code" in page


def test_another_communitys_resident_is_404(client, district):
    assert log_in(client, "shuji").status_code == 302
    response = submit(
        client, f"/desk/users/{district.other_resident}/reset-code", form_page="/desk/reset-codes"
    )
    assert response.status_code == 404


def test_a_resident_has_no_reset_code_page(client, district):
    assert log_in(client, "jumin").status_code == 302
    assert client.get("/desk/reset-codes").status_code == 403
