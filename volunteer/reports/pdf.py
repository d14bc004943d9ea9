"""The report as an A4 PDF: an HTML template rendered by WeasyPrint with embedded fonts.

The fonts are the project's own (volunteer/static/fonts, a GB2312 subset of Noto Serif SC,
see its README), declared with @font-face and used without any generic fallback family, so
that the PDF looks the same whatever fonts the machine has; WeasyPrint embeds the glyphs used.
"""

import atexit
import logging
import threading
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from volunteer.reports.document import COLUMNS, NOTES, PDF_HEADINGS, Document, cell_text
from volunteer.reports.periods import cn_date
from volunteer.reports.rows import NOT_SHARED

PACKAGE = Path(__file__).resolve().parent.parent
FONT_DIR = PACKAGE / "static" / "fonts"
FONTS = {
    "regular": FONT_DIR / "NotoSerifSC-Regular-GB2312.ttf",
    "bold": FONT_DIR / "NotoSerifSC-Bold-GB2312.ttf",
}
CONTENT_TYPE = "application/pdf"

_local = threading.local()


class FontSubsettingNotice(logging.Filter):
    """Without HarfBuzz's subsetter (Debian: libharfbuzz-subset0) WeasyPrint embeds the fonts
    through fontTools instead and says so, as a warning, for every font of every PDF: the same
    PDF, only slower (README, Fonts). Said once, at the debug level, instead."""

    said = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset"):
            return True
        if not FontSubsettingNotice.said:
            FontSubsettingNotice.said = True
            logging.getLogger(__name__).debug(record.getMessage())
        return False


logging.getLogger("weasyprint").addFilter(FontSubsettingNotice())
# Drop the cached font configuration before the interpreter tears its modules down (its
# finaliser needs them).
atexit.register(_local.__dict__.clear)


def font_configuration():
    """One WeasyPrint font configuration per thread, reused across reports."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_local, "fonts"):
        _local.fonts = FontConfiguration()
    return _local.fonts


def templates() -> Environment:
    """The report template's own Jinja environment: rendering needs no app or request, so
    that reports can be rendered in worker processes (`volunteer reports generate --files`)."""
    if not hasattr(_local, "templates"):
        _local.templates = Environment(
            loader=FileSystemLoader(PACKAGE / "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _local.templates


def html_of(doc: Document) -> str:
    return (
        templates()
        .get_template("reports/feedback.html")
        .render(
            doc=doc,
            columns=COLUMNS,
            headings=PDF_HEADINGS,
            notes=NOTES,
            not_shared=NOT_SHARED,
            cell=cell_text,
            cn_date=cn_date,
        )
    )


def form_html_class():
    """WeasyPrint's HTML with a user-agent stylesheet trimmed for forms (built once).

    The stock stylesheet gives every element six pseudo-elements (::marker, footnote and
    note calls and markers) whose styles WeasyPrint computes for each of the thousands of
    table cells; a report uses none of them, and without them a long table renders about
    three times faster. Falls back to the stock HTML if WeasyPrint changes its internals.
    """
    from PIL import ImageFile
    from weasyprint import CSS, HTML

    # Importing WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process;
    # reports embed no images, and a truncated photo upload must stay refused.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    if hasattr(_local, "html_class"):
        return _local.html_class
    try:
        from weasyprint.css.counters import CounterStyle
        from weasyprint.html import UA
    except ImportError:
        _local.html_class = HTML
        return HTML
    kept = [
        line
        for line in UA.splitlines()
        if not line.startswith(("::footnote", "::note", "::marker"))
    ]
    # A counter-style store of its own: WeasyPrint's (UA_COUNTER_STYLE) already holds the
    # sheet's `disc` and `decimal`, and parsing them into it again logs "Invalid counter style
    # name ' disc '" (on the first start too, when the demo renders its report).
    sheet = CSS(string="\n".join(kept) + UA_LI_MARKER, counter_style=CounterStyle())

    class FormHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [sheet]

    _local.html_class = FormHTML if hasattr(HTML, "_ua_stylesheets") else HTML
    return _local.html_class


UA_LI_MARKER = "\nli::marker { font-variant-numeric: tabular-nums; white-space: pre }\n"


def stylesheet():
    """The report's style sheet (fonts included), parsed once per thread: cssselect2
    compiles every selector of a sheet, which would otherwise cost more than the layout."""
    from weasyprint import CSS

    if not hasattr(_local, "stylesheet"):
        text = (
            templates()
            .get_template("reports/feedback.css")
            .render(regular=FONTS["regular"].as_uri(), bold=FONTS["bold"].as_uri())
        )
        _local.stylesheet = CSS(
            string=text, base_url=str(FONT_DIR), font_config=font_configuration()
        )
    return _local.stylesheet


def render_pdf(doc: Document) -> bytes:
    """The PDF bytes of the document."""
    html = form_html_class()(string=html_of(doc), base_url=str(FONT_DIR))
    return html.write_pdf(stylesheets=[stylesheet()], font_config=font_configuration())


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` that the project's font lacks (they would need a system font)."""
    from fontTools.ttLib import TTFont

    if not hasattr(_local, "cmap"):
        with TTFont(FONTS["regular"], lazy=True) as font:
            _local.cmap = set(font.getBestCmap())
    return {ch for ch in text if not ch.isspace() and ord(ch) not in _local.cmap}
