"""The Alembic migrations: from an empty database to head, no drift from the models, and back.

Every test gets a database of its own: a new SQLite file, and, when
VOLUNTEER_TEST_DATABASE_URL points at PostgreSQL, a newly created PostgreSQL database on that
server (never the shared test database, whose schema the rest of the suite builds with
create_all)."""

import logging
import secrets

import flask_migrate
import psycopg
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from tests import conftest
from volunteer import create_app, migrations_directory
from volunteer.extensions import db
from volunteer.orders.search_index import is_index_object

BACKENDS = ["sqlite"]
if conftest.TEST_DATABASE_URL and sa.make_url(conftest.TEST_DATABASE_URL).get_backend_name() == (
    "postgresql"
):
    BACKENDS.append("postgresql")

# Each test migrates a database of its own from empty: `make fast` leaves them to `make test`.
pytestmark = pytest.mark.slow


# migrations/env.py (Flask-Migrate's stock template) calls db.get_engine() first, which
# Flask-SQLAlchemy 3.1 deprecates; drop this filter once env.py uses db.engine directly.
@pytest.fixture
def keep_logging():
    """env.py runs logging.config.fileConfig(alembic.ini), which disables every existing logger
    and adds a handler to the root logger: put the logging configuration back afterwards."""
    root = logging.getLogger()
    saved_root = (root.level, list(root.handlers))
    saved = {
        name: (logger.disabled, logger.level, list(logger.handlers), logger.propagate)
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    yield
    root.setLevel(saved_root[0])
    root.handlers[:] = saved_root[1]
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if not isinstance(logger, logging.Logger):
            continue
        if name in saved:
            logger.disabled, level, handlers, logger.propagate = saved[name]
            logger.setLevel(level)
            logger.handlers[:] = handlers
        else:
            logger.disabled = False


@pytest.fixture(params=BACKENDS)
def empty_database_url(request, tmp_path):
    """The URL of a database with nothing in it."""
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "migrations.sqlite3")
        return
    server = sa.make_url(conftest.TEST_DATABASE_URL)
    name = f"volunteer_migrations_{secrets.token_hex(6)}"
    admin_conninfo = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin_conninfo, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_conninfo, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_app(empty_database_url, tmp_path, keep_logging):
    """The app bound to the empty database, inside an app context."""
    app = create_app(conftest.test_config(empty_database_url, tmp_path))
    with app.app_context():
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def table_names() -> set[str]:
    """The tables, without the search index's engine-specific ones (FTS5's on SQLite)."""
    names = sa.inspect(db.engine).get_table_names()
    return {name for name in names if not is_index_object(name)}


def model_tables() -> set[str]:
    return set(db.metadata.tables)


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"the migrations have more than one head: {heads}"
    return heads[0]


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", migrations_directory())
    return config


def current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_the_migrations_have_a_single_head():
    assert head_revision()


def test_upgrade_of_an_empty_database_creates_every_table(empty_app):
    assert table_names() == set()
    assert len(model_tables()) >= 10

    flask_migrate.upgrade()

    assert table_names() == model_tables() | {"alembic_version"}
    assert current_revision() == head_revision()


def test_the_migrations_match_the_models(empty_app):
    """`flask db check`: autogenerate finds nothing to add, drop or alter."""
    flask_migrate.upgrade()

    options = dict(current_app.extensions["migrate"].configure_args)
    options.pop("process_revision_directives", None)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(context, db.metadata)
    assert differences == []

    try:
        flask_migrate.check()
    except SystemExit as exit_:  # Flask-Migrate turns "new upgrade operations" into exit(1)
        pytest.fail(f"flask db check failed with exit status {exit_.code}")


def test_downgrade_to_base_and_upgrade_again(empty_app):
    flask_migrate.upgrade()
    with db.engine.begin() as connection:
        connection.execute(
            sa.text("INSERT INTO streets (name, created_at) VALUES ('x', :now)"),
            {"now": "2026-01-01 00:00:00"},
        )

    flask_migrate.downgrade(revision="base")

    assert table_names() <= {"alembic_version"}
    assert current_revision() is None

    flask_migrate.upgrade()

    assert table_names() == model_tables() | {"alembic_version"}
    assert current_revision() == head_revision()
    with db.engine.connect() as connection:
        assert connection.scalar(sa.text("SELECT count(*) FROM streets")) == 0


def test_the_search_rows_get_their_orders_community_status_and_age(empty_app):
    """0023 fills order_search's copies of the order's columns from `orders`, and on SQLite
    the full-text index still follows the terms afterwards."""
    from tests import factories
    from volunteer.orders.models import Order

    flask_migrate.upgrade()
    order = factories.OrderFactory(status="accepted")
    db.session.commit()
    expected = (order.community_id, "accepted", order.created_at, order.title)
    order_id = order.id
    db.session.remove()
    flask_migrate.downgrade(revision="-1")
    flask_migrate.upgrade()
    row = db.session.execute(
        sa.text(
            "SELECT community_id, status, created_at, content FROM order_search "
            "WHERE order_id = :id"
        ),
        {"id": order_id},
    ).one()
    assert (row[0], row[1]) == expected[:2]
    assert row[3] == "\n".join(
        (expected[3], "家里暖气片不热，需要师傅上门看看。", "幸福里小区3栋2单元501")
    )
    assert str(row[2])[:19] == expected[2].strftime("%Y-%m-%d %H:%M:%S")
    order = db.session.get(Order, order_id)
    order.title = "换灯泡"
    order.status = "dispatched"
    db.session.commit()
    if db.engine.dialect.name == "sqlite":
        found = db.session.scalars(
            sa.text("SELECT rowid FROM order_search_fts WHERE order_search_fts MATCH '灯泡'")
        ).all()
        assert found == [order_id]
