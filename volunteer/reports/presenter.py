"""A report as the caller sees it: rows less withdrawn consent, delivery states, file links."""

from collections.abc import Sequence

from volunteer.auth.access import Actor
from volunteer.reports.delivery import deliveries_of, visible_rows
from volunteer.reports.periods import Period
from volunteer.reports.rows import consenting_among, hide_unshared
from volunteer.reports.services import manages_reports


def present(
    report, actor: Actor, *, with_rows: bool = True, deliveries=None, consenting=None
) -> dict:
    """The report for the caller; `consenting` (member ids) when read for many at once."""
    if deliveries is None:
        deliveries = deliveries_of([report.id]).get(report.id, [])
    if not manages_reports(actor):
        # An employer sees whether its mail arrived, not the mail server's answers.
        deliveries = [{**d, "last_error": None} for d in deliveries]
    rows = visible_rows(report) if consenting is None else hide_unshared(report.rows, consenting)
    body = {
        "id": report.id,
        "employer_id": report.employer_id,
        "employer_name": report.employer.name,
        "period_start": report.period_start,
        "period_end": report.period_end,
        "period_label": Period(report.period_start, report.period_end).label,
        "status": report.status,
        "issuer": report.issuer,
        "member_count": len(rows),
        "shared_count": sum(1 for row in rows if row.get("consent")),
        "generated_at": report.generated_at,
        "created_at": report.created_at,
        "sent_at": report.sent_at,
        "acknowledged_at": report.acknowledged_at,
        "deliveries": deliveries,
        "files": {
            "pdf": f"/api/v1/reports/{report.id}/pdf",
            "xlsx": f"/api/v1/reports/{report.id}/xlsx",
        },
    }
    if with_rows:
        body["rows"] = rows
    return body


def present_many(reports: Sequence, actor: Actor) -> list[dict]:
    """A page of reports without rows; deliveries and consents read in one query each."""
    deliveries = deliveries_of([report.id for report in reports])
    consenting = consenting_among([row for report in reports for row in report.rows])
    return [
        present(
            report,
            actor,
            with_rows=False,
            deliveries=deliveries.get(report.id, []),
            consenting=consenting,
        )
        for report in reports
    ]
