"""love bank: resident volunteers' contact consent, the double-entry ledger, the love shop,
pairings with elderly households and their visits

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 14:30:00.000000

"""
from alembic import op
import sqlalchemy as sa

import volunteer.db


# revision identifiers, used by Alembic.
revision = '0020'
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_contact', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table(
        'accounts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner_key', sa.String(length=30), nullable=False),
        sa.Column('kind', sa.Enum('person', 'community', name='accountkind', native_enum=False, create_constraint=False, length=10), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('balance', sa.Integer(), server_default='0', nullable=False),
        sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind = 'community' OR balance >= 0", name=op.f('ck_accounts_balance_not_negative')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_accounts_community_id_communities')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_accounts_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
        sa.UniqueConstraint('owner_key', name=op.f('uq_accounts_owner_key')),
    )
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accounts_community_id'), ['community_id'], unique=False)

    op.create_table(
        'shop_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('stock', sa.Integer(), nullable=False),
        sa.Column('picture_key', sa.String(length=100), nullable=True),
        sa.Column('picture_type', sa.String(length=20), nullable=True),
        sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint('stock >= 0', name=op.f('ck_shop_items_stock_not_negative')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_shop_items_community_id_communities')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_shop_items')),
    )
    with op.batch_alter_table('shop_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shop_items_community_id'), ['community_id'], unique=False)

    op.create_table(
        'redemptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=8), nullable=False),
        sa.Column('status', sa.Enum('reserved', 'handed_over', 'cancelled', name='redemptionstatus', native_enum=False, create_constraint=False, length=12), nullable=False),
        sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('handed_over_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('handed_over_by_id', sa.Integer(), nullable=True),
        sa.Column('cancelled_at', volunteer.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_redemptions_community_id_communities')),
        sa.ForeignKeyConstraint(['handed_over_by_id'], ['users.id'], name=op.f('fk_redemptions_handed_over_by_id_users')),
        sa.ForeignKeyConstraint(['item_id'], ['shop_items.id'], name=op.f('fk_redemptions_item_id_shop_items')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_redemptions_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_redemptions')),
        sa.UniqueConstraint('code', name=op.f('uq_redemptions_code')),
    )
    with op.batch_alter_table('redemptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_redemptions_community_id'), ['community_id'], unique=False)
        batch_op.create_index('ix_redemptions_user', ['user_id', 'id'], unique=False)

    op.create_table(
        'ledger_transfers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('reason', sa.Enum('order', 'satisfied', 'activity', 'redemption', 'refund', 'reversal', name='entryreason', native_enum=False, create_constraint=False, length=12), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=True),
        sa.Column('activity_id', sa.Integer(), nullable=True),
        sa.Column('redemption_id', sa.Integer(), nullable=True),
        sa.Column('reverses_id', sa.Integer(), nullable=True),
        sa.Column('key', sa.String(length=60), nullable=True),
        sa.Column('note', sa.String(length=200), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_ledger_transfers_community_id_communities')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_ledger_transfers_created_by_id_users')),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_ledger_transfers_order_id_orders')),
        sa.ForeignKeyConstraint(['redemption_id'], ['redemptions.id'], name=op.f('fk_ledger_transfers_redemption_id_redemptions')),
        sa.ForeignKeyConstraint(['reverses_id'], ['ledger_transfers.id'], name=op.f('fk_ledger_transfers_reverses_id_ledger_transfers')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_transfers')),
        sa.UniqueConstraint('key', name=op.f('uq_ledger_transfers_key')),
    )
    with op.batch_alter_table('ledger_transfers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ledger_transfers_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_transfers_order_id'), ['order_id'], unique=False)

    op.create_table(
        'ledger_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('transfer_id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('amount', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_ledger_entries_account_id_accounts')),
        sa.ForeignKeyConstraint(['transfer_id'], ['ledger_transfers.id'], name=op.f('fk_ledger_entries_transfer_id_ledger_transfers')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entries')),
    )
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.create_index('ix_ledger_entries_account', ['account_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ledger_entries_transfer_id'), ['transfer_id'], unique=False)

    op.create_table(
        'pairings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('household_name', sa.String(length=60), nullable=False),
        sa.Column('address', sa.String(length=200), nullable=False),
        sa.Column('phone', sa.String(length=20), nullable=False),
        sa.Column('visit_every_days', sa.Integer(), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_pairings_community_id_communities')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_pairings_created_by_id_users')),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_pairings_member_id_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pairings')),
    )
    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairings_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pairings_member_id'), ['member_id'], unique=False)

    op.create_table(
        'pairing_visits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('pairing_id', sa.Integer(), nullable=False),
        sa.Column('period', sa.Integer(), nullable=False),
        sa.Column('order_id', sa.Integer(), nullable=False),
        sa.Column('created_at', volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_pairing_visits_order_id_orders')),
        sa.ForeignKeyConstraint(['pairing_id'], ['pairings.id'], name=op.f('fk_pairing_visits_pairing_id_pairings')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pairing_visits')),
        sa.UniqueConstraint('order_id', name=op.f('uq_pairing_visits_order_id')),
        sa.UniqueConstraint('pairing_id', 'period', name=op.f('uq_pairing_visits_pairing_id_period')),
    )


def downgrade():
    op.drop_table('pairing_visits')
    with op.batch_alter_table('pairings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairings_member_id'))
        batch_op.drop_index(batch_op.f('ix_pairings_community_id'))
    op.drop_table('pairings')
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_entries_transfer_id'))
        batch_op.drop_index('ix_ledger_entries_account')
    op.drop_table('ledger_entries')
    with op.batch_alter_table('ledger_transfers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ledger_transfers_order_id'))
        batch_op.drop_index(batch_op.f('ix_ledger_transfers_community_id'))
    op.drop_table('ledger_transfers')
    with op.batch_alter_table('redemptions', schema=None) as batch_op:
        batch_op.drop_index('ix_redemptions_user')
        batch_op.drop_index(batch_op.f('ix_redemptions_community_id'))
    op.drop_table('redemptions')
    with op.batch_alter_table('shop_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shop_items_community_id'))
    op.drop_table('shop_items')
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accounts_community_id'))
    op.drop_table('accounts')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('consent_contact')
