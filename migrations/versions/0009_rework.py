"""rework: 回访 → 重办. An order keeps its first rating's score (first_score, for the
first-time satisfaction rate 一次满意率) and counts its reworks (rework_count); a follow-up
records the call's outcome, and an order redone and rated low again gets another follow-up
(follow_ups.order_id is no longer unique); the tallies count first ratings and reworks.

The tallies are rebuilt here from the orders (0006 no longer does it: a rebuild uses the
current counters, which did not exist yet at 0006).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

TALLY_COUNTERS = ['first_rated', 'first_satisfied', 'reworks']


def upgrade():
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_score', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('rework_count', sa.Integer(), server_default='0', nullable=False)
        )
    # Every rating so far was a first rating.
    op.execute('UPDATE orders SET first_score = score WHERE score IS NOT NULL')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.String(length=12), nullable=True))
        batch_op.drop_constraint('uq_follow_ups_order_id', type_='unique')
        batch_op.create_index('ix_follow_ups_order_id', ['order_id'], unique=False)
    with op.batch_alter_table('order_tallies', schema=None) as batch_op:
        for name in TALLY_COUNTERS:
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default='0', nullable=False))
    from volunteer.stats.recount import rebuild

    rebuild(op.get_bind())


def downgrade():
    with op.batch_alter_table('order_tallies', schema=None) as batch_op:
        for name in reversed(TALLY_COUNTERS):
            batch_op.drop_column(name)
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_order_id')
        batch_op.create_unique_constraint('uq_follow_ups_order_id', ['order_id'])
        batch_op.drop_column('outcome')
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('rework_count')
        batch_op.drop_column('first_score')
