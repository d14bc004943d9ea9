"""Pure rules: periods and their labels, the suggested grade."""

from datetime import date

import pytest

from volunteer.reports.grades import Tally, suggest_grade
from volunteer.reports.periods import Period, parse_period, previous_half_year


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026年度"),
        ("2026H1", date(2026, 1, 1), date(2026, 6, 30), "2026年上半年"),
        ("2026h2", date(2026, 7, 1), date(2026, 12, 31), "2026年下半年"),
        ("2026Q1", date(2026, 1, 1), date(2026, 3, 31), "2026年第一季度"),
        ("2026Q3", date(2026, 7, 1), date(2026, 9, 30), "2026年第三季度"),
        ("2024Q4", date(2024, 10, 1), date(2024, 12, 31), "2024年第四季度"),
    ],
)
def test_periods_parse_and_read_as_a_form_names_them(text, start, end, label):
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("text", ["2026H3", "2026Q5", "26H1", "2026-H1", "", "H1"])
def test_anything_else_is_not_a_period(text):
    with pytest.raises(ValueError, match="period"):
        parse_period(text)


def test_a_custom_range_reads_as_dates():
    assert Period(date(2026, 3, 5), date(2026, 5, 31)).label == "2026年3月5日至2026年5月31日"
    assert Period(date(2026, 2, 1), date(2026, 2, 28)).label == "2026年2月"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 1), "2026H2"),
        (date(2026, 7, 1), "2026H1"),
        (date(2026, 12, 31), "2026H1"),
        (date(2026, 6, 30), "2025H2"),
    ],
)
def test_the_job_drafts_the_half_year_that_has_ended(today, expected):
    assert previous_half_year(today) == parse_period(expected)


@pytest.mark.parametrize(
    ("tally", "grade"),
    [
        (Tally(completed=0, on_time=0, rated=0, satisfied=0), "unqualified"),
        (Tally(completed=6, on_time=6, rated=3, satisfied=3), "excellent"),
        (Tally(completed=10, on_time=9, rated=10, satisfied=9), "excellent"),
        (Tally(completed=10, on_time=8, rated=10, satisfied=10), "qualified"),
        (Tally(completed=6, on_time=6, rated=2, satisfied=2), "qualified"),
        (Tally(completed=2, on_time=2, rated=0, satisfied=0), "qualified"),
        (Tally(completed=5, on_time=3, rated=5, satisfied=4), "qualified"),
        (Tally(completed=1, on_time=1, rated=1, satisfied=1), "basically_qualified"),
        (Tally(completed=5, on_time=2, rated=5, satisfied=5), "basically_qualified"),
        (Tally(completed=4, on_time=4, rated=4, satisfied=2), "basically_qualified"),
    ],
)
def test_the_suggested_grade_follows_the_documented_table(tally, grade):
    assert suggest_grade(tally) == grade


def test_a_form_names_the_period_and_its_dates_once():
    from volunteer.reports.document import Document

    def text(start, end):
        period = Period(start, end)
        return Document("", "", "", period, "", end, [], "draft").period_text

    assert (
        text(date(2026, 1, 1), date(2026, 6, 30)) == "2026年上半年（2026年1月1日至2026年6月30日）"
    )
    assert text(date(2026, 1, 1), date(2026, 11, 22)) == "2026年1月1日至2026年11月22日"
