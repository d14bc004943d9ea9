"""Files and e-mail: a report's PDF and XLSX, sending through the outbox, delivery states."""

from urllib.parse import quote

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from volunteer.auth.access import Actor
from volunteer.db import utcnow
from volunteer.errors import Conflict
from volunteer.extensions import db
from volunteer.i18n import state_name
from volunteer.notifications.models import OutboxMessage
from volunteer.notifications.outbox import stored_attachment
from volunteer.notifications.services import queue_email
from volunteer.reports import pdf, xlsx
from volunteer.reports.document import document_of
from volunteer.reports.models import Report, ReportStatus
from volunteer.reports.rows import consenting_among, hide_unshared
from volunteer.reports.services import manage_report

SUBJECT_TYPE = "report"


def visible_rows(report: Report) -> list[dict]:
    """The snapshot's rows less what members have withdrawn consent for since."""
    return hide_unshared(report.rows, consenting_among(report.rows))


def report_file(report: Report, kind: str) -> tuple[bytes, str, str]:
    """(bytes, content type, filename) of the report's PDF or XLSX, as it may be shown now."""
    doc = document_of(report, visible_rows(report))
    if kind == "pdf":
        return pdf.render_pdf(doc), pdf.CONTENT_TYPE, f"{doc.filename_stem}.pdf"
    return xlsx.render_xlsx(doc), xlsx.CONTENT_TYPE, f"{doc.filename_stem}.xlsx"


def content_disposition(filename: str) -> str:
    """An attachment header with an ASCII fallback and the Chinese name (RFC 5987/6266)."""
    extension = filename.rsplit(".", 1)[-1]
    return f"attachment; filename=\"report.{extension}\"; filename*=UTF-8''{quote(filename)}"


def send_report(actor: Actor, report_id: int) -> Report:
    """Freeze the draft and queue one e-mail per report address with both files attached,
    in this transaction; the outbox job delivers them after the commit."""
    report = manage_report(actor, report_id)
    if report.status != ReportStatus.DRAFT:
        raise Conflict(
            _l(
                "The report is %(status)s; only a draft can be sent.",
                status=state_name(report.status, ReportStatus.labels()),
            )
        )
    addresses = list(dict.fromkeys(report.employer.report_emails or []))
    if not addresses:
        raise Conflict(_l("The employer has no report e-mail address."))
    report.rows = visible_rows(report)
    report.status = ReportStatus.SENT
    report.sent_at = utcnow()
    report.sent_by_id = actor.id
    doc = document_of(report, report.rows)
    files = [
        stored_attachment(f"{doc.filename_stem}.pdf", pdf.CONTENT_TYPE, pdf.render_pdf(doc)),
        stored_attachment(f"{doc.filename_stem}.xlsx", xlsx.CONTENT_TYPE, xlsx.render_xlsx(doc)),
    ]
    report.pdf_key, report.xlsx_key = files[0]["key"], files[1]["key"]
    subject = f"{doc.title}（{doc.employer} {doc.period.label}）"
    for address in addresses:
        queue_email(
            address,
            subject,
            email_body(doc),
            attachments=files,
            subject_type=SUBJECT_TYPE,
            subject_id=report.id,
        )
    db.session.flush()
    return report


def email_body(doc) -> str:
    return (
        f"{doc.party_org}：\n\n"
        f"现将贵单位在职党员{doc.period.label}到居住地社区报到、参与社区志愿服务的情况反馈如下，"
        f"详见附件《{doc.title}》（PDF 与 Excel 各一份）。本期共 {len(doc.rows)} 名党员报到，"
        f"其中 {doc.shared_count} 名授权共享服务记录；未授权的党员仅列姓名。\n\n"
        "请贵单位党组织在“社区志愿服务”系统中确认签收，并将反馈情况作为党员年度考核、"
        "民主评议的参考。\n\n"
        f"{doc.issuer}\n"
        f"{doc.issued_on.year}年{doc.issued_on.month}月{doc.issued_on.day}日\n"
    )


def deliveries_of(report_ids: list[int]) -> dict[int, list[dict]]:
    """Each report's e-mails from the outbox: address, state, attempts, when sent."""
    deliveries: dict[int, list[dict]] = {}
    if not report_ids:
        return deliveries
    for message in db.session.scalars(
        sa.select(OutboxMessage)
        .where(
            OutboxMessage.subject_type == SUBJECT_TYPE,
            OutboxMessage.subject_id.in_(report_ids),
        )
        .order_by(OutboxMessage.id)
    ):
        deliveries.setdefault(message.subject_id, []).append(  # type: ignore[arg-type]
            {
                "address": message.to_address,
                "status": message.status,
                "attempts": message.attempts,
                "sent_at": message.sent_at,
                "last_error": message.last_error,
            }
        )
    return deliveries
