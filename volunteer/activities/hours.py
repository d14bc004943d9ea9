"""The hours an attendee earns, as plain arithmetic (DESIGN: hours in 0.5 h steps, at most
8 h per member per day, orders of the day included).

- time present = check-out − check-in (a missing check-out counts until the end, or the
  close when the activity was closed early);
- rounded down to a half hour;
- at most the activity's length (rounded down to a half hour as well);
- at most what is left of the day's 8 hours after that day's orders and other activities.
"""

import math
from datetime import datetime

STEP = 0.5
DAY_LIMIT = 8.0


def round_down(hours: float) -> float:
    """Down to the half hour below (1.99 → 1.5; never below 0)."""
    return max(0.0, math.floor(hours / STEP + 1e-9) * STEP)


def present_hours(checked_in: datetime, checked_out: datetime) -> float:
    return max(0.0, (checked_out - checked_in).total_seconds() / 3600)


def earned_hours(
    checked_in: datetime,
    checked_out: datetime,
    *,
    length_hours: float,
    served_that_day: float = 0.0,
) -> float:
    """The hours counted for one attendance (see the module's rules)."""
    cap = min(round_down(length_hours), round_down(DAY_LIMIT - served_that_day))
    return max(0.0, min(round_down(present_hours(checked_in, checked_out)), cap))


def valid_correction(hours: float, *, length_hours: float) -> bool:
    """A corrected figure still obeys the rules: half-hour steps, the length, the day."""
    return 0 <= hours <= min(round_down(length_hours), DAY_LIMIT) and round_down(hours) == hours
