"""tallies by month: the whole community's counters and durations per local month
(order_tallies, dimension "month") and each member's completions per year (member_tallies,
month 'YYYY'), so that a street's year reads ~240 and ~4,000 rows instead of ~7,000 and
~48,000; the rows are recounted from the orders. An index finds a month's (or year's)
member rows with their counts.

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade():
    from volunteer.stats.recount import rebuild

    with op.batch_alter_table("member_tallies", schema=None) as batch_op:
        batch_op.create_index(
            "ix_member_tallies_month", ["month", "member_id", "completions"], unique=False
        )
    rebuild(op.get_bind())


def downgrade():
    with op.batch_alter_table("member_tallies", schema=None) as batch_op:
        batch_op.drop_index("ix_member_tallies_month")
    op.execute(sa.text("DELETE FROM order_tallies WHERE dimension = 'month'"))
    op.execute(sa.text("DELETE FROM member_tallies WHERE length(month) = 4"))
