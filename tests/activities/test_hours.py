"""The hours rules as plain arithmetic (volunteer/activities/hours.py), and the check-in code."""

from datetime import UTC, datetime, timedelta

from volunteer.activities import codes, hours

START = datetime(2026, 6, 1, 1, 0, tzinfo=UTC)


def test_present_time_is_rounded_down_to_the_half_hour():
    assert hours.earned_hours(START, START + timedelta(minutes=119), length_hours=3) == 1.5
    assert hours.earned_hours(START, START + timedelta(minutes=120), length_hours=3) == 2.0
    assert hours.earned_hours(START, START + timedelta(minutes=29), length_hours=3) == 0.0


def test_hours_are_capped_by_the_activity_length():
    assert hours.earned_hours(START, START + timedelta(hours=5), length_hours=2.75) == 2.5


def test_hours_are_capped_by_what_is_left_of_the_day():
    later = START + timedelta(hours=4)
    assert hours.earned_hours(START, later, length_hours=4, served_that_day=6.5) == 1.5
    assert hours.earned_hours(START, later, length_hours=4, served_that_day=8) == 0.0
    assert hours.earned_hours(START, later, length_hours=4, served_that_day=9) == 0.0


def test_check_out_before_check_in_counts_nothing():
    assert hours.earned_hours(START, START - timedelta(hours=1), length_hours=2) == 0.0


def test_corrections_keep_half_hours_and_the_limits():
    assert hours.valid_correction(2.5, length_hours=3)
    assert not hours.valid_correction(2.25, length_hours=3)
    assert not hours.valid_correction(3.5, length_hours=3)
    assert not hours.valid_correction(9, length_hours=12)
    assert not hours.valid_correction(-0.5, length_hours=3)


def test_a_code_lives_through_the_next_window_and_no_longer():
    code, expires = codes.current_code("secret", "salt", 7, START)
    assert len(code) == 6 and code.isdigit()
    assert codes.accepts("secret", "salt", 7, code, START)
    assert codes.accepts("secret", "salt", 7, code, expires - timedelta(seconds=1))
    assert not codes.accepts("secret", "salt", 7, code, expires)
    assert timedelta(seconds=30) < expires - START <= timedelta(seconds=60)


def test_codes_differ_between_activities_and_salts():
    code, _ = codes.current_code("secret", "salt", 7, START)
    assert not codes.accepts("secret", "salt", 8, code, START)
    assert not codes.accepts("secret", "other", 7, code, START)
    assert not codes.accepts("other", "salt", 7, code, START)
