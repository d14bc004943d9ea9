"""orders: the proxy_by_id index also holds id and community_id, so that the orders a secretary
posted for residents are read newest first from the index, a page's worth at a time, and
those outside the communities they manage are counted there

Revision ID: 0029
Revises: 0028
"""

from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_proxy_by_id")
        batch_op.create_index(
            "ix_orders_proxy_by_id", ["proxy_by_id", "id", "community_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_proxy_by_id")
        batch_op.create_index("ix_orders_proxy_by_id", ["proxy_by_id"], unique=False)
