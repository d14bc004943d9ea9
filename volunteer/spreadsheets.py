"""Text that a spreadsheet must read as text: no exported cell is ever a formula.

A resident's title `=HYPERLINK(...)` would otherwise run in the secretary's or the employer's
Excel. Every export (orders and statistics as CSV and XLSX, the employer report's XLSX) writes
its cells through this module: a text cell that starts with `=`, `+`, `-`, `@`, tab or CR is an
explicit string cell in XLSX and gets a leading `'` in CSV (OWASP's CSV-injection advice).
Numbers stay numbers. (defusedcsv leaves tab and CR alone and rewrites `|`, so it is not used.)
"""

from collections.abc import Iterable

from openpyxl.cell import Cell, MergedCell, WriteOnlyCell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value) -> bool:
    """Text a spreadsheet would take for a formula (or a DDE call)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_field(value):
    """A CSV field: risky text behind a `'`, anything else as it is."""
    return "'" + value if starts_like_formula(value) else value


def as_text(cell: Cell | MergedCell) -> Cell | MergedCell:
    """The cell, stored as a string when its text starts like a formula."""
    if starts_like_formula(cell.value):
        cell.data_type = "s"
    return cell


def xlsx_row(sheet: Worksheet, values: Iterable) -> list:
    """A row for a write-only sheet's `append`: risky text as explicit string cells."""
    return [
        as_text(WriteOnlyCell(sheet, value)) if starts_like_formula(value) else value
        for value in values
    ]
