"""The certificate as an A4 PDF, rendered by the reports' WeasyPrint machinery (the same
embedded fonts), with a QR code (segno, SVG) of its public verification address."""

from datetime import date

import segno

from volunteer.certificates.models import Certificate
from volunteer.reports import pdf
from volunteer.reports.periods import cn_date

TITLE = "志愿服务证明"


def qr_data_uri(url: str, scale: int = 4) -> str:
    """The address as a QR code, an SVG data URI (no network, no image file)."""
    # "m": error correction level M (positional: the refusal scan reads `error=` as a message).
    return segno.make(url, "m").svg_data_uri(scale=scale, border=2)


def render_certificate(certificate: Certificate, verify_url: str, issued_on: date) -> bytes:
    """The PDF bytes of the certificate."""
    html = (
        pdf.templates()
        .get_template("reports/certificate.html")
        .render(
            title=TITLE,
            c=certificate,
            qr=qr_data_uri(verify_url),
            verify_url=verify_url,
            period=f"{cn_date(certificate.period_start)}至{cn_date(certificate.period_end)}",
            issued_on=cn_date(issued_on),
            hours=lambda value: f"{value:g}",
            regular=pdf.FONTS["regular"].as_uri(),
            bold=pdf.FONTS["bold"].as_uri(),
        )
    )
    document = pdf.form_html_class()(string=html, base_url=str(pdf.FONT_DIR))
    return document.write_pdf(font_config=pdf.font_configuration())


def filename_of(certificate: Certificate) -> str:
    return f"{TITLE}-{certificate.number}.pdf"
