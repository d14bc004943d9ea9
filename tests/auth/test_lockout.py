"""The failed-login lockout counts per username and client address, with a ceiling per
username; behind VOLUNTEER_TRUSTED_PROXIES proxies the client address is the forwarded one."""

import pytest

from tests import conftest
from tests.factories import PASSWORD
from volunteer import create_app
from volunteer.config import settings_from_environment
from volunteer.extensions import db

GOOD = {"username": "shuji", "password": PASSWORD}
BAD = {"username": "shuji", "password": "nope nope"}


def from_address(client, address: str, body: dict, **headers):
    return client.post(
        "/api/v1/auth/tokens", json=body, environ_base={"REMOTE_ADDR": address}, headers=headers
    )


def test_a_lockout_from_one_address_does_not_block_another(client, district):
    for _ in range(10):
        assert from_address(client, "198.51.100.1", BAD).status_code == 401
    assert from_address(client, "198.51.100.1", GOOD).status_code == 429
    assert from_address(client, "198.51.100.2", GOOD).status_code == 201


def test_a_ceiling_per_username_stops_guessing_from_many_addresses(app, client, district):
    assert app.config["LOGIN_FAILURE_CEILING"] == 100
    app.config["LOGIN_FAILURE_CEILING"] = 6
    for n in range(6):
        assert from_address(client, f"198.51.100.{n}", BAD).status_code == 401
    assert from_address(client, "198.51.100.99", GOOD).status_code == 429
    other = {"username": "jumin", "password": PASSWORD}
    assert from_address(client, "198.51.100.99", other).status_code == 201


def test_forwarded_headers_are_ignored_without_trusted_proxies(client, district):
    for n in range(10):
        response = from_address(client, "127.0.0.1", BAD, **{"X-Forwarded-For": f"203.0.113.{n}"})
        assert response.status_code == 401
    locked = from_address(client, "127.0.0.1", GOOD, **{"X-Forwarded-For": "203.0.113.77"})
    assert locked.status_code == 429


@pytest.fixture
def proxied_app(app, database_url, tmp_path):
    """The app as deployed behind one reverse proxy (VOLUNTEER_TRUSTED_PROXIES=1)."""
    config = conftest.test_config(database_url, tmp_path)
    proxied = create_app({**config, "TRUSTED_PROXIES": 1})
    yield proxied
    with proxied.app_context():
        db.session.remove()
        db.engine.dispose()


def test_behind_a_trusted_proxy_the_forwarded_client_is_counted(proxied_app, district):
    client = proxied_app.test_client()
    for _ in range(10):
        response = from_address(client, "10.0.0.1", BAD, **{"X-Forwarded-For": "203.0.113.5"})
        assert response.status_code == 401
    locked = from_address(client, "10.0.0.1", GOOD, **{"X-Forwarded-For": "203.0.113.5"})
    assert locked.status_code == 429
    other = from_address(client, "10.0.0.1", GOOD, **{"X-Forwarded-For": "203.0.113.6"})
    assert other.status_code == 201


def test_behind_a_trusted_proxy_rate_limits_count_the_client(proxied_app, district):
    proxied_app.config["AUTH_RATE_LIMIT"] = "3 per minute"
    client = proxied_app.test_client()

    def attempt(address):
        return from_address(client, "10.0.0.1", GOOD, **{"X-Forwarded-For": address}).status_code

    assert [attempt("203.0.113.5") for _ in range(4)] == [201, 201, 201, 429]
    assert attempt("203.0.113.6") == 201


def test_trusted_proxies_come_from_the_environment():
    settings = settings_from_environment({"VOLUNTEER_TRUSTED_PROXIES": "2"})
    assert settings == {"TRUSTED_PROXIES": 2}


def test_behind_a_trusted_proxy_https_makes_the_cookies_secure(proxied_app):
    """TLS ends at the proxy: its X-Forwarded-Proto tells the app the request was HTTPS."""
    client = proxied_app.test_client()
    response = client.get("/elder", headers={"X-Forwarded-Proto": "https"})
    assert any(
        header.startswith("elder=") and "; Secure" in header
        for header in response.headers.getlist("Set-Cookie")
    )


def test_without_a_trusted_proxy_a_forwarded_scheme_is_ignored(client):
    response = client.get("/elder", headers={"X-Forwarded-Proto": "https"})
    cookies = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("elder=")]
    assert cookies and all("; Secure" not in header for header in cookies)
