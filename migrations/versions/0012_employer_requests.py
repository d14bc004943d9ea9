"""employer requests: an employer a member named at the report-in because it was not listed,
waiting on the street admin's desk

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 12:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import volunteer.db


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'employer_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('street_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('employer_id', sa.Integer(), nullable=True),
        sa.Column('done_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('done_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_employer_requests_done_by_id_users')),
        sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_employer_requests_employer_id_employers')),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_employer_requests_member_id_members'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['street_id'], ['streets.id'], name=op.f('fk_employer_requests_street_id_streets')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_employer_requests')),
    )
    with op.batch_alter_table('employer_requests', schema=None) as batch_op:
        batch_op.create_index('ix_employer_requests_street_done', ['street_id', 'done_at'], unique=False)


def downgrade():
    with op.batch_alter_table('employer_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_employer_requests_street_done')
    op.drop_table('employer_requests')
