"""Fixtures: a real database (SQLite, or PostgreSQL when VOLUNTEER_TEST_DATABASE_URL is set)
emptied after every test, the app, its client and CLI runner, and a small district."""

import os
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from tests import factories
from volunteer import create_app
from volunteer.extensions import db, limiter

pytest_plugins = ["tests.order_fixtures", "tests.services"]

TEST_DATABASE_URL = os.environ.get("VOLUNTEER_TEST_DATABASE_URL")

# A test that asks for one of these drives Chromium (pytest-playwright's fixtures, or the app
# served over HTTP for it): it is marked `browser`, which `make fast` leaves out.
BROWSER_FIXTURES = frozenset({"live_server", "open_page", "page", "context", "new_context"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def test_config(database_url: str, tmp_path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """SQLite: a file in this run's (this worker's) temporary directory. PostgreSQL: the
    database named by VOLUNTEER_TEST_DATABASE_URL, or under pytest-xdist one database per
    worker beside it (`<name>_gw0`, …), created now and dropped at the end, so that workers
    never empty each other's tables."""
    if not TEST_DATABASE_URL:
        yield "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
        return
    worker_id = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker_id:
        yield TEST_DATABASE_URL
        return
    import psycopg

    server = sa.make_url(TEST_DATABASE_URL)
    name = f"{server.database}_{worker_id}"
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        # Left over by a run that was killed: start afresh.
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def schema(database_url, tmp_path_factory):
    """Create the schema once per run (the migration itself is tested in test_migrations)."""
    app = create_app(test_config(database_url, tmp_path_factory.mktemp("schema")))
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        db.drop_all()
        db.create_all()
        db.engine.dispose()


def empty_tables() -> None:
    """DELETE, children first: on these small tables ten times faster than TRUNCATE on
    PostgreSQL (ids go on counting; tests use the ids they are given). The callers' counter
    keeps its one row (and counts this as a change)."""
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            if table.name != "caller_generations":
                connection.execute(table.delete())


@pytest.fixture(scope="session")
def session_app(database_url, schema, tmp_path_factory):
    """One app for the run (building one costs ~0.15 s); `app` resets it after each test."""
    app = create_app(test_config(database_url, tmp_path_factory.mktemp("app")))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def app(session_app, tmp_path):
    saved = dict(session_app.config)
    session_app.config["UPLOAD_FOLDER"] = str(tmp_path / "uploads")
    yield session_app
    session_app.config.clear()
    session_app.config.update(saved)
    limiter.reset()
    with session_app.app_context():
        db.session.remove()
        empty_tables()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Api:
    """The test client speaking as one user, through a bearer token."""

    def __init__(self, client, token: str | None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def __getattr__(self, verb):
        if verb not in {"get", "post", "put", "patch", "delete"}:
            raise AttributeError(verb)

        def call(path, **kwargs):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return getattr(self.client, verb)("/api/v1" + path, headers=headers, **kwargs)

        return call


@pytest.fixture
def anonymous(client):
    return Api(client, None)


@pytest.fixture
def as_user(app, client):
    """`as_user(user_id)` is an Api speaking with a fresh token of that user."""

    def make(user_id: int) -> Api:
        from volunteer.auth.models import User
        from volunteer.auth.services import issue_token

        with app.app_context():
            token, _ = issue_token(db.session.get(User, user_id))
            db.session.commit()
        return Api(client, token)

    return make


@pytest.fixture
def district(app, client):
    """Two communities of one street, a third street, and someone in every role.

    Attributes are ids; `district.api.NAME` speaks as that person.
    """
    # One token each, issued in the district's transaction (as_user would take one each: ~10x
    # the time); the ids are read before the commit expires every object.
    from volunteer.auth.models import User
    from volunteer.auth.services import issue_token

    speakers = {
        "admin": "admin",
        "street_admin": "street_admin",
        "secretary": "secretary",
        "other_secretary": "other_secretary",
        "contact": "contact",
        "resident": "resident",
        "other_resident": "other_resident",
        "member": "member_user",
        "pending_member": "pending_member_user",
        "other_member": "other_member_user",
    }
    with app.app_context():
        d = factories.district()
        db.session.flush()
        ids = {name: getattr(obj, "id", obj) for name, obj in vars(d).items()}
        tokens = {
            name: issue_token(db.session.get(User, ids[key]))[0] for name, key in speakers.items()
        }
        db.session.commit()
    ns = SimpleNamespace(**ids)
    ns.api = SimpleNamespace(**{name: Api(client, token) for name, token in tokens.items()})
    return ns
