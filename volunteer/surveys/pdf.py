"""The yearly assessment (述职评议) as an A4 PDF, with the reports' WeasyPrint machinery and
the project's embedded fonts (volunteer/reports/pdf.py)."""

from volunteer.reports.pdf import FONT_DIR, FONTS, font_configuration, form_html_class, templates

LEVEL_WORDS = {
    "commendable": "可评先评优",
    "qualified": "合格",
    "rectify": "重点整顿",
    "dismissal_review": "连续两年未达60%，启动职务审查",
    None: "暂无数据",
}


def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def assessment_pdf(*, street: str, year: int, rows: list[dict], thresholds: dict, issued: str):
    """The PDF bytes of the street's assessment table."""
    html = (
        templates()
        .get_template("reports/assessment.html")
        .render(
            street=street,
            year=year,
            rows=rows,
            thresholds=thresholds,
            issued=issued,
            percent=percent,
            level_words=LEVEL_WORDS,
            regular=FONTS["regular"].as_uri(),
            bold=FONTS["bold"].as_uri(),
        )
    )
    document = form_html_class()(string=html, base_url=str(FONT_DIR))
    return document.write_pdf(font_config=font_configuration())
