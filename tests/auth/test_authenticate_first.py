"""Every API operation but the public ones answers 401 to an anonymous caller, whatever the
body: authentication comes before parsing, so nobody learns a schema or a state unasked."""

import pytest
from werkzeug.routing import Rule

# Operations anyone may call (registering needs the list of communities).
PUBLIC = {
    "health.health",
    "auth.register",
    "auth.create_token",
    "organisations.list_communities",
    "organisations.get_community",
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
