"""`volunteer reports …`: draft the reports of a period from the command line."""

import click
from flask.cli import AppGroup


@click.group("reports", cls=AppGroup)
def reports():
    """Feedback reports to employers (双报到 反馈)."""


@reports.command("generate")
@click.option(
    "--period",
    "period_text",
    required=True,
    metavar="PERIOD",
    help="2026 (the year), 2026H1/2026H2 (a half-year) or 2026Q1…2026Q4 (a quarter).",
)
def generate(period_text: str):
    """Draft every employer's report for PERIOD (refreshing drafts, leaving sent ones)."""
    import sqlalchemy as sa

    from volunteer.extensions import db
    from volunteer.organisations.models import Employer
    from volunteer.reports.jobs import summary
    from volunteer.reports.periods import parse_period
    from volunteer.reports.services import draft_period

    try:
        period = parse_period(period_text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--period") from error
    employer_ids = list(db.session.scalars(sa.select(Employer.id).order_by(Employer.id)))
    with click.progressbar(
        length=len(employer_ids), label=f"{period.label} 反馈表", show_pos=True
    ) as bar:
        counts = draft_period(period, employer_ids, progress=bar.update)
    click.echo(summary(period, counts))
