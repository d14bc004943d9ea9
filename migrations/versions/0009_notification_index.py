"""The bell on every page counts a user's unread notifications from one index.

Revision ID: 0009_notification_index
Revises: 0008
"""

from alembic import op

revision = "0009_notification_index"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_notifications_user_read", "notifications", ["user_id", "read_at"])


def downgrade() -> None:
    op.drop_index("ix_notifications_user_read", table_name="notifications")
