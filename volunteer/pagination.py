"""One page of a select, with the total that flask-smorest puts in X-Pagination."""

from collections.abc import Callable, Sequence

import sqlalchemy as sa

from volunteer.extensions import db

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Offsets from which a page whose total comes with it (`paginate_ids`) is asked for only once
# its total says it is there: no database integer holds an absurd page number's offset.
FAR = 2**31


def paginate(
    select: sa.Select, pagination_parameters, count: sa.Select | int | None = None
) -> list:
    """Run `select` for the requested page and record the item count (`count`: the number,
    or a cheaper select of it, else the rows of `select` are counted; `page_window`)."""
    if count is None:
        count = counting(select)
    window = page_window(pagination_parameters, count)
    if window is None:
        return []
    size, offset = window
    return list(db.session.scalars(select.limit(size).offset(offset)).unique())


def counting(select: sa.Select) -> sa.Select:
    """The count of the rows `select` gives."""
    return sa.select(sa.func.count()).select_from(select.order_by(None).subquery())


def page_window(pagination_parameters, count: sa.Select | int) -> tuple[int, int] | None:
    """Record the item count (`count`: the number, or a select of it) and give the requested
    page's (limit, offset); None past the end, which also keeps absurd page numbers away from
    the database's integers."""
    total = count if isinstance(count, int) else int(db.session.scalar(count) or 0)
    pagination_parameters.item_count = total
    size = pagination_parameters.page_size
    offset = (pagination_parameters.page - 1) * size
    return (size, offset) if offset < total else None


def paginate_ids(ids: sa.Select, load: Callable[[list], Sequence], pagination_parameters) -> list:
    """The same for a select of ids in their order, the page and its total in one statement
    (the total as a window count: the matches are found once, not once for each); `load` turns
    the page's ids into their rows (any order: they are put back in the page's)."""
    size = pagination_parameters.page_size
    offset = (pagination_parameters.page - 1) * size
    if offset >= FAR and page_window(pagination_parameters, counting(ids)) is None:
        return []
    counted = ids.add_columns(sa.func.count().over().label("total"))
    rows = db.session.execute(counted.limit(size).offset(offset)).all()
    if rows:
        total = rows[0].total
    elif offset:  # past the end: the total alone
        total = db.session.scalar(counting(ids))
    else:
        total = 0
    pagination_parameters.item_count = total
    page = [row[0] for row in rows]
    found = {row.id: row for row in load(page)} if page else {}
    return [found[i] for i in page if i in found]
