"""idempotency fingerprint: the hash of the request body kept with each Idempotency-Key, so
that the same key with a different body is refused (422) instead of replayed

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fingerprint', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_column('fingerprint')
