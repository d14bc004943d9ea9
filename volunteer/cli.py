"""The `volunteer` command: a Flask CLI group with the project's own commands."""

import sys

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import FlaskGroup
from flask_migrate import upgrade

from volunteer import create_app, migrations_directory
from volunteer.reports.cli import reports


@click.group(cls=FlaskGroup, create_app=create_app, add_version_option=False)
def main():
    """volunteer: 三单制 community volunteer service."""


def database_is_empty() -> bool:
    from volunteer.auth.models import User
    from volunteer.extensions import db

    return db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


@main.command("up")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
def up(host: str, port: int):
    """Migrate to head, seed the demo when empty, and serve."""
    from werkzeug.serving import run_simple

    from volunteer.extensions import db

    upgrade(directory=migrations_directory())
    if database_is_empty():
        seed_and_print()
    # End this command's transaction: on SQLite it would hold the write lock while serving.
    db.session.remove()
    click.echo(f"Serving on http://{host}:{port}  (API docs: http://{host}:{port}/api/docs)")
    run_simple(host, port, current_app._get_current_object(), threaded=True, use_reloader=False)


@main.command("demo")
def demo():
    """Seed the demo district into an empty database and print the logins."""
    if not database_is_empty():
        raise click.ClickException("The database is not empty; the demo only seeds an empty one.")
    seed_and_print()


def seed_and_print() -> None:
    from volunteer.demo import DEMO_PASSWORD, seed_demo
    from volunteer.extensions import db

    logins = seed_demo()
    db.session.commit()
    click.echo(f"Demo district seeded. Every demo login has the password {DEMO_PASSWORD}:")
    for username, description in logins:
        click.echo(f"  {username:<16} {description}")


@main.command("create-admin")
@click.argument("username")
@click.option("--display-name", default=None, help="Name shown to others (default: USERNAME).")
def create_admin(username: str, display_name: str | None):
    """Create an administrator; the password comes from the terminal or standard input."""
    from volunteer.auth.models import RoleGrant
    from volunteer.auth.services import create_user
    from volunteer.errors import DomainError
    from volunteer.extensions import db

    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 8:
        raise click.ClickException("The password needs at least 8 characters.")
    try:
        user = create_user(
            username=username, password=password, display_name=display_name or username
        )
    except DomainError as error:
        raise click.ClickException(error.message) from error
    user.grants.append(RoleGrant(role="admin"))
    db.session.commit()
    click.echo(f"Administrator {username} created.")


main.add_command(reports)
