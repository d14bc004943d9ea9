"""Voice notes of an order (文字·语音·图片 intake) and appointments (预约服务).

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

import volunteer.db

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

APPOINTMENT_COLUMNS = (
    ("appointment_date", sa.Date()),
    ("appointment_half_day", sa.String(2)),
    ("appointment_confirmed_at", volunteer.db.UTCDateTime(timezone=True)),
    ("appointment_proposed_date", sa.Date()),
    ("appointment_proposed_half_day", sa.String(2)),
    ("appointment_reminded_at", volunteer.db.UTCDateTime(timezone=True)),
    ("appointment_missed_at", volunteer.db.UTCDateTime(timezone=True)),
)


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
    with op.batch_alter_table("orders") as batch:
        for name, column_type in APPOINTMENT_COLUMNS:
            batch.add_column(sa.Column(name, column_type, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("orders") as batch:
        for name, _ in reversed(APPOINTMENT_COLUMNS):
            batch.drop_column(name)
    op.drop_index("ix_order_voice_notes_order_id", table_name="order_voice_notes")
    op.drop_table("order_voice_notes")
