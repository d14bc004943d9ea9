"""Evaluations of members and the feedback reports to their employers (双报到 反馈)."""

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer.db import utcnow
from volunteer.enums import Labelled, enum_column
from volunteer.extensions import Model
from volunteer.reports.grades import Grade


class ReportStatus(Labelled):
    DRAFT = "draft"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"


# As the district's desk sees a report.
ReportStatus.__labels__ = {
    ReportStatus.DRAFT: _l("draft"),
    ReportStatus.SENT: _l("sent, awaiting acknowledgement"),
    ReportStatus.ACKNOWLEDGED: _l("acknowledged by the employer"),
}

# As its reader, the employer, sees it.
CONTACT_LABELS = {
    ReportStatus.DRAFT: _l("draft, not sent yet"),
    ReportStatus.SENT: _l("sent, waiting for your acknowledgement"),
    ReportStatus.ACKNOWLEDGED: _l("acknowledged"),
}

REPORT_STATUSES = tuple(ReportStatus)


class Evaluation(Model):
    """The community's yearly evaluation of one member; the secretary decides the grade."""

    __tablename__ = "evaluations"
    __table_args__ = (sa.UniqueConstraint("member_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("members.id"))
    year: Mapped[int]
    grade: Mapped[Grade] = mapped_column(enum_column(Grade, 20))
    comment: Mapped[str] = mapped_column(sa.String(500), default="")
    evaluated_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    evaluated_at: Mapped[datetime] = mapped_column(default=utcnow)

    evaluated_by = relationship("User", lazy="joined")


class Report(Model):
    """One employer's feedback report over one period: its rows are a snapshot taken when
    drafted (or regenerated) and frozen once sent.

    `period_key` is set only on reports the job or the CLI drafts, so that drafting a period
    twice (or from two processes at once) never makes a second draft; reports created over
    the API leave it empty and may repeat a period.
    """

    __tablename__ = "reports"
    __table_args__ = (sa.Index("ix_reports_employer_period", "employer_id", "period_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int] = mapped_column(sa.ForeignKey("employers.id"))
    period_start: Mapped[date]
    period_end: Mapped[date]
    period_key: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    status: Mapped[ReportStatus] = mapped_column(
        enum_column(ReportStatus, 12), default=ReportStatus.DRAFT
    )
    issuer: Mapped[str] = mapped_column(sa.String(200))
    rows: Mapped[list] = mapped_column(sa.JSON, default=list)
    generated_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # The files as e-mailed (keys in volunteer.storage), kept with the report.
    pdf_key: Mapped[str | None] = mapped_column(sa.String(100))
    xlsx_key: Mapped[str | None] = mapped_column(sa.String(100))

    employer = relationship("Employer", lazy="joined")


class DraftRun(Model):
    """The period's reports drafted in the background from the reports desk: the progress
    row the page shows (and reloads) until `finished_at` is set."""

    __tablename__ = "report_draft_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    total: Mapped[int]
    done: Mapped[int] = mapped_column(default=0)
    created: Mapped[int] = mapped_column(default=0)
    regenerated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    started_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(sa.String(500))
