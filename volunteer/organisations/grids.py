"""Which grid (网格) of a community an order or a report-in names: by id or by name."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.errors import Invalid
from volunteer.extensions import db
from volunteer.organisations.models import Grid


def grid_in(community_id: int, *, grid_id: int | None = None, name: str | None = None):
    """The community's grid in use named by `grid_id` or `name` (None when neither is given);
    422 on the field that names something else."""
    if grid_id is not None:
        grid = db.session.get(Grid, grid_id)
        if grid is None or grid.community_id != community_id or not grid.active:
            raise Invalid("grid_id", _l("Not a grid of this community."))
        if name is not None and name != grid.name:
            raise Invalid("grid", _l("Not the name of the grid chosen."))
        return grid
    if name is None:
        return None
    grid = db.session.scalar(
        sa.select(Grid).where(
            Grid.community_id == community_id, Grid.name == name, Grid.active.is_(True)
        )
    )
    if grid is None:
        raise Invalid("grid", _l("Not a grid of this community."))
    return grid
