"""Migration 0022: the grid names kept with each community become grid records, and the
orders and members that named one get its id (orders keep the name); downgrading puts the
names back on the community."""

import json

import flask_migrate
import pytest
import sqlalchemy as sa

from tests.test_migrations import empty_app, empty_database_url, keep_logging  # noqa: F401
from volunteer.extensions import db

pytestmark = pytest.mark.slow

AT = "2026-01-01 00:00:00"


def test_grid_names_become_records(empty_app):  # noqa: F811
    flask_migrate.upgrade(revision="0021")
    with db.engine.begin() as connection:
        run = lambda sql, **values: connection.execute(sa.text(sql), values)  # noqa: E731
        run(
            "INSERT INTO streets (id, name, active, created_at) VALUES (1, '金桥街道', true, :at)",
            at=AT,
        )
        for community_id, names in [(1, ["第一网格", "第二网格"]), (2, ["第一网格"]), (3, [])]:
            run(
                "INSERT INTO communities (id, name, street_id, grids, active, created_at)"
                " VALUES (:id, :name, 1, :grids, true, :at)",
                id=community_id,
                name=f"社区{community_id}",
                grids=json.dumps(names, ensure_ascii=False),
                at=AT,
            )
        run(
            "INSERT INTO users (id, username, password_hash, display_name, active, created_at)"
            " VALUES (1, 'u1', 'x', '居民', true, :at)",
            at=AT,
        )
        run(
            "INSERT INTO members (id, user_id, community_id, member_type, phone, grid, skills,"
            " status, reported_at, consent_employer_feedback)"
            " VALUES (1, 1, 2, 'community', '13900000001', '第一网格', '[]', 'active', :at, false)",
            at=AT,
        )
        for order_id, community_id, grid in [(1, 1, "第二网格"), (2, 2, "第一网格"), (3, 1, None)]:
            run(
                "INSERT INTO orders (id, kind, title, description, category, community_id, grid,"
                " urgency, status, dispatch_pool, version, created_at, rework_count)"
                " VALUES (:id, 'need', '修水管', '漏水', 'repair', :community, :grid, 'normal',"
                " 'submitted', false, 1, :at, 0)",
                id=order_id,
                community=community_id,
                grid=grid,
                at=AT,
            )

    flask_migrate.upgrade(revision="0022")

    with db.engine.begin() as connection:
        grids = {
            (community, name): grid_id
            for grid_id, community, name in connection.execute(
                sa.text("SELECT id, community_id, name FROM grids ORDER BY id")
            )
        }
        assert list(grids) == [(1, "第一网格"), (1, "第二网格"), (2, "第一网格")]
        orders = connection.execute(sa.text("SELECT id, grid_id, grid FROM orders ORDER BY id"))
        assert orders.all() == [
            (1, grids[(1, "第二网格")], "第二网格"),
            (2, grids[(2, "第一网格")], "第一网格"),
            (3, None, None),
        ]
        member = connection.execute(sa.text("SELECT grid_id, grid_guide FROM members")).one()
        assert member == (grids[(2, "第一网格")], False)

    flask_migrate.downgrade(revision="0021")

    with db.engine.begin() as connection:
        kept = connection.execute(sa.text("SELECT id, grids FROM communities ORDER BY id")).all()
        names = {
            community: json.loads(value) if isinstance(value, str) else value
            for community, value in kept
        }
        assert names == {1: ["第一网格", "第二网格"], 2: ["第一网格"], 3: []}
