"""order search: each row carries its order's community, status and creation time, and its
searched fields in lower case, so that GET /orders?q= answers a page and its total from
order_search alone (volunteer/orders/search.py)

The new columns are filled from `orders` (the content rule is copied, not imported, so that
this migration keeps doing what it did when the application's code moves on). On SQLite the full-text index's update trigger now
fires only when the terms change (a status change leaves the index alone); SQLite copies the
table to make the columns NOT NULL, which drops its triggers, so they are made again.

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

import volunteer.db

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

COLUMNS = (
    ("community_id", sa.Integer()),
    ("status", sa.String(12)),
    ("created_at", volunteer.db.UTCDateTime(timezone=True)),
    ("content", sa.Text()),
)
TRIGGERS = ("order_search_ai", "order_search_ad", "order_search_au")
SQLITE_TRIGGERS = (
    "CREATE TRIGGER order_search_ai AFTER INSERT ON order_search BEGIN "
    "INSERT INTO order_search_fts(rowid, terms) VALUES (new.order_id, new.terms); END",
    "CREATE TRIGGER order_search_ad AFTER DELETE ON order_search BEGIN "
    "INSERT INTO order_search_fts(order_search_fts, rowid, terms) VALUES ('delete', old.order_id, "
    "old.terms); END",
)
UPDATE_TRIGGER = (
    "CREATE TRIGGER order_search_au AFTER UPDATE {of}ON order_search BEGIN "
    "INSERT INTO order_search_fts(order_search_fts, rowid, terms) VALUES ('delete', old.order_id, "
    "old.terms); INSERT INTO order_search_fts(rowid, terms) VALUES (new.order_id, new.terms); END"
)


def sqlite_triggers(bind, *, of: str) -> None:
    for trigger in TRIGGERS:
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    for statement in (*SQLITE_TRIGGERS, UPDATE_TRIGGER.format(of=of)):
        bind.exec_driver_sql(statement)


def fill(bind, batch: int = 10_000) -> None:
    """Each row's new columns from its order, in batches by id."""
    update = sa.text(
        "UPDATE order_search SET community_id = :community_id, status = :status, "
        "created_at = :created_at, content = :content WHERE order_id = :id"
    )
    select = sa.text(
        "SELECT id, community_id, status, created_at, title, description, address FROM orders "
        "WHERE id > :last AND id IN (SELECT order_id FROM order_search) ORDER BY id LIMIT :batch"
    ).columns(created_at=volunteer.db.UTCDateTime(timezone=True))
    last = 0
    while True:
        rows = bind.execute(select, {"last": last, "batch": batch}).all()
        if not rows:
            break
        bind.execute(
            update,
            [
                {
                    "id": i,
                    "community_id": c,
                    "status": s,
                    "created_at": at,
                    "content": "\n".join((text or "").lower() for text in texts),
                }
                for i, c, s, at, *texts in rows
            ],
        )
        last = rows[-1][0]


def upgrade():
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:  # no trigger while the rows are filled: the terms do not change
        for trigger in TRIGGERS:
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    for name, column_type in COLUMNS:
        op.add_column("order_search", sa.Column(name, column_type, nullable=True))
    fill(bind)
    with op.batch_alter_table("order_search") as batch:
        for name, column_type in COLUMNS:
            batch.alter_column(name, existing_type=column_type, nullable=False)
    if sqlite:
        sqlite_triggers(bind, of="OF terms ")


def downgrade():
    bind = op.get_bind()
    with op.batch_alter_table("order_search") as batch:
        for name, _ in reversed(COLUMNS):
            batch.drop_column(name)
    if bind.dialect.name == "sqlite":
        sqlite_triggers(bind, of="")
