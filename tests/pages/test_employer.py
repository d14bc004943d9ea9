"""The employer contact's pages: its reports only, the rows, PDF and XLSX, acknowledging."""

from types import SimpleNamespace
from urllib.parse import unquote

import pytest

from tests import factories
from tests.pages.helpers import log_in, submit
from volunteer.extensions import db
from volunteer.organisations.models import Community, Employer
from volunteer.reports.models import Report

PERIOD = {"period_start": "2026-01-01", "period_end": "2026-06-30"}


@pytest.fixture
def reports(app, district):
    """The hospital's report (sent) with a member who did not consent, a draft of the
    hospital, and the tax office's report (another employer, sent)."""
    with app.app_context():
        community = db.session.get(Community, district.community)
        factories.MemberFactory(
            user=factories.resident_of(community, username="shy", display_name="李娜"),
            community=community,
            employer=db.session.get(Employer, district.employer),
            consent_employer_feedback=False,
            consent_version=None,
            consent_at=None,
        )
        db.session.commit()
    admin = district.api.admin
    ids = {
        name: admin.post("/reports", json={"employer_id": employer_id, **PERIOD}).json["id"]
        for name, employer_id in (
            ("sent", district.employer),
            ("draft", district.employer),
            ("foreign", district.other_employer),
        )
    }
    assert admin.post(f"/reports/{ids['sent']}/send").status_code == 200
    with app.app_context():  # sent as well (without rendering its files again)
        db.session.get(Report, ids["foreign"]).status = "sent"
        db.session.commit()
    return SimpleNamespace(**ids)


def status_of(app, report_id):
    with app.app_context():
        return db.session.get(Report, report_id).status


def test_the_list_shows_only_the_employers_own_reports(client, district, reports):
    log_in(client, "danwei")
    response = client.get("/employer/reports")
    assert response.status_code == 200
    page = response.data.decode()
    assert "<h1>反馈报告</h1>" in page
    assert "2026年上半年" in page
    assert f"/employer/reports/{reports.sent}" in page
    assert f"/employer/reports/{reports.draft}" not in page
    assert f"/employer/reports/{reports.foreign}" not in page
    assert "已发送，待签收" in page
    assert "草稿" not in page


def test_the_report_page_shows_the_rows(client, district, reports):
    log_in(client, "danwei")
    response = client.get(f"/employer/reports/{reports.sent}")
    assert response.status_code == 200
    page = response.data.decode()
    assert "市第一人民医院" in page
    assert "幸福里社区" in page
    assert "家电维修服务队" in page
    # The member who did not consent: the name, and nothing else.
    shy_row = page.split('<tr class="not-shared">')[1].split("</tr>")[0]
    assert "李娜" in shy_row
    assert "未授权共享" in shy_row
    assert "确认签收" in page
    # No resident or contact data on the employer's page.
    assert "13800138000" not in page
    assert "139" not in shy_row


def test_another_employers_report_is_404(client, district, reports, app):
    log_in(client, "danwei")
    base = f"/employer/reports/{reports.foreign}"
    for path in (base, base + "/pdf", base + "/xlsx"):
        assert client.get(path).status_code == 404
    response = submit(client, base + "/acknowledge", form_page="/employer/reports")
    assert response.status_code == 302
    assert status_of(app, reports.foreign) == "sent"


def test_pdf_download(client, district, reports):
    log_in(client, "danwei")
    response = client.get(f"/employer/reports/{reports.sent}/pdf")
    assert response.status_code == 200
    assert response.content_type == "application/pdf"
    assert response.data.startswith(b"%PDF")
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="report.pdf"' in disposition
    chinese = unquote(disposition.split("filename*=UTF-8''")[1])
    assert "市第一人民医院" in chinese
    assert chinese.endswith(".pdf")
    # The same file name as the API gives.
    api = district.api.contact.get(f"/reports/{reports.sent}/pdf")
    assert api.headers["Content-Disposition"] == disposition


def test_xlsx_download(client, district, reports):
    log_in(client, "danwei")
    response = client.get(f"/employer/reports/{reports.sent}/xlsx")
    assert response.status_code == 200
    assert response.content_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response.data.startswith(b"PK")
    assert len(response.data) > 1000
    assert unquote(response.headers["Content-Disposition"]).endswith(".xlsx")


def test_the_contact_acknowledges_a_sent_report(client, district, reports, app):
    log_in(client, "danwei")
    path = f"/employer/reports/{reports.sent}"
    response = submit(client, path + "/acknowledge", form_page=path)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(path)
    assert status_of(app, reports.sent) == "acknowledged"
    page = client.get(path).data.decode()
    assert "已确认签收" in page
    assert "签收于" in page
    assert "确认签收</button>" not in page


def test_a_draft_is_404_and_cannot_be_acknowledged(client, district, reports, app):
    log_in(client, "danwei")
    path = f"/employer/reports/{reports.draft}"
    for page in (path, path + "/pdf", path + "/xlsx"):
        assert client.get(page).status_code == 404, page
    response = submit(client, path + "/acknowledge", form_page="/employer/reports")
    assert response.status_code == 302
    assert status_of(app, reports.draft) == "draft"


def test_acknowledging_needs_the_csrf_token(client, district, reports, app):
    log_in(client, "danwei")
    response = client.post(f"/employer/reports/{reports.sent}/acknowledge")
    assert response.status_code == 400
    assert status_of(app, reports.sent) == "sent"


def test_others_may_not_open_the_employer_pages(client, district, reports):
    assert "/login" in client.get("/employer/reports").headers["Location"]
    log_in(client, "shuji")
    assert client.get("/employer/reports").status_code == 403
    assert client.get(f"/employer/reports/{reports.sent}").status_code == 404
    assert client.get(f"/employer/reports/{reports.sent}/pdf").status_code == 404


def test_the_reports_link_shows_in_the_role_bar(client, district, reports):
    log_in(client, "danwei")
    page = client.get("/").data.decode()
    assert 'href="/employer/reports"' in page
