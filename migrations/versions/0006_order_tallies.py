"""order tallies: statistics counters per community, local day and breakdown (with the
durations behind the medians), and completions per member and local month

With the counters, GET /stats no longer reads a scope's orders; the covering index it used
(0005's ix_orders_stats) goes, and a community's open orders past due come from
ix_orders_community_status_due alone.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 14:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

COUNTERS = [
    'submitted', 'accepted', 'dispatched', 'claimed', 'completed', 'closed', 'escalated',
    'rejected', 'merged', 'cancelled',
    'total', 'rated_closed', 'auto_closed', 'on_time', 'timed', 'rated', 'satisfied',
]


def upgrade():
    op.create_table(
        'order_tallies',
        sa.Column('dimension', sa.String(length=10), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('key', sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.Integer(), server_default='0', nullable=False) for name in COUNTERS),
        sa.Column('claim_seconds', sa.LargeBinary(), nullable=True),
        sa.Column('handling_seconds', sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ['community_id'], ['communities.id'],
            name=op.f('fk_order_tallies_community_id_communities'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('dimension', 'community_id', 'day', 'key', name=op.f('pk_order_tallies')),
    )
    op.create_table(
        'member_tallies',
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('completions', sa.Integer(), server_default='0', nullable=False),
        sa.ForeignKeyConstraint(
            ['member_id'], ['members.id'],
            name=op.f('fk_member_tallies_member_id_members'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('member_id', 'month', name=op.f('pk_member_tallies')),
    )
    # The orders that exist already are counted by the rebuild of 0009_rework (a rebuild here
    # would use today's counters, some of which do not exist yet); from then on every change
    # keeps them.
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_stats')
        batch_op.drop_index('ix_orders_community_status')
        batch_op.create_index(
            'ix_orders_community_status_due',
            ['community_id', 'status', 'due_at', 'created_at'],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_index('ix_orders_community_status_due')
        batch_op.create_index(
            'ix_orders_community_status', ['community_id', 'status'], unique=False
        )
        batch_op.create_index(
            'ix_orders_stats',
            [
                'community_id', 'created_at', 'status', 'close_reason', 'completed_at',
                'due_at', 'score', 'dispatched_at', 'claimed_at',
            ],
            unique=False,
        )
    op.drop_table('member_tallies')
    op.drop_table('order_tallies')
