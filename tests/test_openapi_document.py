"""The OpenAPI document tells the truth: the errors each operation answers (no catch-all
`default`), optional fields where some callers do not get them, X-Pagination as sent."""

import pytest

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def document(client):
    return client.get("/api/openapi.json").json


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_every_operation_lists_its_errors_with_the_error_body(document):
    for path, method, operation in operations(document):
        responses = operation["responses"]
        assert "default" not in responses, (method, path)
        public = operation.get("security") == []
        assert ("401" in responses) != public or path.endswith("/auth/tokens"), (method, path)
        if "{" in path:
            assert "404" in responses, (method, path)
        if "requestBody" in operation:
            assert {"400", "422"} <= set(responses), (method, path)
        for code, response in responses.items():
            if code.startswith("4"):
                name = response["$ref"].rsplit("/", 1)[1]
                error = document["components"]["responses"][name]
                schema = error["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, code)


def test_the_public_operations_say_so(document):
    assert document["security"] == [{"bearerAuth": []}, {"cookieAuth": []}]
    public = {
        (method, path)
        for path, method, operation in operations(document)
        if operation.get("security") == []
    }
    assert public == {
        ("get", "/api/v1/health"),
        ("post", "/api/v1/auth/register"),
        ("post", "/api/v1/auth/tokens"),
        ("post", "/api/v1/auth/reset"),
        ("get", "/api/v1/communities"),
        ("get", "/api/v1/communities/{community_id}"),
        ("get", "/api/v1/certificates/verify"),
        ("get", "/api/v1/communities/{community_id}/pledges"),
        ("get", "/api/v1/communities/{community_id}/grids"),
    }


def test_fields_left_out_for_some_callers_are_not_required(document):
    schemas = document["components"]["schemas"]
    assert "report_emails" not in schemas["EmployerOut"].get("required", [])
    assert "phone" not in schemas["MemberOut"].get("required", [])
    # ... while a request still has to carry them.
    assert "report_emails" in schemas["Employer"]["required"]
    assert "phone" in schemas["Member"]["required"]


def test_x_pagination_is_a_string_holding_json(document, client, district):
    header = document["paths"]["/api/v1/orders"]["get"]["responses"]["200"]["headers"]
    assert header["X-Pagination"]["schema"] == {"type": "string"}
    sent = district.api.secretary.get("/orders").headers["X-Pagination"]
    assert isinstance(sent, str) and sent.startswith("{")


def test_an_operation_documents_the_refusals_it_adds(document):
    evaluation = document["paths"]["/api/v1/members/{member_id}/evaluations/{year}"]["get"]
    assert "422" in evaluation["responses"]
