"""Property-based fuzzing of the whole HTTP API from its own OpenAPI document (schemathesis).

Every operation in /api/openapi.json becomes one test that sends a few dozen generated requests
(valid and invalid ones) as an admin to the app in-process, over the small district of
tests/factories.py.  Each answer must:

- never be a server error (5xx);
- carry a status code the document lists for the operation;
- carry the documented content type, and a body valid against the documented schema (error
  bodies against flask-smorest's `Error` schema, which is the API's one error body);
- reject schema-invalid input with a 4xx (unknown fields, too-long strings, wrong types).
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories
from volunteer import create_app
from volunteer.extensions import db

# The document does not depend on the database, so a throwaway app serves it at collection
# time; the generated requests go to each test's own `app` fixture and its database.
schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json",
    create_app(
        {"TESTING": True, "SECRET_KEY": "openapi-fuzz", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    ),
)

# TODO(product): `status_code_conformance` is vacuous for now: flask-smorest adds a `default`
# (DEFAULT_ERROR) response to every operation, and any status matches `default`.  Once the
# views document the error codes they answer (401/403/404/409, 400 for bodies; see docs/api.md) and
# the Api drops `default` (`DEFAULT_ERROR_RESPONSE_NAME = None`), this check becomes strict
# with no change here.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

# Schemathesis over every operation: ~100 s; `make fast` leaves it to `make test`.
pytestmark = pytest.mark.slow


@pytest.fixture
def admin_headers(app):
    """The district of tests/factories.py, and the bearer token of its admin."""
    from volunteer.auth.services import issue_token

    with app.app_context():
        district = factories.district()
        token, _ = issue_token(district.admin)
        db.session.commit()
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    # Fixed inputs in CI, so that a green run stays green; explore more by hand with
    # HYPOTHESIS settings or by removing this line.
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_as_documented(case, app, admin_headers):
    # `buffered` makes werkzeug read and close every response (files included) at once.
    case.call_and_validate(app=app, headers=admin_headers, checks=CHECKS, buffered=True)
