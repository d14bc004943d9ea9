"""caller_generations: one counter that every change to users, API tokens, role grants and
member records bumps at its commit, so that each process may keep the callers it loaded for
as long as the counter stays the same (volunteer/auth/callers.py)

Revision ID: 0027
Revises: 0026
"""

import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "caller_generations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_caller_generations")),
    )
    op.bulk_insert(table, [{"id": 1, "generation": 0}])


def downgrade():
    op.drop_table("caller_generations")
