"""Security headers on every response (pages, API, static files, errors) and the cookies'
flags: HttpOnly and SameSite=Lax always, Secure when the request came over HTTPS."""

import re
from pathlib import Path

import pytest

from tests.factories import PASSWORD
from tests.pages.helpers import csrf_token
from volunteer import PACKAGE_DIR
from volunteer.errors import HTML_ERROR

PATHS = [
    "/",  # a page
    "/login",
    "/api/v1/health",  # the API
    "/api/openapi.json",
    "/api/docs/",  # Swagger UI
    "/static/css/app.css",  # a static file
    "/no-such-page",  # errors
    "/api/v1/no-such-call",
    "/my/orders",  # a redirect to the login page
]


def policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code in {200, 302, 404}
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    response.close()


def test_plain_http_is_served_as_it_is(client):
    """The demo runs on http://127.0.0.1: no redirect to HTTPS, no HSTS over http."""
    response = client.get("/login")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers


def test_https_gets_hsts(client):
    response = client.get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def cookie(response, name: str) -> list[str]:
    """The attributes of the Set-Cookie header for `name`, lower-cased."""
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(name + "="):
            return [part.strip().lower() for part in header.split(";")]
    raise AssertionError(f"no {name} cookie in {response.headers.getlist('Set-Cookie')}")


def log_in(client, base_url: str):
    token = csrf_token(client.get("/login", base_url=base_url).data)
    return client.post(
        "/login",
        data={"username": "shuji", "password": PASSWORD, "csrf_token": token},
        base_url=base_url,
    )


def test_the_session_cookie_over_http(client, district):
    flags = cookie(log_in(client, "http://localhost"), "session")
    assert "httponly" in flags and "samesite=lax" in flags
    assert "secure" not in flags


def test_the_session_cookie_over_https(client, district):
    flags = cookie(log_in(client, "https://localhost"), "session")
    assert "httponly" in flags and "samesite=lax" in flags and "secure" in flags


@pytest.mark.parametrize("path, name", [("/lang/en", "lang"), ("/elder", "elder")])
@pytest.mark.parametrize(
    "base_url, secure", [("http://localhost", False), ("https://localhost", True)]
)
def test_the_preference_cookies(client, path, name, base_url, secure):
    flags = cookie(client.get(path, base_url=base_url), name)
    assert "httponly" in flags and "samesite=lax" in flags
    assert ("secure" in flags) is secure


# The feedback report's template is rendered to PDF by WeasyPrint, never served as a page.
PDF_TEMPLATES = {
    "reports/feedback.html",
    "reports/certificate.html",
    "reports/assessment.html",
    "pairings/card.html",
}


def test_no_template_has_inline_script_or_style():
    """Scripts and styles come from files ('self'): a JSON data block is not a script."""
    folder = PACKAGE_DIR / "templates"
    found = []
    for template in sorted(folder.rglob("*.html")):
        name = template.relative_to(folder).as_posix()
        if name in PDF_TEMPLATES:
            continue
        source = Path(template).read_text()
        for tag in re.findall(r"<script\b[^>]*>", source):
            if "src=" not in tag and 'type="application/json"' not in tag:
                found.append(f"{name}: {tag}")
        found += [f"{name}: {m}" for m in re.findall(r"""\sstyle=["'][^"']*""", source)]
        found += [f"{name}: {m}" for m in re.findall(r"<style\b", source)]
        found += [f"{name}: {m}" for m in re.findall(r"""\son[a-z]+=["']""", source)]
    assert found == []


def test_swagger_ui_is_started_by_a_static_script(client):
    page = client.get("/api/docs/").data.decode()
    assert "/static/js/swagger-init.js" in page
    assert re.findall(r"<script>", page) == []


def test_the_plain_fallback_error_page_has_no_inline_style():
    """Shown when even the friendly error page fails: it must not trip the policy either."""
    assert "style=" not in HTML_ERROR and "<script" not in HTML_ERROR
