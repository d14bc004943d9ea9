"""Voice notes of an order (文字·语音·图片 intake).

Revision ID: 0021
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

import volunteer.db

revision = "0021"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_voice_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("order_id", sa.Integer(), sa.ForeignKey("orders.id"), nullable=False),
        sa.Column("storage_key", sa.String(100), nullable=False, unique=True),
        sa.Column("content_type", sa.String(20), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", volunteer.db.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_order_voice_notes_order_id", "order_voice_notes", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_order_voice_notes_order_id", table_name="order_voice_notes")
    op.drop_table("order_voice_notes")
