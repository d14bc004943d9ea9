"""`volunteer reports …`: draft the reports of a period from the command line."""

import os
from pathlib import Path

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
@click.option(
    "--files",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write each report's PDF and XLSX into this directory.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Processes rendering the files.",
)
def generate(period_text: str, directory: Path | None, workers: int):
    """Draft every employer's report for PERIOD (refreshing drafts, leaving sent ones)."""
    from volunteer.reports.export import write_files_of
    from volunteer.reports.jobs import summary
    from volunteer.reports.periods import parse_period
    from volunteer.reports.services import drafted, employers_in_use

    try:
        period = parse_period(period_text)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--period") from error
    employer_ids = employers_in_use()
    counts = {"created": 0, "regenerated": 0, "unchanged": 0}
    label = f"{period.label} 反馈表" + (" (PDF + XLSX)" if directory else "")
    with click.progressbar(length=len(employer_ids), label=label, show_pos=True) as bar:

        def report_ids():
            for outcome, report_id in drafted(period, employer_ids):
                counts[outcome] += 1
                if directory is None or report_id is None:
                    bar.update(1)  # nothing to render: done with this employer
                else:
                    yield report_id  # the bar moves once its files are written

        if directory is None:
            for _ in report_ids():
                pass
        else:
            written = write_files_of(report_ids(), directory, workers=workers, progress=bar.update)
    click.echo(summary(period, counts))
    if directory is not None:
        click.echo(
            f"{written['reports']} reports written to {directory} ({written['bytes']:,} bytes)"
        )
