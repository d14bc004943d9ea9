"""order search: the grams of every order's title, description and address, indexed (FTS5 on
SQLite, GIN on PostgreSQL) for GET /orders?q= (volunteer/orders/search.py)

The existing orders are indexed here. The term rule is copied, not imported, so that this
migration keeps doing what it did when the application's code moves on.

Revision ID: 0014
Revises: 0013
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
FTS = "order_search_fts"
SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS order_search_fts USING fts5(terms, content='order_search', "
    "content_rowid='order_id', tokenize='unicode61', detail='none')",
    f"CREATE TRIGGER IF NOT EXISTS order_search_ai AFTER INSERT ON order_search BEGIN "
    "INSERT INTO order_search_fts(rowid, terms) VALUES (new.order_id, new.terms); END",
    f"CREATE TRIGGER IF NOT EXISTS order_search_ad AFTER DELETE ON order_search BEGIN "
    "INSERT INTO order_search_fts(order_search_fts, rowid, terms) VALUES ('delete', old.order_id, old.terms); END",
    f"CREATE TRIGGER IF NOT EXISTS order_search_au AFTER UPDATE ON order_search BEGIN "
    "INSERT INTO order_search_fts(order_search_fts, rowid, terms) VALUES ('delete', old.order_id, old.terms); "
    "INSERT INTO order_search_fts(rowid, terms) VALUES (new.order_id, new.terms); END",
)


def grams(text):
    found = {}
    for run in RUNS.findall((text or "").lower()):
        if run.isascii() or len(run) == 1:
            found[run] = None
        else:
            for i in range(len(run) - 1):
                found[run[i : i + 2]] = None
    return found


def terms(community_id, street_id, *texts):
    found = {f"c{community_id}": None, f"s{street_id}": None}
    for text in texts:
        found.update(grams(text))
    return " ".join(found)


def upgrade():
    op.create_table(
        "order_search",
        sa.Column("order_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("order_id"),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_DDL:
            bind.exec_driver_sql(statement)
    else:
        bind.exec_driver_sql(
            "CREATE INDEX IF NOT EXISTS ix_order_search_terms ON order_search "
            "USING gin (string_to_array(terms, ' '))"
        )
    streets = dict(bind.execute(sa.text("SELECT id, street_id FROM communities")).all())
    table = sa.table("order_search", sa.column("order_id"), sa.column("terms"))
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, community_id, title, description, address FROM orders "
                "WHERE id > :last ORDER BY id LIMIT 10000"
            ),
            {"last": last},
        ).all()
        if not rows:
            break
        bind.execute(
            table.insert(),
            [{"order_id": i, "terms": terms(c, streets[c], t, d, a)} for i, c, t, d, a in rows],
        )
        last = rows[-1][0]


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("order_search_ai", "order_search_ad", "order_search_au"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS order_search_fts")
    else:
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_order_search_terms")
    op.drop_table("order_search")
