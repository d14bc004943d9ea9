"""What every page shares: friendly error pages in the user's language, each role's links."""

import re

import pytest

from tests.pages.helpers import log_in


def test_missing_page_is_friendly_and_chinese(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.data.decode()
    assert "页面不存在" in page or "不存在" in page
    assert 'href="/"' in page


def test_missing_page_in_english(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "This page does not exist" in response.data.decode()


def test_api_errors_stay_json(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json["code"] == 404


def test_secretary_sees_the_desk_links(client, district):
    log_in(client, "shuji")
    page = client.get("/").data.decode()
    assert 'class="role-nav"' in page
    assert "/dashboard" in page


def test_the_street_admin_finds_the_overdue_board_in_the_role_bar(client, district):
    log_in(client, "jiedao")
    nav = re.search(r'<nav class="role-nav".*?</nav>', client.get("/").data.decode(), re.S)
    assert 'href="/desk/overdue"' in nav.group(0)
    assert "超期" in nav.group(0)
    assert client.get("/desk/overdue").status_code == 200


def test_anonymous_sees_no_role_bar(client):
    assert 'class="role-nav"' not in client.get("/").data.decode()


def test_a_crash_shows_a_friendly_page_in_chinese(client, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("volunteer.pages.home.render_template", crash)
    response = client.get("/")
    assert response.status_code == 500
    page = response.data.decode()
    assert "出错了" in page and "boom" not in page
    assert 'href="/"' in page


def test_a_forbidden_page_is_friendly(client, district):
    log_in(client, "jumin")
    response = client.get("/desk")
    assert response.status_code == 403
    assert "无权" in response.data.decode()


@pytest.mark.parametrize("username", ["jumin", "dangyuan", "shuji", "jiedao", "danwei", None])
def test_the_api_tile_is_for_operators_only(client, district, username):
    if username:
        log_in(client, username)
    page = client.get("/").data.decode()
    assert 'href="/api/docs"' not in page
    assert 'href="/api/v1/health"' not in page


def test_the_operator_finds_the_api_documentation_on_the_start_page(client, district):
    log_in(client, "admin")
    page = client.get("/").data.decode()
    assert 'href="/api/docs"' in page
    assert 'href="/api/openapi.json"' in page
    assert 'href="/api/v1/health"' in page
