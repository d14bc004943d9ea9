"""Operators' commands: `volunteer storage migrate`, `volunteer backup`, `volunteer restore`."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from volunteer import backups
from volunteer.storage import storage, storage_from_url


@click.group("storage")
def storage_group():
    """Where uploaded files live (VOLUNTEER_STORAGE_URL)."""


@storage_group.command("migrate")
@click.option("--to", "target_url", required=True, help="file:///DIR or s3://BUCKET/PREFIX")
@with_appcontext
def migrate_storage(target_url: str):
    """Copy every stored file into another storage (files already there are left alone);
    then set VOLUNTEER_STORAGE_URL to it and restart the app servers."""
    try:
        target = storage_from_url(target_url, current_app.config.get("S3_ENDPOINT_URL"))
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--to") from error
    source = storage()
    keys = list(source.keys())
    copied = 0
    with click.progressbar(keys, label=f"Copying {len(keys)} files", show_pos=True) as bar:
        for key in bar:
            if not target.exists(key):
                target.put(key, source.read(key))
                copied += 1
    click.echo(f"{copied} files copied, {len(keys) - copied} already there.")
    click.echo(f"Now set VOLUNTEER_STORAGE_URL={target_url} and restart the app servers.")


def database_url() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup(path: Path):
    """Back the SQLite database up into PATH while the app serves (PostgreSQL: pg_dump)."""
    try:
        pages = backups.backup(database_url(), path)
    except backups.NotSQLite as error:
        raise click.ClickException(
            "The database is not SQLite: back PostgreSQL up with pg_dump (README)."
        ) from error
    click.echo(f"Backed up {pages} pages into {path}.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask; the app servers are stopped.")
@with_appcontext
def restore(path: Path, yes: bool):
    """Replace the SQLite database with the backup PATH (stop the app servers first)."""
    if not yes:
        click.confirm(
            "Replace the database with this backup? Stop the app servers first", abort=True
        )
    try:
        pages = backups.restore(database_url(), path)
    except backups.NotSQLite as error:
        raise click.ClickException(
            "The database is not SQLite: restore PostgreSQL with pg_restore (README)."
        ) from error
    click.echo(f"Restored {pages} pages from {path}; run `volunteer db upgrade` if it is older.")
