"""Sending a report: one e-mail per report address with both files, delivered by the outbox
job to a real SMTP server (aiosmtpd), and each address's state on the report."""

import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from openpyxl import load_workbook

from volunteer.extensions import db
from volunteer.jobs.runner import run_job
from volunteer.organisations.models import Employer
from volunteer.reports.document import TITLE

ADDRESSES = ["dangwei@hospital.example.cn", "zuzhibu@hospital.example.cn"]


class Inbox:
    """Keeps every message aiosmtpd receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox(app):
    port = free_port()
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{port}"
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler
    controller.stop()


@pytest.fixture
def two_addresses(app, district):
    with app.app_context():
        db.session.get(Employer, district.employer).report_emails = ADDRESSES
        db.session.commit()


def test_sending_queues_one_mail_per_address_and_shows_their_state(district, draft, two_addresses):
    sent = district.api.street_admin.post(f"/reports/{draft['id']}/send")
    assert sent.status_code == 200, sent.json
    assert sent.json["status"] == "sent" and sent.json["sent_at"]
    states = {d["address"]: d["status"] for d in sent.json["deliveries"]}
    assert states == dict.fromkeys(ADDRESSES, "queued")


def test_the_outbox_job_delivers_both_files_in_chinese(
    app, district, draft, two_addresses, inbox, tmp_path
):
    district.api.admin.post(f"/reports/{draft['id']}/send")
    outcome = run_job(app, "outbox")
    assert outcome.ok, outcome.result
    assert sorted(rcpt for rcpts, _ in inbox.messages for rcpt in rcpts) == sorted(ADDRESSES)
    _, message = inbox.messages[0]
    assert TITLE in message["Subject"] and "市第一人民医院" in message["Subject"]
    assert "附件" in message.get_body(preferencelist=("plain",)).get_content()
    files = {part.get_filename(): part for part in message.iter_attachments()}
    stem = f"{TITLE}-市第一人民医院-2026年上半年"
    assert set(files) == {f"{stem}.pdf", f"{stem}.xlsx"}
    pdf = files[f"{stem}.pdf"]
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content().startswith(b"%PDF-")
    xlsx = tmp_path / "report.xlsx"
    xlsx.write_bytes(files[f"{stem}.xlsx"].get_content())
    names = [row[1] for row in load_workbook(xlsx).active.iter_rows(min_row=4, values_only=True)]
    assert "张伟" in names

    report = district.api.admin.get(f"/reports/{draft['id']}").json
    assert {d["status"] for d in report["deliveries"]} == {"sent"}
    contact_view = district.api.contact.get(f"/reports/{draft['id']}").json
    assert all(d["last_error"] is None for d in contact_view["deliveries"])


def test_an_employer_without_report_addresses_cannot_be_sent_to(app, district, draft):
    with app.app_context():
        db.session.get(Employer, district.employer).report_emails = []
        db.session.commit()
    response = district.api.admin.post(f"/reports/{draft['id']}/send")
    assert response.status_code == 409
    assert district.api.admin.get(f"/reports/{draft['id']}").json["status"] == "draft"


def test_consent_withdrawn_before_sending_is_respected_in_the_frozen_rows(district, draft):
    consent = {"consent_employer_feedback": False}
    district.api.member.put(f"/members/{district.member}/consent", json=consent)
    sent = district.api.admin.post(f"/reports/{draft['id']}/send").json
    assert all(set(row) == {"member_id", "display_name", "consent"} for row in sent["rows"])
