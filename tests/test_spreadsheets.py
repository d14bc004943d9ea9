"""The one rule every export writes its cells by: formula-like text stays text."""

import pytest
from openpyxl import Workbook

from tests.spreadsheets import PAYLOADS
from volunteer.spreadsheets import as_text, csv_field, starts_like_formula


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_like_text_gets_a_quote_in_csv_and_is_a_string_cell(payload):
    assert starts_like_formula(payload)
    assert csv_field(payload) == "'" + payload
    cell = as_text(Workbook().active.cell(row=1, column=1, value=payload))
    assert (cell.data_type, cell.value) == ("s", payload)


@pytest.mark.parametrize("value", ["修理暖气", "a=b", "", " =1", -1.5, 0, None])
def test_other_values_are_left_alone(value):
    assert not starts_like_formula(value)
    assert csv_field(value) == value
    cell = as_text(Workbook().active.cell(row=1, column=1, value=value))
    assert cell.value == value
    assert cell.data_type != "f"
