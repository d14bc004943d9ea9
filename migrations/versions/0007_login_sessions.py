"""login sessions the server can end, and failed logins counted per client address

A page login becomes a row of login_sessions whose key the cookie carries: logging out or
changing the password ends it on the server. Cookies issued before this revision carried the
bare user id and no longer log anyone in (everyone logs in once more).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import volunteer.db


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_login_sessions_key_hash'))
    )
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_sessions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_login_failures_username_address_at', ['username', 'address', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_login_failures_username_address_at')
        batch_op.drop_column('address')

    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_user_id'))

    op.drop_table('login_sessions')
