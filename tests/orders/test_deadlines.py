"""Time limits in working days of the mainland calendar (pure functions, no database)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from volunteer.orders.deadlines import (
    add_working_hours,
    claim_due_time,
    due_time,
    end_of_working_days,
    is_workday,
    street_supervision_time,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
CONFIG = {
    "TIME_LIMIT_DAYS": {"need": 3, "wish": 7},
    "TIME_LIMIT_DAYS_BY_CATEGORY": {"legal": 5},
}


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_the_calendar_knows_holidays_and_adjusted_workdays():
    assert not is_workday(local(2026, 10, 1).date())  # National Day
    assert not is_workday(local(2026, 10, 7).date())
    assert is_workday(local(2026, 10, 10).date())  # a Saturday made a workday
    assert is_workday(local(2026, 9, 20).date())  # a Sunday made a workday
    assert not is_workday(local(2026, 9, 26).date())


def test_years_the_library_lacks_fall_back_to_weekdays():
    assert is_workday(local(2099, 1, 5).date())  # a Monday
    assert not is_workday(local(2099, 1, 4).date())  # a Sunday


def test_a_need_dispatched_before_national_day_is_due_after_it():
    # Wed 30 Sep → working days Thu 8, Fri 9, Sat 10 (adjusted) October.
    due = due_time(
        local(2026, 9, 30, 10),
        kind="need",
        urgency="normal",
        category="repair",
        config=CONFIG,
        tz=SHANGHAI,
    )
    assert due == local(2026, 10, 10, 18)


def test_a_wish_gets_seven_working_days():
    due = due_time(
        local(2026, 11, 2, 15),
        kind="wish",
        urgency="normal",
        category="other",
        config=CONFIG,
        tz=SHANGHAI,
    )
    assert due == local(2026, 11, 11, 18)


def test_the_limit_is_configurable_per_category():
    due = due_time(
        local(2026, 11, 2, 15),
        kind="need",
        urgency="normal",
        category="legal",
        config=CONFIG,
        tz=SHANGHAI,
    )
    assert due == local(2026, 11, 9, 18)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (local(2026, 11, 2, 9), local(2026, 11, 2, 18)),  # Monday morning: that evening
        (local(2026, 11, 2, 16), local(2026, 11, 2, 18)),  # afternoon: still the same day
        (local(2026, 11, 2, 7), local(2026, 11, 2, 18)),  # before opening: the same day
        (local(2026, 11, 2, 18), local(2026, 11, 3, 18)),  # after closing: the next one
        (local(2026, 11, 7, 11), local(2026, 11, 9, 18)),  # Saturday: Monday
        (local(2026, 9, 30, 20), local(2026, 10, 8, 18)),  # across the National Day week
        (local(2026, 10, 9, 20), local(2026, 10, 10, 18)),  # evening → the adjusted Saturday
    ],
)
def test_urgent_is_due_at_the_end_of_the_same_working_day(start, expected):
    """紧急件当日办结 (the dispatch form says so): the end of the working day it is dispatched
    on, or of the next one when dispatched after hours or on a day off."""
    due = due_time(
        start, kind="need", urgency="urgent", category="repair", config=CONFIG, tz=SHANGHAI
    )
    assert due == expected


def test_results_keep_the_callers_zone():
    start = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    due = add_working_hours(start, 1, SHANGHAI)
    assert due.tzinfo is UTC
    assert due == datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def test_claim_is_expected_within_one_working_day():
    assert claim_due_time(local(2026, 9, 30, 15), SHANGHAI) == local(2026, 10, 8, 15)


def test_street_supervision_two_working_days_after_due():
    assert street_supervision_time(local(2026, 11, 6, 18), SHANGHAI) == local(2026, 11, 10, 18)


def test_end_of_working_days_skips_weekends():
    assert end_of_working_days(local(2026, 11, 6, 12), 1, SHANGHAI) == local(2026, 11, 9, 18)
