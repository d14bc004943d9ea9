"""Logging in through the pages, the language switch and the elder-friendly mode."""

from tests.factories import PASSWORD
from tests.pages.helpers import csrf_token, log_in


def test_login_page_is_chinese_by_default(client):
    page = client.get("/login").data.decode()
    assert "登录" in page
    assert "用户名" in page
    assert 'lang="zh-CN"' in page


def test_english_on_request_and_remembered(client):
    response = client.get("/lang/en?next=/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    page = client.get("/login").data.decode()
    assert "Username" in page and "用户名" not in page


def test_language_switch_never_redirects_off_site(client):
    assert client.get("/lang/en?next=//evil.example").headers["Location"] == "/"


def test_login_with_csrf_token(client, district):
    response = log_in(client, "shuji")
    assert response.status_code == 302
    assert "退出" in client.get("/").data.decode() or client.get("/dashboard").status_code == 200


def test_login_without_csrf_token_is_refused(client, district):
    response = client.post("/login", data={"username": "shuji", "password": PASSWORD})
    assert response.status_code == 400


def test_wrong_password_shows_the_error_next_to_the_field(client, district):
    response = log_in(client, "shuji", "wrong password")
    assert response.status_code == 422
    page = response.data.decode()
    assert 'id="password-error"' in page
    assert "用户名或密码错误" in page


def test_elder_mode_is_one_switch_and_remembered(client):
    client.get("/elder?next=/login")
    assert 'class="elder"' in client.get("/login").data.decode()
    client.get("/elder?next=/login")
    assert 'class="elder"' not in client.get("/login").data.decode()


def test_logout_needs_post_with_csrf(client, district):
    log_in(client, "shuji")
    token = csrf_token(client.get("/dashboard").data)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/dashboard").status_code == 302
