"""The PDF and the XLSX: text, embedded fonts, a picture of page 1, workbook content."""

import subprocess
from io import BytesIO
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests import factories
from tests.reports.conftest import H1, at, done
from tests.spreadsheets import PAYLOADS, assert_xlsx_keeps_payloads_as_text, xlsx_cells
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer
from volunteer.reports.document import TITLE
from volunteer.reports.pdf import missing_glyphs
from volunteer.reports.xlsx import CONTENT_TYPE as XLSX


def poppler(tool: str, *args: str) -> str:
    return subprocess.run([tool, *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def pdf_path(district, draft, tmp_path):
    response = district.api.admin.get(f"/reports/{draft['id']}/pdf")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.data)
    return path


def test_the_pdf_holds_the_title_employer_period_names_and_seal(pdf_path):
    text = poppler("pdftotext", "-layout", str(pdf_path), "-")
    for expected in (
        f"《{TITLE}》",
        "市第一人民医院",
        "2026年上半年",
        "张伟",
        "李娜",
        "王强",
        "未授权共享",
        "幸福里社区",
        "家电维修服务队",
        "金桥街道党工委",
        "盖章处",
    ):
        assert expected in text, expected
    assert "13912345678" not in text
    # One rating scale: the words residents chose, no points and no average of points.
    assert "平均" not in text and "分为满意" not in text and "★" not in text


def test_every_font_in_the_pdf_is_embedded_and_the_projects_own(pdf_path):
    lines = poppler("pdffonts", str(pdf_path)).splitlines()[2:]
    assert lines, "the PDF has no fonts"
    for line in lines:
        name, *_ = line.split()
        columns = line[len(name) :].split()
        emb = columns[-5]
        assert emb == "yes", line
        assert name.split("+")[-1].startswith("Report-Serif"), f"a system font crept in: {line}"


def test_page_one_is_written_as_a_png_for_review(pdf_path, artifacts):
    target = artifacts / "report-page1"
    page = ["-f", "1", "-l", "1", "-singlefile"]
    poppler("pdftoppm", "-png", "-r", "80", *page, str(pdf_path), str(target))
    png = target.with_suffix(".png")
    assert png.read_bytes().startswith(b"\x89PNG")
    info = poppler("pdfinfo", str(pdf_path))
    assert "841.89 x 595.276 pts (A4)" in info or "842 x 595 pts (A4)" in info


def test_the_pdf_has_a_chinese_filename(district, draft):
    response = district.api.admin.get(f"/reports/{draft['id']}/pdf")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert disposition.isascii()
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == f"{TITLE}-市第一人民医院-2026年上半年.pdf"


def test_the_xlsx_has_the_same_content_with_numbers_as_numbers(district, draft):
    response = district.api.admin.get(f"/reports/{draft['id']}/xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == XLSX
    assert ".xlsx" in unquote(response.headers["Content-Disposition"])
    book = load_workbook(BytesIO(response.data))
    sheet = book.active
    assert sheet.title == "反馈表"
    assert sheet.freeze_panes == "C4"
    assert TITLE in sheet["A1"].value
    assert "市第一人民医院" in sheet["A2"].value and "2026年上半年" in sheet["A2"].value
    header = [cell.value for cell in sheet[3]]
    assert header[:4] == ["序号", "姓名", "报到社区", "报到日期"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=4, max_row=6, values_only=True)}
    assert set(rows) == {"张伟", "李娜", "王强"}
    zhang = dict(zip(header, rows["张伟"], strict=True))
    assert zhang["报到社区"] == "幸福里社区"
    assert zhang["参加服务队"] == "家电维修服务队"
    assert (zhang["完成工单"], zhang["按时办结"], zhang["服务时长（小时）"]) == (4, 3, 6.5)
    assert "平均评分" not in zhang  # one scale: residents rate in words, not points
    assert zhang["满意率"] == 0.6667
    assert sheet.cell(row=4 + list(rows).index("张伟"), column=9).number_format == "0.0%"
    assert hasattr(zhang["报到日期"], "year")
    assert rows["李娜"][2] == "未授权共享"
    assert all(value is None for value in rows["李娜"][3:])
    comments = get_column_letter(header.index("居民评价摘录") + 1)
    assert sheet.column_dimensions[comments].width >= 30
    assert (zhang["参加活动（次）"], zhang["活动时长（小时）"]) == (0, 0)


def test_the_font_covers_the_forms_text_and_common_names():
    from volunteer.reports.document import COLUMNS, NOTES

    text = TITLE + "".join(h for h, _ in COLUMNS) + "".join(NOTES) + "盖章处签收反馈单位日期第页共"
    assert missing_glyphs(text + "张伟李娜王强朱镕基欧阳喆") == set()
    assert missing_glyphs("𠀀") == {"𠀀"}


def test_a_report_without_members_renders_a_note(district, app, tmp_path):
    with app.app_context():
        employer = factories.EmployerFactory(name="新成立单位")
        db.session.commit()
        employer_id = employer.id
    body = {"employer_id": employer_id, "period_start": "2026-01-01", "period_end": "2026-06-30"}
    report = district.api.admin.post("/reports", json=body).json
    assert report["rows"] == []
    assert report["issuer"] == "社区党组织"
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(district.api.admin.get(f"/reports/{report['id']}/pdf").data)
    assert "本期间无该单位在职党员到社区报到" in poppler("pdftotext", str(pdf), "-")


def test_the_xlsx_writes_formula_like_names_and_comments_as_text(app, district, hospital):
    """A member per payload, named so, praised with it: the e-mailed workbook keeps them as
    text and the numbers as numbers."""
    with app.app_context():
        community = db.session.get(Community, district.community)
        employer = db.session.get(Employer, district.employer)
        for index, payload in enumerate(PAYLOADS):
            member = factories.MemberFactory(
                user=factories.resident_of(community, username=f"p{index}", display_name=payload),
                community=community,
                employer=employer,
            )
            done(member, community, at(4), score=5, comment=payload)
        db.session.commit()
    report = district.api.admin.post("/reports", json={"employer_id": district.employer, **H1})
    response = district.api.admin.get(f"/reports/{report.json['id']}/xlsx")
    assert response.status_code == 200
    assert_xlsx_keeps_payloads_as_text(response.data, set(PAYLOADS))
    numbers = [cell for cell in xlsx_cells(response.data) if isinstance(cell.value, float)]
    assert numbers and all(cell.data_type == "n" for cell in numbers)
