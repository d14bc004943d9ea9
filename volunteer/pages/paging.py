"""The one paginator of the pages: `?page=` of a long list, and what the pager shows.

`page_of` runs a select for the requested page (`volunteer.pagination.paginate`, as the API
does); `page_from` takes a page that a service ranked itself (the member pool). Either way the
page is a `Page`; a page past the end is empty, never an error.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import request
from flask_smorest.pagination import PaginationParameters

from volunteer.pagination import paginate


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, its number (from 1), the size and the total."""

    items: Sequence[Any]
    page: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None


def requested_page() -> int:
    """The page number in `?page=`: 1 when missing, malformed or below 1."""
    return max(request.args.get("page", 1, type=int), 1)


def page_of(select: sa.Select, size: int) -> Page:
    """The requested page of a select's rows."""
    number = requested_page()
    parameters = PaginationParameters(number, size)
    items = paginate(select, parameters)
    return Page(items, number, size, parameters.item_count)


def page_from(fetch: Callable[[int, int], tuple[int, Sequence[Any]]], size: int) -> Page:
    """The requested page of a list a service pages itself: `fetch(page, size)` answers
    (how many in all, the page's items)."""
    number = requested_page()
    total, items = fetch(number, size)
    return Page(items, number, size, total)
