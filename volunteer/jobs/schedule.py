"""The one table of scheduled jobs (docs/design.md "Scheduled work").

Each job is a function that takes nothing, runs inside an app context, commits its own
transaction and returns a short summary. Every job is idempotent: a second run finds nothing
left to do. To add a job, write the function in its feature's module and add one row here;
`volunteer jobs list`, `volunteer jobs run NAME` and the scheduler pick it up.
"""

from collections.abc import Callable
from dataclasses import dataclass

from volunteer.activities.jobs import remind_activities
from volunteer.jobs.closing import close_unrated
from volunteer.jobs.reminders import (
    remind_appointments,
    remind_claims,
    remind_due,
    supervise_overdue,
)
from volunteer.jobs.retention import erase_expired_contacts
from volunteer.notifications.outbox import deliver_outbox
from volunteer.pairings.visits import create_due_visits
from volunteer.reports.jobs import draft_employer_reports
from volunteer.surveys.jobs import draft_samples


def every(minutes: int) -> dict:
    """An interval trigger, as keyword arguments of APScheduler 3's add_job."""
    return {"trigger": "interval", "minutes": minutes}


def cron(**fields) -> dict:
    """A cron trigger (fields as APScheduler's CronTrigger: month, day, hour, minute …),
    in the configured TIMEZONE."""
    return {"trigger": "cron", **fields}


@dataclass(frozen=True)
class Job:
    """One row of the table: the name operators use, when it runs, and what it calls."""

    name: str
    trigger: dict
    run: Callable[[], str]
    description: str

    @property
    def schedule(self) -> str:
        return describe(self.trigger)


def describe(trigger: dict) -> str:
    """A trigger in words, for `volunteer jobs list`: "every 5 min", "hourly", "cron hour=3"."""
    fields = {k: v for k, v in trigger.items() if k != "trigger"}
    if trigger["trigger"] == "interval" and set(fields) == {"minutes"}:
        minutes = fields["minutes"]
        if minutes % 60 == 0:
            hours = minutes // 60
            return "hourly" if hours == 1 else f"every {hours} h"
        return "every minute" if minutes == 1 else f"every {minutes} min"
    return f"{trigger['trigger']} " + " ".join(f"{k}={v}" for k, v in fields.items())


JOBS: tuple[Job, ...] = (
    Job(
        "claim-reminders",
        every(minutes=5),
        remind_claims,
        "Dispatched and unclaimed past 1 working day: remind the team and the secretary, once.",
    ),
    Job(
        "due-reminders",
        every(minutes=5),
        remind_due,
        "Claimed and due within 4 hours: remind the claimer, once.",
    ),
    Job(
        "overdue-supervision",
        every(minutes=5),
        supervise_overdue,
        "Overdue (督办): tell the secretary once; the street admin 2 working days later.",
    ),
    Job(
        "auto-close",
        every(minutes=60),
        close_unrated,
        "Completed and unrated for the rating window (7 days): closed as auto_closed.",
    ),
    Job(
        "outbox",
        every(minutes=1),
        deliver_outbox,
        "Send queued e-mails over SMTP, retrying with backoff while the server is down.",
    ),
    Job(
        "employer-reports",
        cron(month="1,7", day=1, hour=6, minute=0),
        draft_employer_reports,
        "Draft every employer's feedback report for the half-year just ended (refreshes drafts).",
    ),
    Job(
        "retention",
        cron(hour=3, minute=30),
        erase_expired_contacts,
        "Erase resident contact data and photos of orders closed longer than RETENTION_DAYS.",
    ),
    Job(
        "appointment-reminders",
        every(minutes=60),
        remind_appointments,
        "预约服务: remind both the day before, once; flag a missed appointment to the secretary.",
    ),
    Job(
        "samples",
        cron(day=1, hour=2, minute=0),
        draft_samples,
        "Draw each street's call-back sample of the orders closed last month (stored seed).",
    ),
    Job(
        "activity-reminders",
        every(minutes=30),
        remind_activities,
        "Activities starting within a day: remind their signed-up members, once.",
    ),
    Job(
        "pairing-visits",
        every(minutes=60),
        create_due_visits,
        "结对帮扶: each pairing's visit order of the current interval, offered to the paired "
        "person; once per interval however often it runs.",
    ),
)

JOBS_BY_NAME: dict[str, Job] = {job.name: job for job in JOBS}


def trigger_of(job: Job, config) -> dict:
    """The job's trigger with the fields that JOB_SCHEDULES overrides by job name, e.g.
    VOLUNTEER_JOB_SCHEDULES='{"employer-reports": {"month": "1", "day": 15}}'."""
    return {**job.trigger, **(config.get("JOB_SCHEDULES") or {}).get(job.name, {})}
