"""The report as an XLSX workbook (openpyxl): the PDF's content, with numbers as numbers."""

from io import BytesIO
from typing import cast

from openpyxl import Workbook
from openpyxl.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from volunteer.reports.document import COLUMNS, NOTES, Document
from volunteer.reports.periods import cn_date
from volunteer.reports.rows import NOT_SHARED
from volunteer.spreadsheets import as_text

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "反馈表"
HEADER_ROW = 3
# Column widths in characters (a hanzi counts about two), 序号 and 姓名 first.
WIDTHS = (6, 10, 14, 14, 22, 10, 10, 16, 9, 10, 16, 40, 14, 30)
NUMBER_FORMATS = {
    "orders_completed": "0",
    "on_time": "0",
    "hours": "0.0",
    "activities": "0",
    "activity_hours": "0.0",
    "satisfaction_rate": "0.0%",
    "reported_on": "yyyy-mm-dd",
}
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Style objects made once: openpyxl looks each assigned one up in the workbook's tables.
WRAPPED = Alignment(vertical="center", wrap_text=True)
HEADING = Alignment(horizontal="center", vertical="center", wrap_text=True)


def cell_value(row: dict, key: str):
    """A cell as the workbook stores it: numbers and dates as such, lists joined."""
    value = row.get(key)
    if key in ("teams", "comments"):
        return "；".join(value or [])
    return value


def render_xlsx(doc: Document) -> bytes:
    """The XLSX bytes of the document: title, facts, a frozen header row, one row a member."""
    book = Workbook()
    sheet = cast(Worksheet, book.active)  # a new workbook's one sheet
    sheet.title = SHEET
    last = get_column_letter(len(COLUMNS) + 2)
    sheet["A1"] = f"《{doc.title}》"
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells(f"A1:{last}1")
    sheet["A2"] = (
        f"单位：{doc.employer}（{doc.party_org}）    反馈期间：{doc.period_text}    "
        f"反馈单位：{doc.issuer}    反馈日期：{cn_date(doc.issued_on)}    编号：{doc.number}"
    )
    sheet.merge_cells(f"A2:{last}2")

    headings = ["序号", "姓名", *(heading for heading, _ in COLUMNS)]
    for column, heading in enumerate(headings, start=1):
        cell: Cell | MergedCell = sheet.cell(row=HEADER_ROW, column=column, value=heading)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F1F1F1")
        cell.alignment = HEADING
        cell.border = BOX
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)  # type: ignore[assignment]

    for number, row in enumerate(doc.rows, start=1):
        line = HEADER_ROW + number
        sheet.cell(row=line, column=1, value=number)
        as_text(sheet.cell(row=line, column=2, value=row["display_name"]))
        if not row.get("consent"):
            sheet.cell(row=line, column=3, value=NOT_SHARED)
        else:
            for column, (_, key) in enumerate(COLUMNS, start=3):
                cell = as_text(sheet.cell(row=line, column=column, value=cell_value(row, key)))
                if key in NUMBER_FORMATS:
                    cell.number_format = NUMBER_FORMATS[key]
        for column in range(1, len(headings) + 1):
            cell = sheet.cell(row=line, column=column)
            cell.border = BOX
            cell.alignment = WRAPPED

    notes_row = HEADER_ROW + len(doc.rows) + 2
    sheet.cell(row=notes_row, column=1, value="说明：")
    for offset, note in enumerate(NOTES, start=1):
        sheet.cell(row=notes_row + offset, column=1, value=f"{offset}. {note}")
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    book.properties.title = doc.title
    book.properties.creator = doc.issuer[:100]
    out = BytesIO()
    book.save(out)
    return out.getvalue()
