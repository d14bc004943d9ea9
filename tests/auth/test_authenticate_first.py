"""Every API operation but the public ones answers 401 to an anonymous caller, whatever the
body: authentication comes before parsing, so nobody learns a schema or a state unasked."""

import pytest
from werkzeug.routing import Rule

# Operations anyone may call (registering needs the list of communities).
PUBLIC = {
    "health.health",
    "auth.register",
    "auth.create_token",
    "auth.reset_password",
    "organisations.list_communities",
    "organisations.get_community",
    "organisations.list_grids",  # a resident picks their grid (网格)
    "certificates.verify_certificate",  # anyone verifies a 志愿服务证明
    "pledges.community_pledges",
}

BODIES = [None, {}, {"bogus": 1}, "not json"]


def api_operations(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, a concrete path) for every rule of every API blueprint."""
    operations = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            operations.append((rule.endpoint, method, concrete_path(rule)))
    return operations


def concrete_path(rule: Rule) -> str:
    """The rule with every variable filled by a value its converter accepts."""
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        choices = getattr(converter, "items", None)
        values[name] = sorted(choices)[0] if choices else 1
    return rule.build(values, append_unknown=False)[1]


def test_the_walk_covers_the_api(app):
    endpoints = {endpoint for endpoint, _, _ in api_operations(app)}
    assert len(endpoints) > 60
    assert endpoints >= PUBLIC


@pytest.mark.parametrize("body", BODIES, ids=["no body", "empty", "unknown field", "not json"])
def test_anonymous_callers_are_told_to_authenticate_before_anything_else(app, body):
    client = app.test_client()
    refused = {}
    for endpoint, method, path in api_operations(app):
        if endpoint in PUBLIC:
            continue
        if isinstance(body, str):
            response = client.open(path, method=method, data=body, content_type="application/json")
        else:
            response = client.open(path, method=method, json=body)
        if response.status_code != 401 or response.get_json()["code"] != 401:
            refused[f"{method} {path}"] = response.status_code
    assert refused == {}


def test_a_bad_token_is_anonymous_too(app):
    response = app.test_client().post(
        "/api/v1/follow-ups/1/done", json={}, headers={"Authorization": "Bearer nonsense"}
    )
    assert response.status_code == 401


def test_public_operations_stay_open(app, district):
    client = app.test_client()
    assert client.get("/api/v1/health").status_code == 200
    assert client.get("/api/v1/communities").status_code == 200
    assert client.get(f"/api/v1/communities/{district.community}").status_code == 200
    assert client.post("/api/v1/auth/tokens", json={}).status_code == 422
    assert client.post("/api/v1/auth/register", json={}).status_code == 422
    assert client.get("/api/openapi.json").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/members/38610819284106/evaluations/2026",
        "/members/1/evaluations/99999",
        "/communities/2147483648/teams",
    ],
)
def test_an_id_out_of_range_is_not_found_whatever_the_method(district, path):
    # Paths with rules for several methods used to answer 405 to an out-of-range id.
    assert (
        district.api.admin.client.get(path, headers=district.api.admin.headers).status_code == 404
    )


def test_a_method_the_path_does_not_have_is_still_405(district):
    path = f"/communities/{district.community}/dispatch-rules/repair"
    assert district.api.admin.patch(path).status_code == 405


def test_ids_in_range_still_route(app):
    import re

    from volunteer.converters import digits_up_to

    pattern = re.compile(digits_up_to(2147483647) + "$")
    assert all(pattern.match(str(n)) for n in (1, 9, 10, 99, 2147483647, 2147483639, 1999999999))
    assert not any(pattern.match(n) for n in ("0", "01", "2147483648", "2147483650", "9999999999"))
    year = re.compile(digits_up_to(9999) + "$")
    assert year.match("2026") and not year.match("10000")
