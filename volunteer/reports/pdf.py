"""The report as an A4 PDF: an HTML template rendered by WeasyPrint with embedded fonts.

The fonts are the project's own (volunteer/static/fonts, a GB2312 subset of Noto Serif SC,
see its README), declared with @font-face and used without any generic fallback family, so
that the PDF looks the same whatever fonts the machine has; WeasyPrint embeds the glyphs used.
"""

import threading
from pathlib import Path

from flask import render_template

from volunteer.reports.document import COLUMNS, NOTES, Document, cell_text
from volunteer.reports.periods import cn_date
from volunteer.reports.rows import NOT_SHARED

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "fonts"
FONTS = {
    "regular": FONT_DIR / "NotoSerifSC-Regular-GB2312.ttf",
    "bold": FONT_DIR / "NotoSerifSC-Bold-GB2312.ttf",
}
CONTENT_TYPE = "application/pdf"

_local = threading.local()


def font_configuration():
    """One WeasyPrint font configuration per thread, reused across reports."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_local, "fonts"):
        _local.fonts = FontConfiguration()
    return _local.fonts


def html_of(doc: Document) -> str:
    return render_template(
        "reports/feedback.html",
        doc=doc,
        columns=COLUMNS,
        notes=NOTES,
        not_shared=NOT_SHARED,
        cell=cell_text,
        cn_date=cn_date,
        fonts={name: path.as_uri() for name, path in FONTS.items()},
    )


def render_pdf(doc: Document) -> bytes:
    """The PDF bytes of the document."""
    from weasyprint import HTML

    fonts = font_configuration()
    return HTML(string=html_of(doc), base_url=str(FONT_DIR)).write_pdf(font_config=fonts)


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` that the project's font lacks (they would need a system font)."""
    from fontTools.ttLib import TTFont

    if not hasattr(_local, "cmap"):
        with TTFont(FONTS["regular"], lazy=True) as font:
            _local.cmap = set(font.getBestCmap())
    return {ch for ch in text if not ch.isspace() and ord(ch) not in _local.cmap}
