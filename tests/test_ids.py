"""Ids in paths: anything that cannot be a row's id (0, or beyond the database's integer) is a
404 at routing, on every page and API path, for every method, never a 500.

The routes are read from the app's url_map, so a route added later is walked too."""

import re

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from tests.pages.helpers import csrf_token, log_in
from volunteer.converters import IdConverter

BAD_IDS = ("0", "2147483648", "99999999999", "99999999999999999999")

# Who walks which pages: someone whose role reaches the view (and its query) before the fix.
PAGE_USERS = {
    "/my/": "jumin",
    "/notifications/": "jumin",
    "/member/": "dangyuan",
    "/volunteer/": "dangyuan",
    "/desk/reports/": "jiedao",
    "/desk/": "shuji",
    "/employer/": "danwei",
    "/admin/": "admin",
    "/activities/": "dangyuan",
    "/reviews/": "jumin",
    "/pledges/": "jumin",
    "/surveyor/": "jiedao",
}
API_USER = "admin"

PLACEHOLDER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def id_routes(app) -> list[tuple[str, str, str, dict]]:
    """(method, rule, id argument, other arguments' valid values) for every rule with an id."""
    found = []
    for rule in app.url_map.iter_rules():
        ids = [
            name
            for name, converter in rule._converters.items()
            if isinstance(converter, IntegerConverter) and name.endswith("_id")
        ]
        others = {}
        for name, converter in rule._converters.items():
            if name in ids:
                others[name] = "1"
            elif isinstance(converter, IntegerConverter):
                others[name] = "2026"
            elif isinstance(converter, AnyConverter):
                others[name] = converter.regex.strip("(?:)").split("|")[0]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.extend((method, rule.rule, name, others) for name in ids)
    return found


def path_for(rule: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], rule)


def page_user(path: str) -> str | None:
    for prefix, username in PAGE_USERS.items():
        if path.startswith(prefix):
            return username
    return None


@pytest.mark.parametrize(
    "number, matches",
    [
        *[(number, True) for number in ("1", "9", "10", "999999999", "1999999999")],
        *[(number, True) for number in ("2147483639", "2147483647")],
        *[(number, False) for number in ("0", "01", "2147483648", "2147483650", "9999999999")],
        *[(number, False) for number in ("21474836470", "-1", "1e3", "")],
    ],
)
def test_the_id_pattern_matches_exactly_the_ids(number, matches):
    assert bool(re.fullmatch(IdConverter.regex, number)) is matches


def test_the_walk_finds_the_pages_and_the_api(app):
    routes = {(method, rule) for method, rule, _, _ in id_routes(app)}
    assert ("GET", "/my/orders/<id:order_id>") in routes
    assert ("POST", "/desk/orders/<id:order_id>/accept") in routes
    assert ("GET", "/api/v1/orders/<id:order_id>") in routes
    assert len(routes) > 70


@pytest.mark.parametrize("bad", BAD_IDS)
def test_an_id_that_cannot_exist_is_404_everywhere(app, district, as_user, bad):
    clients, tokens = {}, {}
    for username in set(PAGE_USERS.values()):
        clients[username] = app.test_client()
        assert log_in(clients[username], username).status_code == 302
        tokens[username] = csrf_token(clients[username].get("/").data)
    api_headers = as_user(district.admin).headers
    answers = {}
    for method, rule, name, others in id_routes(app):
        path = path_for(rule, {**others, name: bad})
        if path.startswith("/api/"):
            response = app.test_client().open(path, method=method, headers=api_headers, json={})
        else:
            username = page_user(path)
            client = clients[username] if username else app.test_client()
            data = {"csrf_token": tokens[username]} if method == "POST" and username else None
            response = client.open(path, method=method, data=data)
        answers[f"{method} {path}"] = response.status_code
    assert {call: code for call, code in answers.items() if code != 404} == {}


def test_the_spec_documents_ids_as_bounded_integers(client):
    spec = client.get("/api/openapi.json").get_json()
    for path in ("/api/v1/orders/{order_id}", "/api/v1/teams/{team_id}/members/{member_id}"):
        parameters = spec["paths"][path]["parameters"]
        assert {p["name"]: p["schema"] for p in parameters if p["in"] == "path"} == {
            name: {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
            for name in re.findall(r"{(\w+)}", path)
        }
