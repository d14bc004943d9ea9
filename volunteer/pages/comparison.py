"""The street's comparison of its communities on the dashboard (GET /stats?group_by=community):
the columns, and sorting by one of them from the URL (`sort=on_time_rate`, `-` first for
descending), so that it sorts without JavaScript.

A column is one `Column` in COLUMNS: its key (the sort parameter), its heading, how to read its
value from a community's row, and how to show it. Another figure (the satisfaction index, say)
is one more entry; the template draws whatever the list holds."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def count(value: Any) -> str:
    return "—" if value is None else str(value)


@dataclass(frozen=True)
class Column:
    """One column of the comparison: `read(row)` gives the value it sorts by."""

    key: str
    heading: Any  # a lazy string
    read: Callable[[dict], Any]
    show: Callable[[Any], str] = count
    numeric: bool = True
    hint: Any = None  # a few words under the table on what the column counts

    def cell(self, row: dict) -> str:
        return self.show(self.read(row))


def participation(row: dict) -> float | None:
    return row["members"].get("rate")


COLUMNS: list[Column] = [
    Column("name", _l("Community"), lambda row: row["name"], str, numeric=False),
    Column("orders", _l("Orders"), lambda row: row["orders"]["total"]),
    Column("completion_rate", _l("Completion rate"), lambda row: row["completion_rate"], percent),
    Column("on_time_rate", _l("On-time rate"), lambda row: row["on_time_rate"], percent),
    Column(
        "satisfaction_rate", _l("Satisfaction rate"), lambda row: row["satisfaction_rate"], percent
    ),
    Column(
        "first_time_satisfaction_rate",
        _l("First-time satisfaction rate"),
        lambda row: row["first_time_satisfaction_rate"],
        percent,
    ),
    Column("overdue", _l("Overdue"), lambda row: row["overdue"]),
    Column("rework_count", _l("Redone after a call-back"), lambda row: row["rework_count"]),
    Column(
        "participation",
        _l("Members taking part"),
        participation,
        percent,
        hint=_l("members with at least one completed order, of the active members"),
    ),
]
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "name"


def parse_sort(value: str | None) -> tuple[Column, bool]:
    """The column and direction (True: descending) a `sort` parameter asks for; anything
    unknown sorts by name."""
    value = value or DEFAULT_SORT
    descending = value.startswith("-")
    column = BY_KEY.get(value.lstrip("-"))
    if column is None:
        return BY_KEY[DEFAULT_SORT], False
    return column, descending


def sort_rows(rows: list[dict], column: Column, descending: bool) -> list[dict]:
    """The rows by one column; a row without a value (no rated order, no member) always
    comes last, and the name breaks ties."""
    with_value = [row for row in rows if column.read(row) is not None]
    without = [row for row in rows if column.read(row) is None]
    with_value.sort(key=lambda row: row["name"])
    with_value.sort(key=column.read, reverse=descending)
    return with_value + sorted(without, key=lambda row: row["name"])


def next_sort(column: Column, current: Column, descending: bool) -> str:
    """What a click on `column`'s heading asks for: the other direction of the current
    column; a new number column starts with the largest first, the name with A first."""
    if column is current:
        return column.key if descending else f"-{column.key}"
    return f"-{column.key}" if column.numeric else column.key
