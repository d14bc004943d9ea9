"""Error pages never crash: a failed SQL statement earlier in the request (which aborts the
transaction on PostgreSQL) does not keep the error page or the API's error body from showing."""

import contextlib

import pytest
import sqlalchemy as sa

from tests import conftest
from tests.pages.helpers import log_in
from volunteer import create_app
from volunteer.errors import Conflict
from volunteer.extensions import db
from volunteer.organisations.models import Street


def fail_a_statement() -> None:
    """A statement the database refuses, caught (as a service might) and not rolled back."""
    with contextlib.suppress(sa.exc.DBAPIError):
        db.session.execute(sa.text("SELECT no_such_column FROM no_such_table"))


def fail_a_flush() -> None:
    with contextlib.suppress(sa.exc.DBAPIError):
        db.session.add(Street(name=None))
        db.session.flush()


@pytest.fixture
def failing_app(database_url, district, tmp_path):
    """An app with routes that fail a statement, then crash or refuse."""
    app = create_app(conftest.test_config(database_url, tmp_path))
    failures = {"statement": fail_a_statement, "flush": fail_a_flush}

    @app.route("/boom/<kind>")
    @app.route("/api/v1/boom/<kind>")
    def boom(kind):
        failures[kind]()
        raise RuntimeError("internal detail")

    @app.route("/refuse/<kind>")
    def refuse(kind):
        failures[kind]()
        raise Conflict("Someone else got there first.")

    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("kind", ["statement", "flush"])
def test_a_crash_after_a_failed_statement_shows_the_friendly_page(failing_app, kind):
    client = failing_app.test_client()
    log_in(client, "shuji")
    response = client.get(f"/boom/{kind}")
    assert response.status_code == 500
    page = response.data.decode()
    assert "出错了" in page and "internal detail" not in page
    assert 'class="role-nav"' in page  # the full layout, with the user's menu


@pytest.mark.parametrize("kind", ["statement", "flush"])
def test_a_refusal_after_a_failed_statement_shows_the_friendly_page(failing_app, kind):
    client = failing_app.test_client()
    log_in(client, "shuji")
    response = client.get(f"/refuse/{kind}")
    assert response.status_code == 409
    assert 'class="role-nav"' in response.data.decode()


def test_the_api_answers_its_error_body_after_a_failed_statement(failing_app):
    client = failing_app.test_client()
    log_in(client, "shuji")
    response = client.get("/api/v1/boom/flush")
    assert response.status_code == 500
    assert response.get_json()["code"] == 500
