def test_health_answers_ok_with_the_database(anonymous):
    response = anonymous.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_swagger_ui_is_served_locally(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert b"cdn" not in page.data.lower()
    with client.get("/api/docs/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200
        assert len(asset.data) > 100_000


def test_openapi_document_lists_the_contract(client):
    spec = client.get("/api/openapi.json").json
    for path in ("/api/v1/health", "/api/v1/auth/tokens", "/api/v1/members/{member_id}/confirm"):
        assert path in spec["paths"]
