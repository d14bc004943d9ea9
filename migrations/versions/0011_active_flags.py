"""active flags: streets, communities and employers can be retired (kept with their history,
no longer offered as choices); the progress rows of report drafting run from the desk

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 12:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import volunteer.db


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

TABLES = ('streets', 'communities', 'employers')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False)
            )
    op.create_table(
        'report_draft_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('created', sa.Integer(), nullable=False),
        sa.Column('regenerated', sa.Integer(), nullable=False),
        sa.Column('unchanged', sa.Integer(), nullable=False),
        sa.Column('started_by_id', sa.Integer(), nullable=False),
        sa.Column('started_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('updated_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('finished_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('error', sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(['started_by_id'], ['users.id'], name=op.f('fk_report_draft_runs_started_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_draft_runs')),
    )


def downgrade():
    op.drop_table('report_draft_runs')
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('active')
