"""`volunteer backup` and `volunteer restore` for a SQLite installation.

The copy goes through SQLite's online backup API: one read transaction over a consistent
snapshot, while the app servers go on writing (WAL lets them). PostgreSQL is backed up with
its own tools (pg_dump / pg_restore; README, production section).
"""

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa


class NotSQLite(ValueError):
    """The database is not a SQLite file."""


def sqlite_file(url: str) -> Path:
    """The file behind a SQLite URL."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise NotSQLite(url)
    return Path(parsed.database)


def copy_database(source: Path, target: Path) -> int:
    """Copy one SQLite database into another file's place, atomically for the target (a
    partial file is renamed only once complete and checked); the number of pages copied."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(source, timeout=60) as reading, sqlite3.connect(partial) as writing:
        reading.backup(writing)
        writing.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
        (pages,) = writing.execute("PRAGMA page_count").fetchone()
        (check,) = writing.execute("PRAGMA quick_check").fetchone()
    reading.close()
    writing.close()
    if check != "ok":
        partial.unlink()
        raise RuntimeError(f"the copy failed its check: {check}")
    os.replace(partial, target)
    return pages


def backup(url: str, target: Path) -> int:
    """Back the running installation's database up into `target`."""
    return copy_database(sqlite_file(url), target)


def restore(url: str, source: Path) -> int:
    """Put a backup in place of the database, through the same API (the -wal file of the
    database is rewritten with it). The app servers and the scheduler must be stopped."""
    with sqlite3.connect(source) as backup_file:
        (check,) = backup_file.execute("PRAGMA quick_check").fetchone()
    backup_file.close()
    if check != "ok":
        raise RuntimeError(f"the backup failed its check: {check}")
    database = sqlite_file(url)
    with sqlite3.connect(source) as reading, sqlite3.connect(database, timeout=60) as writing:
        reading.backup(writing)
        (pages,) = writing.execute("PRAGMA page_count").fetchone()
    reading.close()
    writing.close()
    return pages
