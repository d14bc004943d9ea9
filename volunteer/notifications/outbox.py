"""The `outbox` job: e-mails queued in the database leave over SMTP, once.

A run claims the due messages with one conditional UPDATE each (queued → sending, with
`claimed_until`) and commits, so that two runners never take the same message; then it sends
them over one SMTP connection and writes each outcome in its own commit: sent, or queued again
with a growing wait (1, 2, 4 … minutes, at most an hour), or failed after MAX_ATTEMPTS or a
permanent refusal of the address. A message left in `sending` by a crashed run is taken again
once `claimed_until` has passed. With VOLUNTEER_SMTP_URL unset, messages stay queued.

Attachments are a JSON list on the row, each `{"filename", "content_type"}` plus either
`"key"` (a file in volunteer.storage, written with `stored_attachment`) or `"base64"` (the
bytes inline, from `inline_attachment`; for small files).
"""

import base64
import smtplib
import ssl
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from urllib.parse import unquote, urlsplit

import sqlalchemy as sa
from flask import current_app

from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.notifications.models import Delivery, OutboxMessage
from volunteer.storage import storage

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
BATCH = 50
# A run stops taking new messages after SEND_BUDGET, well before its claim runs out.
CLAIM_FOR = timedelta(minutes=15)
SEND_BUDGET = timedelta(minutes=5)
SMTP_TIMEOUT = 10


@dataclass(frozen=True)
class SmtpServer:
    """Where and how to connect, from `smtp://[user:pass@]host:port` or `smtps://…`."""

    host: str
    port: int
    implicit_tls: bool
    username: str | None = None
    password: str | None = None


def parse_smtp_url(url: str) -> SmtpServer:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(
            "VOLUNTEER_SMTP_URL must look like smtp://[user:pass@]host:port or smtps://…"
        )
    implicit_tls = parts.scheme == "smtps"
    return SmtpServer(
        host=parts.hostname,
        port=parts.port or (465 if implicit_tls else 25),
        implicit_tls=implicit_tls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def stored_attachment(filename: str, content_type: str, data: bytes) -> dict:
    """An attachment kept as a file in the upload storage (reports: PDF, XLSX)."""
    suffix = "." + filename.rsplit(".", 1)[-1] if "." in filename else ""
    return {"filename": filename, "content_type": content_type, "key": storage().save(data, suffix)}


def inline_attachment(filename: str, content_type: str, data: bytes) -> dict:
    """A small attachment kept in the outbox row itself."""
    return {
        "filename": filename,
        "content_type": content_type,
        "base64": base64.b64encode(data).decode("ascii"),
    }


def attachment_bytes(attachment: dict) -> bytes:
    if "key" in attachment:
        return storage().read(attachment["key"])
    return base64.b64decode(attachment["base64"], validate=True)


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    """The e-mail of an outbox row. Its Message-ID is the row's, so that in the rare case of a
    second delivery (a crash between sending and recording it) mail clients can tell."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = f"<outbox-{message.id}.{int(message.created_at.timestamp())}@{domain}>"
    email.set_content(message.body, cte="base64")
    for attachment in message.attachments or []:
        maintype, _, subtype = attachment["content_type"].partition("/")
        email.add_attachment(
            attachment_bytes(attachment),
            maintype=maintype,
            subtype=subtype,
            filename=attachment["filename"],
        )
    return email


def connect(server: SmtpServer) -> smtplib.SMTP:
    """An authenticated connection: TLS from the start (smtps), else STARTTLS when offered."""
    context = ssl.create_default_context()
    if server.implicit_tls:
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=SMTP_TIMEOUT, context=context
        )
    else:
        connection = smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT)
    try:
        connection.ehlo()
        if not server.implicit_tls and connection.has_extn("starttls"):
            connection.starttls(context=context)
            connection.ehlo()
        if server.username:
            connection.login(server.username, server.password or "")
    except BaseException:
        connection.close()
        raise
    return connection


def hang_up(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


def due(now):
    """Queued and due, or claimed by a run that never finished."""
    return sa.or_(
        sa.and_(OutboxMessage.status == Delivery.QUEUED, OutboxMessage.next_attempt_at <= now),
        sa.and_(OutboxMessage.status == Delivery.SENDING, OutboxMessage.claimed_until < now),
    )


def claim_due(now, limit: int = BATCH) -> list[int]:
    """Take up to `limit` due messages for this run and commit; of two concurrent runs each
    message goes to exactly one (the UPDATE re-checks that it is still due)."""
    candidates = db.session.scalars(
        sa.select(OutboxMessage.id).where(due(now)).order_by(OutboxMessage.id).limit(limit)
    ).all()
    claimed = []
    for message_id in candidates:
        result = db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id == message_id, due(now))
            .values(status="sending", claimed_until=now + CLAIM_FOR)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]  # an UPDATE's CursorResult
            claimed.append(message_id)
    db.session.commit()
    return claimed


def record_failure(message: OutboxMessage, error: Exception, *, permanent: bool = False) -> str:
    """Back to the queue with a longer wait, or failed for good; returns the new status."""
    now = utcnow()
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    message.claimed_until = None
    if permanent or message.attempts >= MAX_ATTEMPTS:
        message.status = Delivery.FAILED
    else:
        message.status = Delivery.QUEUED
        message.next_attempt_at = now + backoff(message.attempts)
    db.session.commit()
    return message.status


def record_sent(message: OutboxMessage) -> None:
    message.attempts += 1
    message.status = Delivery.SENT
    message.sent_at = utcnow()
    message.claimed_until = None
    db.session.commit()


def give_back(message_ids: list[int]) -> None:
    """Messages this run claimed but did not try: due again at once, no attempt counted."""
    if message_ids:
        db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.id.in_(message_ids), OutboxMessage.status == Delivery.SENDING)
            .values(status="queued", claimed_until=None)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()


def refused_for_good(error: Exception) -> bool:
    """Every recipient refused with a 5xx answer: retrying the address will not help."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        500 <= code < 600 for code, _ in error.recipients.values()
    )


def connection_lost(error: Exception) -> bool:
    """The connection is gone (SMTPException is an OSError too, hence the second test)."""
    return isinstance(error, smtplib.SMTPServerDisconnected) or not isinstance(
        error, smtplib.SMTPException
    )


def deliver_outbox() -> str:
    """Send the due messages; see the module's docstring."""
    url = current_app.config.get("SMTP_URL")
    if not url:
        return "SMTP not configured"
    server = parse_smtp_url(url)
    sender = current_app.config["MAIL_FROM"]
    started = utcnow()
    ids = claim_due(started)
    if not ids:
        return "nothing to send"
    counts = {"sent": 0, "queued": 0, "failed": 0}
    try:
        connection = connect(server)
    except (smtplib.SMTPException, OSError) as error:
        for message_id in ids:
            counts[record_failure(db.session.get_one(OutboxMessage, message_id), error)] += 1
        return summary(counts, error)
    try:
        for position, message_id in enumerate(ids):
            if utcnow() - started > SEND_BUDGET:
                give_back(ids[position:])
                break
            message = db.session.get_one(OutboxMessage, message_id)
            try:
                email = build_email(message, sender)
            except (OSError, ValueError, KeyError) as error:
                counts[record_failure(message, error, permanent=True)] += 1
                continue
            to_address = message.to_address
            # No transaction stays open while the server talks: on SQLite a job's transaction
            # holds the write lock, which requests would otherwise wait for.
            db.session.commit()
            try:
                connection.send_message(email, to_addrs=[to_address])
            except (smtplib.SMTPException, OSError) as error:
                counts[record_failure(message, error, permanent=refused_for_good(error))] += 1
                if connection_lost(error):
                    give_back(ids[position + 1 :])
                    break
            else:
                record_sent(message)
                counts["sent"] += 1
    finally:
        hang_up(connection)
    return summary(counts)


def summary(counts: dict, error: Exception | None = None) -> str:
    text = f"sent {counts['sent']}, retrying {counts['queued']}, failed {counts['failed']}"
    return f"{text} ({type(error).__name__}: {error})"[:500] if error else text
