"""The caller behind a bearer token, kept between requests by each process.

Loading the token with its user, role grants and member record as ORM objects took a third
of an order's detail. A process now keeps what it loaded, keyed by the token's hash, and
gives each request its own copy (`Session.merge` without SQL). A kept caller is used only
while nothing it holds can have changed:

- every statement that changes users, API tokens, role grants or member records — through
  the ORM or not, in any process or on any server — marks its connection, and the
  transaction's COMMIT bumps one counter in the database (`caller_generations`) first, so
  the change and the bump commit together;
- a request reads that counter (one read by primary key, instead of the join) and uses the
  kept caller only if it was loaded under the same value; otherwise it loads it again;
- a token's expiry is checked against the clock on every request, and nothing is kept for
  longer than CALLER_CACHE_SECONDS (a change made outside the app, by hand in psql, is seen
  after that at the latest).
"""

import re
import threading
import time
from collections import OrderedDict
from contextlib import closing
from typing import NamedTuple

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session, joinedload

from volunteer.auth.models import ApiToken, CallerGeneration, User
from volunteer.db import utcnow
from volunteer.extensions import db

# What a change to a kept caller looks like at the driver. A new user or token changes no
# kept caller (INSERT into users and api_tokens is left out, unless it is an upsert).
CHANGES = re.compile(
    r"\s*(?:(?:UPDATE|DELETE\s+FROM)\s+\"?(?:users|api_tokens|role_grants|members)\b"
    r"|INSERT\s+INTO\s+\"?(?:role_grants|members)\b"
    r"|INSERT\s+INTO\s+\"?(?:users|api_tokens)\b.*\bON\s+CONFLICT\b)",
    re.IGNORECASE | re.DOTALL,
)
CHANGED = "volunteer.callers_changed"
BUMP = "UPDATE caller_generations SET generation = generation + 1 WHERE id = 1"
# Whether the table is there: a migration older than the table may change users.
EXISTS = {
    "sqlite": "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'caller_generations'",
    "postgresql": "SELECT to_regclass('caller_generations') IS NOT NULL",
}
GENERATION = sa.select(CallerGeneration.generation).where(CallerGeneration.id == 1)
MAX_KEPT = 4096


class Kept(NamedTuple):
    token: ApiToken  # detached, with its user, grants and member record loaded
    generation: int
    until: float  # time.monotonic() after which it is not used


class Callers:
    """The callers one process keeps: the most recently used, up to MAX_KEPT."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        self.kept: OrderedDict[str, Kept] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, token_hash: str) -> Kept | None:
        with self.lock:
            kept = self.kept.get(token_hash)
            if kept is None:
                return None
            if kept.until < time.monotonic():
                del self.kept[token_hash]
                return None
            self.kept.move_to_end(token_hash)
            return kept

    def keep(self, token_hash: str, token: ApiToken, generation: int) -> None:
        if self.seconds <= 0:
            return
        kept = Kept(detached(token), generation, time.monotonic() + self.seconds)
        with self.lock:
            self.kept[token_hash] = kept
            self.kept.move_to_end(token_hash)
            while len(self.kept) > MAX_KEPT:
                self.kept.popitem(last=False)


def detached(token: ApiToken) -> ApiToken:
    """A copy of the token and what was loaded with it, in no session: requests merge it."""
    with Session() as private:  # merge(load=False) emits no SQL: no database needed
        return private.merge(token, load=False)


def caller_token(token_hash: str) -> ApiToken | None:
    """The token with this hash in this request's session, its user, grants and member
    record loaded: a kept copy when the counter says nothing changed, else from the database
    (with the counter, in the same statement). None when there is no such token."""
    callers: Callers = current_app.extensions["callers"]
    kept = callers.get(token_hash)
    if kept is not None:
        generation = db.session.connection().scalar(GENERATION)
        if generation == kept.generation and kept.token.expires_at > utcnow():
            return db.session.merge(kept.token, load=False)
    row = (
        db.session.execute(
            sa.select(ApiToken, GENERATION.scalar_subquery())
            .where(ApiToken.token_hash == token_hash)
            .options(
                joinedload(ApiToken.user).options(joinedload(User.grants), joinedload(User.member))
            )
        )
        .unique()
        .one_or_none()
    )
    if row is None:
        return None
    token, generation = row
    if generation is not None and token.revoked_at is None and token.user.active:
        callers.keep(token_hash, token, generation)
    return token


def noticed(conn, cursor, statement, parameters, context, executemany) -> None:
    if CHANGES.match(statement):
        conn.info[CHANGED] = True


def committing(conn) -> None:
    """Before the COMMIT of a transaction that changed a caller: the counter, in it."""
    if not conn.info.pop(CHANGED, False):
        return
    exists = EXISTS.get(conn.dialect.name)
    with closing(conn.connection.dbapi_connection.cursor()) as cursor:
        if exists is not None:
            cursor.execute(exists)
            found = cursor.fetchone()
            if not found or not found[0]:
                return
        cursor.execute(BUMP)


def rolled_back(conn) -> None:
    conn.info.pop(CHANGED, None)


def init_callers(app: Flask) -> None:
    """Each process keeps its own callers; every engine of the app watches for changes."""
    app.extensions["callers"] = Callers(app.config["CALLER_CACHE_SECONDS"])
    with app.app_context():
        for engine in db.engines.values():
            sa.event.listen(engine, "before_cursor_execute", noticed)
            sa.event.listen(engine, "commit", committing)
            sa.event.listen(engine, "rollback", rolled_back)
