"""members: the (community_id, status) index also holds id and member_type, so that a street's
statistics read its active members from the index alone instead of scanning every member

Revision ID: 0028
Revises: 0027
"""

from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_community_status")
        batch_op.create_index(
            "ix_members_community_status",
            ["community_id", "status", "id", "member_type"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_community_status")
        batch_op.create_index(
            "ix_members_community_status", ["community_id", "status"], unique=False
        )
