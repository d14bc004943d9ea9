"""The scheduler lease: only the holder of the row runs jobs."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from volunteer.extensions import Model


class SchedulerLease(Model):
    """Held by one scheduler process at a time, renewed while it lives."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    holder: Mapped[str] = mapped_column(sa.String(100))
    expires_at: Mapped[datetime]


class JobRun(Model):
    """The last run of each job, for `volunteer jobs list` and operators."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    result: Mapped[str | None] = mapped_column(sa.String(500))
    # Since the installation began (GET /metrics).
    runs: Mapped[int] = mapped_column(default=0, server_default="0")
    failures: Mapped[int] = mapped_column(default=0, server_default="0")
