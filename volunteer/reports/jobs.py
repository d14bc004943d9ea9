"""The `employer-reports` job and `volunteer reports generate`: draft a period's reports."""

from volunteer.reports.members import today
from volunteer.reports.periods import Period, previous_half_year
from volunteer.reports.services import draft_period


def summary(period: Period, counts: dict) -> str:
    return (
        f"{period.label}: {counts['created']} drafted, {counts['regenerated']} drafts refreshed, "
        f"{counts['unchanged']} already sent"
    )


def draft_employer_reports() -> str:
    """Draft every employer's report for the half-year that has just ended (on 1 January:
    July to December of last year; on 1 July: January to June). Idempotent: a second run
    refreshes the same drafts and leaves sent reports alone."""
    period = previous_half_year(today())
    return summary(period, draft_period(period))
