"""A report's file as a private download (the API and the report pages serve it alike)."""

from flask import Response

from volunteer.auth.access import require_actor
from volunteer.reports import delivery, services


def download(report_id: int, kind: str) -> Response:
    """The report's PDF or XLSX for the caller, never cached by a shared proxy."""
    report = services.access_report(require_actor(), report_id)
    data, content_type, filename = delivery.report_file(report, kind)
    return Response(
        data,
        content_type=content_type,
        headers={
            "Content-Disposition": delivery.content_disposition(filename),
            "Cache-Control": "private, no-store",
        },
    )
