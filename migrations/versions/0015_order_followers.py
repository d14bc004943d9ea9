"""Followers of an order (关注): the resident of a merged duplicate, or a neighbour who follows
an open request instead of posting it again.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

import volunteer.db

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_followers",
        sa.Column(
            "order_id",
            sa.Integer(),
            sa.ForeignKey("orders.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("merged_order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=True),
        sa.Column("created_at", volunteer.db.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_order_followers_user", "order_followers", ["user_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_order_followers_user", table_name="order_followers")
    op.drop_table("order_followers")
