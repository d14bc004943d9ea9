"""Time limits (限时办结) counted in working days of the mainland calendar.

Working time is 09:00–18:00 local time on working days, as chinese-calendar knows them
(public holidays off, adjusted weekend workdays on). Years the library does not cover yet
fall back to Monday–Friday.
"""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar

DAY_START = time(9, 0)
DAY_END = time(18, 0)
HOURS_PER_DAY = 9


def is_workday(day: date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def next_workday(day: date) -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def add_working_hours(start: datetime, hours: float, tz: ZoneInfo) -> datetime:
    """`start` plus `hours` of working time (the result is timezone-aware, in UTC's offset)."""
    local = start.astimezone(tz)
    day = local.date()
    clock = local.time()
    if not is_workday(day) or clock >= DAY_END:
        day, clock = next_workday(day), DAY_START
    elif clock < DAY_START:
        clock = DAY_START
    remaining = timedelta(hours=hours)
    while True:
        position = datetime.combine(day, clock, tz)
        left_today = datetime.combine(day, DAY_END, tz) - position
        if remaining <= left_today:
            return (position + remaining).astimezone(start.tzinfo)
        remaining -= left_today
        day, clock = next_workday(day), DAY_START


def end_of_working_days(start: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The end (18:00) of the `days`-th working day after the day of `start`."""
    day = start.astimezone(tz).date()
    for _ in range(days):
        day = next_workday(day)
    return datetime.combine(day, DAY_END, tz).astimezone(start.tzinfo)


def end_of_working_day(start: datetime, tz: ZoneInfo) -> datetime:
    """The end (18:00) of the working day `start` falls on; after hours or on a day off, the
    end of the next working day."""
    local = start.astimezone(tz)
    day = local.date()
    if not is_workday(day) or local.time() >= DAY_END:
        day = next_workday(day)
    return datetime.combine(day, DAY_END, tz).astimezone(start.tzinfo)


def due_time(
    dispatched_at: datetime,
    *,
    kind: str,
    urgency: str,
    category: str,
    config: dict[str, Any],
    tz: ZoneInfo,
) -> datetime:
    """When the service is due: urgent at the end of the same working day (紧急件当日办结),
    a need 3 and a wish 7 working days, each overridable per category in config
    (TIME_LIMIT_DAYS_BY_CATEGORY)."""
    if urgency == "urgent":
        return end_of_working_day(dispatched_at, tz)
    days = config["TIME_LIMIT_DAYS_BY_CATEGORY"].get(category)
    if days is None:
        days = config["TIME_LIMIT_DAYS"][kind]
    return end_of_working_days(dispatched_at, days, tz)


def claim_due_time(dispatched_at: datetime, tz: ZoneInfo) -> datetime:
    """A dispatched order is expected to be claimed within one working day."""
    return add_working_hours(dispatched_at, HOURS_PER_DAY, tz)


def street_supervision_time(due_at: datetime, tz: ZoneInfo) -> datetime:
    """Overdue orders go to the street admin two more working days after the due time."""
    return add_working_hours(due_at, 2 * HOURS_PER_DAY, tz)
