"""Statements built once per process for each set of inputs they are built from.

Building a list's statement from the caller's ways of seeing orders (a UNION of a branch per
way, the filters in each) costs more in Python than the database takes to run it: SQLAlchemy
builds the expression, then walks it for its cache key on every request. The same caller
asking for the same list gets the same statement, so it is kept, keyed by exactly what it is
built from (`orders/access.py: scope_key` and the filters), and SQLAlchemy's compiled form is
found at once from the kept object.

A key that missed an input would hand one caller another's statement. Under test
(`TESTING`), every hit is therefore compared with a fresh build, SQL and bound values, so
that the scoping tests fail on such a key instead of passing on a stale statement.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

import sqlalchemy as sa
from flask import current_app

from volunteer.extensions import db

# A statement, or None where the inputs call for none (no filter: nothing to count).
Statement = TypeVar("Statement", bound=sa.Executable | None)
MISSING = object()

# Statements kept per process, the least recently used dropped first. One is ~25 KiB (a
# list's page with its union of ways of seeing, measured with tracemalloc), so at most
# ~12 MiB; a caller's plain list keeps three (its page, its count, its total).
SIZE = 512


class Built:
    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self.kept: OrderedDict[Hashable, sa.Executable | None] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Statement]) -> Statement:
        """The statement kept under `key`, else `build()`, kept."""
        with self.lock:
            statement = self.kept.get(key, MISSING)
            if statement is not MISSING:
                self.kept.move_to_end(key)
        if statement is MISSING:
            statement = build()
            with self.lock:
                self.kept[key] = statement
                while len(self.kept) > self.size:
                    self.kept.popitem(last=False)
        elif current_app.testing:
            check(key, statement, build())
        return statement  # type: ignore[return-value]

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()


def check(key: Hashable, kept: object, fresh: object) -> None:
    """`kept` is what `fresh` is: the same SQL with the same bound values (or both None)."""
    if isinstance(kept, sa.ClauseElement) and isinstance(fresh, sa.ClauseElement):
        dialect = db.session.get_bind().dialect
        then, now = kept.compile(dialect=dialect), fresh.compile(dialect=dialect)
        same = (str(then), then.params) == (str(now), now.params)
    else:
        same = kept is None and fresh is None
    if not same:
        raise AssertionError(f"the statement kept for {key!r} is not what its inputs build")


STATEMENTS = Built()


def built_once(name: str, key: Hashable | None, build: Callable[[], Statement]) -> Statement:
    """The statement `name` that `build()` makes for the inputs `key` holds, built once per
    process; built every time when `key` is None (inputs no key can hold)."""
    if key is None:
        return build()
    return STATEMENTS.get((name, key), build)
