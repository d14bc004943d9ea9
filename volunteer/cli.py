"""The `volunteer` command: a Flask CLI group with the project's own commands."""

import logging
import re
import signal
import sys

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext
from flask_migrate import upgrade

from volunteer import create_app, migrations_directory
from volunteer.i18n import localised
from volunteer.ops import backup, restore, storage_group
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
    from volunteer.jobs.runner import start_scheduler

    upgrade(directory=migrations_directory())
    if database_is_empty():
        seed_and_print()
    # End this command's transaction: on SQLite it would hold the write lock while serving.
    db.session.remove()
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop_on_sigterm()
    scheduler = start_scheduler(app, block=False)
    click.echo(f"Serving on http://{host}:{port}  (API docs: http://{host}:{port}/api/docs)")
    # Werkzeug warns below that it is a development server: so it is, on purpose.
    click.echo(
        "This is the single-machine demo server (Werkzeug's development server, hence its"
        " warning below). In production serve with gunicorn behind a reverse proxy: see"
        " README.md, Production deployment. Another port: volunteer up --port 8080"
    )
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        scheduler.stop()


def stop_on_sigterm() -> None:
    """SIGTERM ends the command like Ctrl-C does, so that the scheduler stops cleanly."""

    def exit_cleanly(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, exit_cleanly)


@main.command("scheduler")
def scheduler():
    """Run the scheduled jobs in the foreground (Ctrl-C stops)."""
    from volunteer.jobs.runner import start_scheduler

    # One line per job run (volunteer.jobs.runner); APScheduler's own lines only when wrong.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    click.echo("Scheduler running; only the holder of the lease acts. Ctrl-C stops it.")
    start_scheduler(current_app._get_current_object(), block=True)
    click.echo("Scheduler stopped.")


@main.group("jobs")
def jobs():
    """The scheduled jobs: list them, or run one now."""


@jobs.command("list")
def jobs_list():
    """Every job with its schedule, what it does, and its last run."""
    from volunteer.extensions import db
    from volunteer.jobs.models import JobRun
    from volunteer.jobs.schedule import JOBS, describe, trigger_of
    from volunteer.orders.timing import zone

    runs = {run.name: run for run in db.session.scalars(sa.select(JobRun))}
    for job in JOBS:
        run = runs.get(job.name)
        if run is None:
            last = "never run"
        else:
            at = run.finished_at or run.started_at
            last = f"last run {at.astimezone(zone()):%Y-%m-%d %H:%M}: {run.result or 'running'}"
        click.echo(f"{job.name:<20} {describe(trigger_of(job, current_app.config))}")
        click.echo(f"{'':<20} {job.description}")
        click.echo(f"{'':<20} {last}")


@jobs.command("run")
@click.argument("name")
def jobs_run(name: str):
    """Run the job NAME once, now (whether or not a scheduler holds the lease)."""
    from volunteer.jobs.runner import run_job
    from volunteer.jobs.schedule import JOBS_BY_NAME

    if name not in JOBS_BY_NAME:
        raise click.BadParameter(
            f"no job {name!r}; the jobs are: {', '.join(JOBS_BY_NAME)}", param_hint="NAME"
        )
    outcome = run_job(current_app._get_current_object(), name)  # type: ignore[attr-defined]
    if not outcome.ok:
        raise click.ClickException(f"{name}: {outcome.result}")
    click.echo(f"{name}: {outcome.result}")


@main.group("stats")
def stats():
    """The statistics' counters."""


@stats.command("rebuild")
def stats_rebuild():
    """Recount the statistics' tallies from the orders (after a bulk import by SQL)."""
    from volunteer.extensions import db
    from volunteer.stats.recount import rebuild

    rows = rebuild()
    db.session.commit()
    click.echo(f"{rows} tally rows written.")


@main.group("ledger")
def ledger():
    """The love bank's (爱心银行) books."""


@ledger.command("check")
def ledger_check():
    """Verify the books: all entries sum to 0, every transfer is two entries summing to 0,
    every balance is the sum of its entries, no person's balance is negative."""
    from volunteer.love_bank.ledger import check_books

    check = check_books()
    click.echo(f"{check.transfers} transfers, {check.entries} entries, sum {check.total}.")
    problems = {
        "transfers without two entries summing to 0": check.unbalanced_transfers,
        "accounts whose balance is not the sum of their entries": check.mismatched_accounts,
        "personal accounts below zero": check.negative_accounts,
    }
    for what, ids in problems.items():
        if ids:
            click.echo(f"{what}: {', '.join(map(str, ids))}")
    if not check.balanced:
        raise click.ClickException("The books do not balance.")
    click.echo("The books balance.")


@main.group("search")
def search():
    """The orders' text search index."""


@search.command("rebuild")
def search_rebuild():
    """Re-index every order's text (after a bulk import by SQL)."""
    from volunteer.extensions import db
    from volunteer.orders.search_index import rebuild

    rows = rebuild(db.session.connection())
    db.session.commit()
    click.echo(f"{rows} orders indexed.")


@main.group("demo", invoke_without_command=True)
@click.pass_context
@with_appcontext
def demo(ctx):
    """Seed the demo district into an empty database and print the logins."""
    if ctx.invoked_subcommand is not None:
        return
    if not database_is_empty():
        raise click.ClickException("The database is not empty; the demo only seeds an empty one.")
    seed_and_print()


@demo.command("inbox")
@click.option("--count", default=50, show_default=True, type=click.IntRange(1, 500))
@click.option("--community", default="幸福里社区", show_default=True)
def demo_inbox(count: int, community: str):
    """Post COUNT new requests into a demo community's inbox (shuji1's: 幸福里社区)."""
    from volunteer.demo.inbox import seed_inbox
    from volunteer.extensions import db

    try:
        ids = seed_inbox(count, community)
    except LookupError as error:
        raise click.ClickException(f"Seed the demo first (volunteer demo): {error}") from error
    db.session.commit()
    click.echo(f"{len(ids)} new requests wait in {community}'s inbox (log in as shuji1).")


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
    from volunteer.auth.roles import Role
    from volunteer.auth.services import create_user
    from volunteer.errors import DomainError
    from volunteer.extensions import db

    if not re.fullmatch(r"[a-z0-9_]{3,32}", username):
        raise click.ClickException("USERNAME: 3 to 32 characters, lower-case letters, digits or _.")
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
        raise click.ClickException(localised(error.message)) from error
    user.grants.append(RoleGrant(role=Role.ADMIN))
    db.session.commit()
    click.echo(f"Administrator {username} created.")


main.add_command(reports)
main.add_command(storage_group)
main.add_command(backup)
main.add_command(restore)
