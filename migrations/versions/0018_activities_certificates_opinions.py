"""community activities (sign-ups with attendance and hours, corrections), certificates of
service, and employers' opinion requests

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 14:06:16.312374

"""
from alembic import op
import sqlalchemy as sa

import volunteer.db


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=2000), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('starts_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('signed_up', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('code_salt', sa.String(length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reminded_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_activities_closed_by_id_users')),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_activities_community_id_communities')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_activities_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activities'))
    )
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.create_index('ix_activities_community_starts', ['community_id', 'starts_at'], unique=False)

    op.create_table('activity_signups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('by_roll_call', sa.Boolean(), nullable=False),
    sa.Column('checked_in_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('checked_out_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('hours', sa.Numeric(precision=3, scale=1), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_activity_signups_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_activity_signups_member_id_members')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_signups')),
    sa.UniqueConstraint('activity_id', 'member_id', name=op.f('uq_activity_signups_activity_id_member_id'))
    )
    with op.batch_alter_table('activity_signups', schema=None) as batch_op:
        batch_op.create_index('ix_activity_signups_member', ['member_id'], unique=False)

    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('verification_code', sa.String(length=16), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('issuer', sa.String(length=100), nullable=False),
    sa.Column('orders_completed', sa.Integer(), nullable=False),
    sa.Column('order_hours', sa.Double(), nullable=False),
    sa.Column('activities', sa.Integer(), nullable=False),
    sa.Column('activity_hours', sa.Double(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('issued_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.Column('revoke_reason', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_certificates_community_id_communities')),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_certificates_issued_by_id_users')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_certificates_member_id_members')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_certificates_revoked_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('community_id', 'year', 'sequence', name=op.f('uq_certificates_community_id_year_sequence')),
    sa.UniqueConstraint('number', name=op.f('uq_certificates_number'))
    )
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificates_member_id'), ['member_id'], unique=False)

    op.create_table('opinion_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('opinion', sa.String(length=2000), nullable=True),
    sa.Column('grade', sa.String(length=20), nullable=True),
    sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answered_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_opinion_requests_answered_by_id_users')),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_opinion_requests_employer_id_employers')),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_opinion_requests_member_id_members')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_opinion_requests_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_requests'))
    )
    with op.batch_alter_table('opinion_requests', schema=None) as batch_op:
        batch_op.create_index('ix_opinion_requests_employer', ['employer_id', 'status'], unique=False)
        batch_op.create_index('ix_opinion_requests_member', ['member_id'], unique=False)

    op.create_table('activity_hour_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signup_id', sa.Integer(), nullable=False),
    sa.Column('hours_before', sa.Numeric(precision=3, scale=1), nullable=True),
    sa.Column('hours_after', sa.Numeric(precision=3, scale=1), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_activity_hour_corrections_by_id_users')),
    sa.ForeignKeyConstraint(['signup_id'], ['activity_signups.id'], name=op.f('fk_activity_hour_corrections_signup_id_activity_signups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_hour_corrections'))
    )
    with op.batch_alter_table('activity_hour_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_hour_corrections_signup_id'), ['signup_id'], unique=False)



def downgrade():
    with op.batch_alter_table('activity_hour_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_hour_corrections_signup_id'))

    op.drop_table('activity_hour_corrections')
    with op.batch_alter_table('opinion_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_opinion_requests_member')
        batch_op.drop_index('ix_opinion_requests_employer')

    op.drop_table('opinion_requests')
    with op.batch_alter_table('certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificates_member_id'))

    op.drop_table('certificates')
    with op.batch_alter_table('activity_signups', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_signups_member')

    op.drop_table('activity_signups')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index('ix_activities_community_starts')

    op.drop_table('activities')
