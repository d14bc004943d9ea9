"""reset codes: one-time codes the desk issues for a forgotten password (only their hash is
kept); users.phone unique, since one may log in with it

Phones were contact details until now and could repeat: each number stays with the first
user who registered it (the lowest id) and is cleared on the others before the constraint is
added.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 12:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import volunteer.db


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('phone', sa.String))
    first = sa.alias(users, 'first')
    op.execute(
        users.update()
        .where(
            sa.exists()
            .where(first.c.phone == users.c.phone, first.c.id < users.c.id)
        )
        .values(phone=None)
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_users_phone'), ['phone'])

    op.create_table('reset_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('code_hash', sa.String(length=255), nullable=False),
    sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('wrong_tries', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_reset_codes_issued_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_reset_codes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reset_codes'))
    )
    with op.batch_alter_table('reset_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reset_codes_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('reset_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reset_codes_user_id'))
    op.drop_table('reset_codes')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_phone'), type_='unique')
