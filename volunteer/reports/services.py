"""Reports to employers: draft, regenerate, send through the outbox, acknowledge.

Who sees what: reports are issued by the district's party organisations to employers whose
members live anywhere in the district, so admins and street admins (the issuing party
committees) see and manage every report; an employer contact sees its own employer's
reports only (others answer 404), downloads and acknowledges them, and only once they are
sent: a draft is the issuing organisation's work in progress, not yet something said to the
employer, so it is 404 to the contact too. Nobody else has a report in scope: the list
answers 403, a report 404.
"""

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.errors import Conflict, Forbidden, Invalid, NotFound
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.organisations.models import Employer
from volunteer.reports.models import Report, ReportStatus
from volunteer.reports.periods import Period
from volunteer.reports.rows import build_rows

MAX_PERIOD_DAYS = 366 * 2


def manages_reports(actor: Actor) -> bool:
    return actor.is_admin or bool(actor.street_admin_of)


def shown_to_contact(report: Report, actor: Actor) -> bool:
    """A contact reads its employer's reports once they are sent, never a draft."""
    return report.employer_id in actor.contact_of and report.status != ReportStatus.DRAFT


def access_report(actor: Actor, report_id: int) -> Report:
    """The report if the caller may see it (managers: all; a contact: its employer's sent
    ones)."""
    report = db.session.get(Report, report_id)
    if report is None or not (manages_reports(actor) or shown_to_contact(report, actor)):
        raise NotFound(_l("No such report."))
    return report


def manage_report(actor: Actor, report_id: int) -> Report:
    report = access_report(actor, report_id)
    if not manages_reports(actor):
        raise Forbidden(_l("Only an administrator or a street admin may do this."))
    return report


def reports_query(actor: Actor, *, employer_id: int | None = None, status=None) -> sa.Select:
    """Reports in the caller's scope, newest first."""
    select = sa.select(Report)
    if not manages_reports(actor):
        if not actor.contact_of:
            raise Forbidden(_l("Reports are for administrators, street admins and employers."))
        select = select.where(
            Report.employer_id.in_(actor.contact_of), Report.status != ReportStatus.DRAFT
        )
    if employer_id is not None:
        select = select.where(Report.employer_id == employer_id)
    if status is not None:
        select = select.where(Report.status == status)
    return select.order_by(Report.id.desc())


def employers_to_report_on(actor: Actor, *, with_retired: bool = False) -> list[Employer]:
    """The employers a report may be drafted for, by name (every one in use; admin, street
    admin); `with_retired`: the retired ones too, whose reports stay (the list's filter)."""
    if not manages_reports(actor):
        raise Forbidden(_l("Only an administrator or a street admin may draft reports."))
    select = sa.select(Employer)
    if not with_retired:
        select = select.where(Employer.active.is_(True))
    return list(db.session.scalars(select.order_by(Employer.name, Employer.id)))


def employers_in_use() -> list[int]:
    """The ids of the employers a period's reports are drafted for (retired ones are not)."""
    select = sa.select(Employer.id).where(Employer.active.is_(True)).order_by(Employer.id)
    return list(db.session.scalars(select))


def issuer_for(streets: list[str]) -> str:
    """The issuing organisation: configured (REPORT_ISSUER), else the streets' committees."""
    configured = current_app.config.get("REPORT_ISSUER")
    if configured:
        return configured
    if not streets:
        return "社区党组织"
    return "、".join(f"{street}党工委" for street in streets)


def fill(report: Report) -> Report:
    """Take the rows' snapshot now."""
    rows, streets = build_rows(report.employer_id, report.period_start, report.period_end)
    report.rows = rows
    report.issuer = issuer_for(streets)
    report.generated_at = utcnow()
    return report


def check_period(start: date, end: date) -> None:
    if end < start:
        raise Invalid("period_end", _l("The period ends before it starts."))
    if (end - start).days > MAX_PERIOD_DAYS:
        raise Invalid("period_end", _l("A report covers at most two years."))


def create_report(
    actor: Actor, *, employer_id: int, period_start: date, period_end: date
) -> Report:
    """Draft a report for one employer and period (admin, street admin)."""
    if not manages_reports(actor):
        raise Forbidden(_l("Only an administrator or a street admin may draft reports."))
    employer = db.session.get(Employer, employer_id)
    if employer is None or not employer.active:
        raise Invalid("employer_id", _l("No such employer."))
    check_period(period_start, period_end)
    report = Report(
        employer_id=employer_id,
        period_start=period_start,
        period_end=period_end,
        created_by_id=actor.id,
    )
    fill(report)
    db.session.add(report)
    db.session.flush()
    return report


def regenerate_report(actor: Actor, report_id: int) -> Report:
    """Take the draft's rows again from today's data; a sent report is frozen."""
    report = manage_report(actor, report_id)
    if report.status != ReportStatus.DRAFT:
        raise Conflict(
            _l(
                "The report is %(status)s; only a draft can be regenerated.",
                status=state_name(report.status, ReportStatus.labels()),
            )
        )
    fill(report)
    db.session.flush()
    return report


def acknowledge_report(actor: Actor, report_id: int) -> Report:
    """The employer's party organisation confirms receipt of a sent report."""
    report = access_report(actor, report_id)
    if report.employer_id not in actor.contact_of:
        raise Forbidden(_l("Only the employer's contact acknowledges its report."))
    if report.status != ReportStatus.SENT:
        raise Conflict(
            _l(
                "The report is %(status)s; only a sent report can be acknowledged.",
                status=state_name(report.status, ReportStatus.labels()),
            )
        )
    report.status = ReportStatus.ACKNOWLEDGED
    report.acknowledged_at = utcnow()
    report.acknowledged_by_id = actor.id
    db.session.flush()
    return report


def draft_period(period: Period, employer_ids: list[int] | None = None, progress=None) -> dict:
    """Draft (or refresh the draft of) every employer's report for the period; idempotent.

    Each employer's report is keyed by employer and period: a draft is regenerated, a sent
    or acknowledged one left alone, a missing one created. Commits after each employer so
    that memory and locks stay small however many employers there are.
    """
    counts = {"created": 0, "regenerated": 0, "unchanged": 0}
    for outcome, _ in drafted(period, employer_ids):
        counts[outcome] += 1
        if progress is not None:
            progress(1)
    return counts


def drafted(period: Period, employer_ids: list[int] | None = None):
    """(outcome, report id) for each employer as soon as its draft is committed, so that a
    caller can render one report while the next is drafted."""
    if employer_ids is None:
        employer_ids = employers_in_use()
    for employer_id in employer_ids:
        outcome, report_id = draft_one(employer_id, period)
        db.session.commit()
        db.session.expunge_all()
        yield outcome, report_id


def draft_one(employer_id: int, period: Period) -> tuple[str, int | None]:
    key = f"{employer_id}:{period.key}"
    report = db.session.scalar(sa.select(Report).where(Report.period_key == key))
    if report is not None:
        if report.status != ReportStatus.DRAFT:
            return "unchanged", report.id
        fill(report)
        return "regenerated", report.id
    report = Report(
        employer_id=employer_id,
        period_start=period.start,
        period_end=period.end,
        period_key=key,
    )
    fill(report)
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except sa.exc.IntegrityError:
        return "unchanged", None  # another run drafted it a moment ago
    return "created", report.id
