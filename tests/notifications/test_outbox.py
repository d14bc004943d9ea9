"""The outbox job against a real SMTP server (aiosmtpd, in-process): nothing lost while the
server is down, nothing sent twice."""

import socket
import threading
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from volunteer.auth.models import User
from volunteer.db import utcnow
from volunteer.extensions import db
from volunteer.jobs.runner import run_job
from volunteer.notifications.models import OutboxMessage
from volunteer.notifications.outbox import (
    MAX_ATTEMPTS,
    SmtpServer,
    backoff,
    deliver_outbox,
    inline_attachment,
    parse_smtp_url,
    stored_attachment,
)
from volunteer.notifications.services import queue_email

SUBJECT = "[社区志愿服务] 督办：工单“修理暖气”已超过办结时限"
BODY = "督办：工单“修理暖气”已超过办结时限，请尽快处理。\n\n—— 三单制志愿服务"


class Inbox:
    """An aiosmtpd handler that keeps what it receives and refuses the addresses in `refuse`."""

    def __init__(self):
        self.messages = []
        self.authenticated = []
        self.refuse = set()
        self.while_receiving = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.while_receiving is not None:
            self.while_receiving()
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.authenticated.append(session.authenticated)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_port(app) -> int:
    """A port where nothing listens yet; the app sends there."""
    port = free_port()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    return port


@pytest.fixture
def mail_server(smtp_port):
    """`mail_server(**options)` starts aiosmtpd on smtp_port and returns its Inbox."""
    controllers = []

    def start(**options) -> Inbox:
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port, **options)
        controller.start()
        controllers.append(controller)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


def queue(app, to="shuji@example.cn", subject=SUBJECT, body=BODY, **changes) -> int:
    with app.app_context():
        message = queue_email(to, subject, body)
        for name, value in changes.items():
            setattr(message, name, value)
        db.session.commit()
        return message.id


def queue_with(app, attachments) -> int:
    """Queue a message whose attachments are built inside the app (storage needs it)."""
    with app.app_context():
        message = queue_email(
            "party1@employer.example.cn", "反馈报告", BODY, attachments(), "report", 1
        )
        db.session.commit()
        return message.id


def row(app, message_id: int) -> dict:
    with app.app_context():
        message = db.session.get(OutboxMessage, message_id)
        return {column.key: getattr(message, column.key) for column in OutboxMessage.__table__.c}


def outbox(app) -> str:
    outcome = run_job(app, "outbox")
    assert outcome.ok, outcome.result
    return outcome.result


def test_without_smtp_messages_stay_queued(app):
    app.config["SMTP_URL"] = None
    message_id = queue(app)

    assert outbox(app) == "SMTP not configured"

    assert (row(app, message_id)["status"], row(app, message_id)["attempts"]) == ("queued", 0)


def test_a_message_queued_while_the_server_is_down_arrives_once_when_it_is_back(
    app, mail_server, time_machine
):
    message_id = queue(app)

    result = outbox(app)

    assert result.startswith("sent 0, retrying 1, failed 0 (ConnectionRefusedError")
    waiting = row(app, message_id)
    assert (waiting["status"], waiting["attempts"]) == ("queued", 1)
    assert waiting["next_attempt_at"] > utcnow() + timedelta(seconds=50)
    assert "ConnectionRefusedError" in waiting["last_error"]

    inbox = mail_server()
    assert outbox(app) == "nothing to send"  # still waiting out the backoff
    assert inbox.messages == []

    time_machine.move_to(waiting["next_attempt_at"] + timedelta(seconds=1))
    assert outbox(app) == "sent 1, retrying 0, failed 0"
    assert outbox(app) == "nothing to send"

    [received] = inbox.messages
    assert received["Subject"] == SUBJECT
    assert received["To"] == "shuji@example.cn"
    assert received["From"] == "volunteer@localhost"
    assert received.get_content() == BODY + "\n"
    sent = row(app, message_id)
    assert (sent["status"], sent["attempts"], sent["claimed_until"]) == ("sent", 2, None)
    assert sent["sent_at"] is not None


def test_attachments_arrive_with_their_names_and_bytes(app, mail_server):
    inbox = mail_server()
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 8
    xlsx = b"PK\x03\x04" + b"\x00\xff" * 300
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    queue_with(
        app,
        lambda: [
            stored_attachment("2026年下半年反馈报告.pdf", "application/pdf", pdf),
            inline_attachment("名单.xlsx", xlsx_type, xlsx),
        ],
    )

    assert outbox(app) == "sent 1, retrying 0, failed 0"

    [received] = inbox.messages
    assert received.get_body(("plain",)).get_content() == BODY + "\n"
    attachments = [
        (part.get_filename(), part.get_content_type(), part.get_content())
        for part in received.iter_attachments()
    ]
    assert attachments == [
        ("2026年下半年反馈报告.pdf", "application/pdf", pdf),
        ("名单.xlsx", xlsx_type, xlsx),
    ]


def test_a_message_left_sending_by_a_crashed_run_is_sent_after_its_claim_expires(
    app, mail_server, time_machine
):
    inbox = mail_server()
    claimed_until = utcnow() + timedelta(minutes=15)
    message_id = queue(app, status="sending", claimed_until=claimed_until)

    assert outbox(app) == "nothing to send"

    time_machine.move_to(claimed_until + timedelta(seconds=1))
    assert outbox(app) == "sent 1, retrying 0, failed 0"
    assert outbox(app) == "nothing to send"
    assert len(inbox.messages) == 1
    assert row(app, message_id)["status"] == "sent"


def test_a_refused_address_fails_for_good_and_the_others_still_go(app, mail_server):
    inbox = mail_server()
    inbox.refuse.add("nobody@example.cn")
    refused = queue(app, to="nobody@example.cn")
    fine = queue(app)

    assert outbox(app) == "sent 1, retrying 0, failed 1"

    failed = row(app, refused)
    assert (failed["status"], failed["attempts"]) == ("failed", 1)
    assert "550" in failed["last_error"]
    assert row(app, fine)["status"] == "sent"
    assert [message["To"] for message in inbox.messages] == ["shuji@example.cn"]


def test_after_the_last_attempt_the_message_is_failed(app, smtp_port, time_machine):
    message_id = queue(app, attempts=MAX_ATTEMPTS - 1)

    assert outbox(app).startswith("sent 0, retrying 0, failed 1")

    time_machine.move_to(utcnow() + timedelta(hours=2))
    assert outbox(app) == "nothing to send"
    assert (row(app, message_id)["status"], row(app, message_id)["attempts"]) == (
        "failed",
        MAX_ATTEMPTS,
    )


def test_two_runs_at_once_send_every_message_exactly_once(app, mail_server):
    inbox = mail_server()
    ids = [queue(app, subject=f"{SUBJECT} #{n}") for n in range(20)]
    start = threading.Barrier(2)
    results, errors = [], []

    def deliver():
        with app.app_context():
            start.wait()
            try:
                results.append(deliver_outbox())
            except Exception as error:  # reported below, not lost in the thread
                errors.append(error)

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    subjects = sorted(message["Subject"] for message in inbox.messages)
    assert subjects == sorted(f"{SUBJECT} #{n}" for n in range(20))
    assert len({message["Message-ID"] for message in inbox.messages}) == 20
    with app.app_context():
        statuses = db.session.scalars(
            sa.select(OutboxMessage.status).where(OutboxMessage.id.in_(ids))
        ).all()
    assert set(statuses) == {"sent"}


def test_the_database_stays_writable_while_a_message_is_being_sent(app, district, mail_server):
    inbox = mail_server()
    written = []

    def write_meanwhile():
        """What a request does while the outbox job waits for the server (SQLite: no lock)."""
        with app.app_context():
            db.session.get(User, district.resident).email = "jumin@example.cn"
            db.session.commit()
            written.append(True)

    inbox.while_receiving = write_meanwhile
    queue(app)

    assert outbox(app) == "sent 1, retrying 0, failed 0"
    assert written == [True]


def test_logs_in_with_the_user_and_password_of_the_url(app, smtp_port, mail_server):
    logins = []

    def authenticate(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=logins[-1] == (b"mailer", b"p@ss:1/2"))

    inbox = mail_server(authenticator=authenticate, auth_require_tls=False)
    app.config["SMTP_URL"] = f"smtp://mailer:p%40ss%3A1%2F2@127.0.0.1:{smtp_port}"
    queue(app)

    assert outbox(app) == "sent 1, retrying 0, failed 0"
    assert logins == [(b"mailer", b"p@ss:1/2")]
    assert inbox.authenticated == [True]


@pytest.mark.parametrize(
    ("url", "server"),
    [
        ("smtp://mail.example.cn:587", SmtpServer("mail.example.cn", 587, False)),
        ("smtp://mail.example.cn", SmtpServer("mail.example.cn", 25, False)),
        (
            "smtps://u%40x:p%2Fw@mail.example.cn",
            SmtpServer("mail.example.cn", 465, True, "u@x", "p/w"),
        ),
    ],
)
def test_smtp_urls(url, server):
    assert parse_smtp_url(url) == server


@pytest.mark.parametrize("url", ["http://mail.example.cn", "smtp://", "mail.example.cn:25"])
def test_bad_smtp_urls_are_refused(url):
    with pytest.raises(ValueError, match="VOLUNTEER_SMTP_URL"):
        parse_smtp_url(url)


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n) // timedelta(minutes=1) for n in range(1, 10)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        60,
        60,
        60,
    ]
