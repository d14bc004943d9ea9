"""The assessment's levels and the Wilson interval, without a database."""

import pytest

from volunteer.surveys.index import DEFAULT_THRESHOLDS, level_of
from volunteer.surveys.wilson import weighted_index, wilson


@pytest.mark.parametrize(
    ("index", "last_year", "level"),
    [
        (0.95, None, "commendable"),
        (0.90, 0.10, "commendable"),
        (0.89, None, "qualified"),
        (0.60, 0.50, "qualified"),
        (0.59, None, "rectify"),
        (0.59, 0.70, "rectify"),
        (0.59, 0.59, "dismissal_review"),
        (None, 0.10, None),
    ],
)
def test_levels_follow_the_seeds_thresholds(index, last_year, level):
    assert level_of(index, last_year, DEFAULT_THRESHOLDS) == level


def test_wilson_interval_is_inside_0_1_and_honest_for_small_counts():
    assert wilson(0, 0) is None
    low, high = wilson(10, 10)
    assert high == 1.0 and 0.69 < low < 0.73
    low, high = wilson(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-3) and high == pytest.approx(0.5962, abs=1e-3)


def test_index_uses_only_parts_with_answers():
    parts = {
        "ratings": {"rate": 0.8, "count": 10},
        "reviews": {"rate": None, "count": 0},
        "samples": {"rate": 0.5, "count": 4},
    }
    weights = {"ratings": 0.4, "reviews": 0.3, "samples": 0.3}
    assert weighted_index(parts, weights) == pytest.approx((0.32 + 0.15) / 0.7, abs=1e-4)
    assert weighted_index({"ratings": {"rate": None, "count": 0}}, weights) is None
