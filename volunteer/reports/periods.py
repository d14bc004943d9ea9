"""Report periods: `2026` (the year), `2026H2` (a half-year), `2026Q3` (a quarter)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD = re.compile(r"^(\d{4})(?:([HQ])([1-4]))?$")
HALVES = {1: "上半年", 2: "下半年"}
QUARTERS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass(frozen=True)
class Period:
    """A closed range of calendar days, both ends included."""

    start: date
    end: date

    @property
    def label(self) -> str:
        """The period as a Chinese form names it: 2026年度, 2026年下半年, 2026年第三季度."""
        start, end = self.start, self.end
        if start.year == end.year and (start.month, start.day) == (1, 1):
            if (end.month, end.day) == (12, 31):
                return f"{start.year}年度"
            if (end.month, end.day) == (6, 30):
                return f"{start.year}年上半年"
        if start.year == end.year and start.day == 1 and next_day(end).day == 1:
            months = end.month - start.month + 1
            if start.month == 7 and end.month == 12:
                return f"{start.year}年下半年"
            if months == 3 and start.month % 3 == 1:
                return f"{start.year}年{QUARTERS[(start.month + 2) // 3]}"
            if months == 1:
                return f"{start.year}年{start.month}月"
        return f"{cn_date(start)}至{cn_date(end)}"

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def next_day(day: date) -> date:
    return day + timedelta(days=1)


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def parse_period(text: str) -> Period:
    """`2026`, `2026H1`/`2026H2`, `2026Q1`…`2026Q4` (case-insensitive); ValueError else."""
    match = PERIOD.match(text.strip().upper())
    if match is None:
        raise ValueError(f"{text!r} is not a period: use 2026, 2026H2 or 2026Q3")
    year, kind, number = int(match[1]), match[2], int(match[3] or 0)
    if kind is None:
        return Period(date(year, 1, 1), date(year, 12, 31))
    if kind == "H":
        if number not in HALVES:
            raise ValueError(f"{text!r} is not a period: a year has two halves, H1 and H2")
        return months(year, 6 * number - 5, 6)
    return months(year, 3 * number - 2, 3)


def months(year: int, first: int, count: int) -> Period:
    """`count` whole months from month `first` of `year`."""
    last = first + count - 1
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return Period(date(year, first, 1), end - timedelta(days=1))


def previous_half_year(today: date) -> Period:
    """The last half-year that has ended by `today` (on 1 July: January to June)."""
    if today.month >= 7:
        return months(today.year, 1, 6)
    return months(today.year - 1, 7, 6)
