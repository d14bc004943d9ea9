"""`next=` only ever redirects to a path of this site: every known way of smuggling another
host (or a header break) past the check falls back to the start page."""

import pytest

from tests.factories import PASSWORD
from tests.pages.helpers import csrf_token, log_in

# As an attacker types them into the address bar (the query string, percent-encoded or not).
BYPASSES = [
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "/%5Cevil.example",
    "/%5C/evil.example",
    "\\\\evil.example",
    "%5C%5Cevil.example",
    "\\/evil.example",
    "/%09/evil.example",
    "%09//evil.example",
    "//%09evil.example",
    "/%0d/x",
    "/%0a/x",
    "/%0D%0A/x",
    "/x%0d%0aSet-Cookie:%20a=b",
    "/%00/x",
    "%20//evil.example",
    "/%20/evil.example",
    "/%E3%80%80/evil.example",
    "/%E2%80%8B/evil.example",
    "https://evil.example",
    "https:/evil.example",
    "http:evil.example",
    "HTTP://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    "%2F%5Cevil.example",
    "/%2F/evil.example",
    "/%252F/evil.example",
    "/%255C/evil.example",
    "evil.example",
    "@evil.example",
]

LOCAL = [
    ("/login", "/login"),
    ("/desk%3Fstatus%3Dnew", "/desk?status=new"),
    ("/desk%3Fq%3D%25E5%25BC%25A0%2520%25E4%25B8%2589", "/desk?q=%E5%BC%A0%20%E4%B8%89"),
    ("/public/communities/1", "/public/communities/1"),
]


def location(response) -> str:
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


@pytest.mark.parametrize("raw", BYPASSES)
@pytest.mark.parametrize("switch", ["/lang/en", "/lang/zh", "/elder"])
def test_a_switch_never_redirects_off_site(client, switch, raw):
    assert location(client.get(f"{switch}?next={raw}")) == "/"


@pytest.mark.parametrize("raw", BYPASSES)
def test_login_never_redirects_off_site(client, district, raw):
    response = client.get(f"/login?next={raw}")
    assert response.status_code == 200
    token = csrf_token(response.data)
    form = {"username": "shuji", "password": PASSWORD, "csrf_token": token}
    assert location(client.post(f"/login?next={raw}", data=form)) == "/"


@pytest.mark.parametrize("raw", ["//evil.example", "/\\evil.example", "/\t/evil.example"])
def test_the_login_form_field_is_checked_too(client, district, raw):
    token = csrf_token(client.get("/login").data)
    form = {"username": "shuji", "password": PASSWORD, "csrf_token": token}
    assert location(client.post("/login", data={**form, "next": raw})) == "/"


@pytest.mark.parametrize("raw, target", LOCAL)
def test_local_paths_are_kept(client, district, raw, target):
    assert location(client.get(f"/lang/en?next={raw}")) == target
    assert location(client.get(f"/elder?next={raw}")) == target
    token = csrf_token(client.get("/login").data)
    form = {"username": "shuji", "password": PASSWORD, "csrf_token": token}
    assert location(client.post(f"/login?next={raw}", data=form)) == target


def test_a_page_that_needs_a_login_comes_back_after_it(client, district):
    to_login = location(client.get("/desk?status=new"))
    assert to_login.startswith("/login?next=")
    response = client.get(to_login)
    token = csrf_token(response.data)
    form = {"username": "shuji", "password": PASSWORD, "csrf_token": token}
    assert location(client.post(to_login, data=form)) == "/desk?status=new"


def test_log_in_helper_still_lands_on_the_start_page(client, district):
    assert location(log_in(client, "shuji")) == "/"
