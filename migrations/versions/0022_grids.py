"""Grids become records of a community (网格), with grid workers (网格员) and first-contact
owners (首问负责).

The names kept in `communities.grids` become `grids` rows; orders and members that named one
get its id (orders keep the name, which the statistics group by); role grants gain the
`grid_id` scope of the `grid_worker` role; orders gain `first_contact_id`; a member may be
marked as their grid's guide (党建指导员).

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

import volunteer.db

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

# (table, index or None) of the grid_id columns pointing at the new table.
GRID_COLUMNS = (("orders", None), ("members", None), ("role_grants", "ix_role_grants_grid_id"))


def upgrade() -> None:
    op.create_table(
        "grids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("boundary", sa.String(length=200), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", volunteer.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["community_id"], ["communities.id"], name=op.f("fk_grids_community_id_communities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grids")),
        sa.UniqueConstraint("community_id", "name", name=op.f("uq_grids_community_id_name")),
    )
    op.create_index(op.f("ix_grids_community_id"), "grids", ["community_id"], unique=False)
    for table, index in GRID_COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("grid_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{table}_grid_id_grids", "grids", ["grid_id"], ["id"])
            if index:
                batch.create_index(index, ["grid_id"], unique=False)
    with op.batch_alter_table("members") as batch:
        batch.add_column(
            sa.Column("grid_guide", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("orders") as batch:
        batch.add_column(sa.Column("first_contact_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_orders_first_contact_id_users", "users", ["first_contact_id"], ["id"]
        )
        batch.create_index("ix_orders_grid", ["grid_id", "created_at"], unique=False)

    # The names become rows; what named one gets its id.
    bind = op.get_bind()
    communities = sa.table("communities", sa.column("id"), sa.column("grids", sa.JSON))
    grids = sa.table(
        "grids",
        sa.column("community_id"),
        sa.column("name"),
        sa.column("active"),
        sa.column("created_at", volunteer.db.UTCDateTime(timezone=True)),
    )
    now = volunteer.db.utcnow()
    rows = [
        {"community_id": community_id, "name": name, "active": True, "created_at": now}
        for community_id, names in bind.execute(sa.select(communities.c.id, communities.c.grids))
        for name in dict.fromkeys(str(name)[:40] for name in (names or ()) if name)
    ]
    if rows:
        bind.execute(grids.insert(), rows)
    for table in ("orders", "members"):
        op.execute(
            f"UPDATE {table} SET grid_id = (SELECT grids.id FROM grids"
            f" WHERE grids.community_id = {table}.community_id AND grids.name = {table}.grid)"
            f" WHERE {table}.grid IS NOT NULL"
        )
    with op.batch_alter_table("communities") as batch:
        batch.drop_column("grids")


def downgrade() -> None:
    with op.batch_alter_table("communities") as batch:
        batch.add_column(sa.Column("grids", sa.JSON(), nullable=True))
    bind = op.get_bind()
    names: dict[int, list[str]] = {}
    for community_id, name in bind.execute(
        sa.text("SELECT community_id, name FROM grids ORDER BY id")
    ):
        names.setdefault(community_id, []).append(name)
    communities = sa.table("communities", sa.column("id"), sa.column("grids", sa.JSON))
    for community_id in [row[0] for row in bind.execute(sa.select(communities.c.id))]:
        bind.execute(
            communities.update()
            .where(communities.c.id == community_id)
            .values(grids=names.get(community_id, []))
        )
    with op.batch_alter_table("communities") as batch:
        batch.alter_column("grids", nullable=False)
    with op.batch_alter_table("orders") as batch:
        batch.drop_index("ix_orders_grid")
        batch.drop_constraint("fk_orders_first_contact_id_users", type_="foreignkey")
        batch.drop_column("first_contact_id")
    with op.batch_alter_table("members") as batch:
        batch.drop_column("grid_guide")
    for table, index in reversed(GRID_COLUMNS):
        with op.batch_alter_table(table) as batch:
            if index:
                batch.drop_index(index)
            batch.drop_constraint(f"fk_{table}_grid_id_grids", type_="foreignkey")
            batch.drop_column("grid_id")
    op.drop_index(op.f("ix_grids_community_id"), table_name="grids")
    op.drop_table("grids")
