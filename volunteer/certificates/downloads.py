"""A certificate's PDF as a private download (the API and the member's pages alike)."""

from flask import Response, url_for

from volunteer.auth.access import require_actor
from volunteer.certificates import pdf, services
from volunteer.certificates.models import Certificate
from volunteer.orders.timing import zone
from volunteer.reports.delivery import content_disposition


def verify_url(certificate: Certificate) -> str:
    """The public verification address the QR code encodes."""
    return url_for(
        "verify.verify_page",
        number=certificate.number,
        code=certificate.verification_code,
        _external=True,
    )


def download(certificate_id: int) -> Response:
    certificate = services.access_certificate(require_actor(), certificate_id)
    data = pdf.render_certificate(
        certificate, verify_url(certificate), certificate.issued_at.astimezone(zone()).date()
    )
    return Response(
        data,
        content_type="application/pdf",
        headers={
            "Content-Disposition": content_disposition(pdf.filename_of(certificate)),
            "Cache-Control": "private, no-store",
        },
    )
